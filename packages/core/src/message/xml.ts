import { Parser } from 'xml2js';
import { WxbotError } from '../errors/wxbot-error';

/** A parsed element: child elements by tag name, attributes under `$`, text under `_`. */
export type XmlNode = { readonly [key: string]: unknown };

/**
 * Limits on message XML, which any stranger writes. Real app messages, cards and notices are a
 * few KiB and a dozen levels deep; above these they are refused unparsed (WXBOT_XML_REJECTED).
 */
export const XML_LIMITS = Object.freeze({ maxChars: 256 * 1024, maxDepth: 64 });

const OPTIONS = { explicitArray: false, explicitRoot: true, trim: true, async: false } as const;
// sax never reads external entities and, in xml2js's strict mode, fails on undefined ones; a
// document type declaration is still refused before parsing, so no entity table ever exists.
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;

class TooDeep extends Error {}

function reject(reason: string, xml: string): WxbotError {
  return new WxbotError('WXBOT_XML_REJECTED', `message XML refused unparsed: ${reason}`, { reason, chars: xml.length });
}

interface SaxHooks {
  saxParser: { onopentag: (node: unknown) => void; onclosetag: (name: string) => void };
}

function tryParse(xml: string): XmlNode | undefined {
  let result: XmlNode | undefined;
  let tooDeep = false;
  const parser = new Parser(OPTIONS);
  // Count depth in sax's own callbacks (xml2js keeps its stack there): the only exact measure.
  const sax = (parser as unknown as SaxHooks).saxParser;
  const open = sax.onopentag;
  const close = sax.onclosetag;
  let depth = 0;
  sax.onopentag = (node) => {
    if (++depth > XML_LIMITS.maxDepth) throw new TooDeep();
    open(node);
  };
  sax.onclosetag = (name) => {
    depth--;
    close(name);
  };
  // With `async: false` xml2js calls back synchronously, before parseString returns.
  try {
    parser.parseString(xml, (error: Error | null, value: unknown) => {
      if (error instanceof TooDeep) tooDeep = true;
      else if (!error && value !== null && typeof value === 'object') result = value as XmlNode;
    });
  } catch (error) {
    if (error instanceof TooDeep) tooDeep = true;
    result = undefined;
  }
  if (tooDeep) throw reject(`nested deeper than ${XML_LIMITS.maxDepth} elements`, xml);
  return result;
}

/**
 * Parses decoded message XML: malformed input gives `undefined`, hostile input throws
 * `WXBOT_XML_REJECTED` (more than {@link XML_LIMITS} `maxChars` characters or `maxDepth` levels,
 * or a DOCTYPE/ENTITY declaration), in time and memory bounded by the size limit.
 * A second attempt escapes bare `&` (seen in URLs of hand-built XML), which strict XML rejects.
 * @example
 * parseXml('<msg><emoji md5="abc"/></msg>'); // { msg: { emoji: { $: { md5: 'abc' } } } }
 */
export function parseXml(xml: string): XmlNode | undefined {
  if (xml.length > XML_LIMITS.maxChars) throw reject(`${xml.length} characters, more than ${XML_LIMITS.maxChars}`, xml);
  const trimmed = xml.trim();
  if (!trimmed.startsWith('<')) return undefined;
  if (DECLARATION.test(trimmed)) throw reject('a DOCTYPE or ENTITY declaration (entity expansion is never allowed)', xml);
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
