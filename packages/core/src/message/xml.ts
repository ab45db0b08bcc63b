import { parseString } from 'xml2js';

/** A parsed element: child elements by tag name, attributes under `$`, text under `_`. */
export type XmlNode = { readonly [key: string]: unknown };

const OPTIONS = { explicitArray: false, explicitRoot: true, trim: true, async: false } as const;

function tryParse(xml: string): XmlNode | undefined {
  let result: XmlNode | undefined;
  // With `async: false` xml2js calls back synchronously, before parseString returns.
  try {
    parseString(xml, OPTIONS, (error: Error | null, value: unknown) => {
      if (!error && value !== null && typeof value === 'object') result = value as XmlNode;
    });
  } catch {
    result = undefined;
  }
  return result;
}

/**
 * Parses decoded message XML, never throwing: malformed input gives `undefined`.
 * A second attempt escapes bare `&` (seen in URLs of hand-built XML), which strict XML rejects.
 * @example
 * parseXml('<msg><emoji md5="abc"/></msg>'); // { msg: { emoji: { $: { md5: 'abc' } } } }
 */
export function parseXml(xml: string): XmlNode | undefined {
  const trimmed = xml.trim();
  if (!trimmed.startsWith('<')) return undefined;
  return tryParse(trimmed) ?? tryParse(trimmed.replace(/&(?!(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);)/g, '&amp;'));
}

function asNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return asNode(value[0]);
  return value !== null && typeof value === 'object' ? (value as XmlNode) : undefined;
}

/**
 * Walks child elements by tag name; the first element wins where a tag repeats.
 * @example
 * xmlChild(doc, 'msg', 'appmsg');
 */
export function xmlChild(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = asNode(current?.[name]);
  return current;
}

/**
 * Text of the element at `path` ('' when absent). Handles elements with attributes (text in `_`).
 * @example
 * xmlText(doc, 'msg', 'appmsg', 'title');
 */
export function xmlText(node: XmlNode | undefined, ...path: string[]): string {
  const last = path[path.length - 1];
  const parent = xmlChild(node, ...path.slice(0, -1));
  let value: unknown = last === undefined ? node : parent?.[last];
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'string') return value;
  const inner = asNode(value)?.['_'];
  return typeof inner === 'string' ? inner : '';
}

/**
 * An attribute of `node` ('' when absent).
 * @example
 * xmlAttr(xmlChild(doc, 'msg', 'emoji'), 'md5');
 */
export function xmlAttr(node: XmlNode | undefined, name: string): string {
  const attrs = asNode(node?.['$']);
  const value = attrs?.[name];
  return typeof value === 'string' ? value : '';
}

/** Parses a decimal string; undefined for '', garbage and negatives. */
export function toCount(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
