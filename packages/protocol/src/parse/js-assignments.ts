/**
 * A small explicit parser for the JavaScript-assignment bodies webwx serves
 * (`window.QRLogin.code = 200; window.QRLogin.uuid = "...";`,
 * `window.synccheck={retcode:"0",selector:"2"}`). It accepts exactly:
 *   body       := (statement (';' | newline)*)*
 *   statement  := path '=' value
 *   path       := ident ('.' ident)*
 *   value      := number | string | object
 *   object     := '{' (key ':' value (',' key ':' value)*)? ','? '}'
 *   key        := ident | string
 * Strings are single- or double-quoted with backslash escapes. Anything else is an
 * error: server text is data, never code.
 */

export type JsValue = number | string | { readonly [key: string]: JsValue };

/** Thrown for input outside the grammar; callers wrap it in MalformedBodyError. */
export class JsSyntaxError extends Error {}

const IDENT = /[A-Za-z_$][\w$]*/y;
// Real bodies nest one level (`window.synccheck={...}`); the limit keeps hostile input from
// turning into a stack overflow instead of a typed error.
const MAX_DEPTH = 16;
const NUMBER = /-?\d+(?:\.\d+)?/y;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(alsoSeparators = false): void {
    const sep = alsoSeparators ? /[\s;]*/y : /[ \t\r]*/y;
    sep.lastIndex = this.pos;
    sep.exec(this.text);
    this.pos = sep.lastIndex;
  }

  done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  expect(ch: string): void {
    this.skipSpace();
    if (this.peek() !== ch) throw new JsSyntaxError(`expected "${ch}" at ${this.pos}, found ${JSON.stringify(this.peek() || 'end')}`);
    this.pos++;
  }

  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }
}

function parseString(c: Cursor): string {
  const quote = c.peek();
  c.pos++;
  let out = '';
  for (;;) {
    const ch = c.text[c.pos++];
    if (ch === undefined) throw new JsSyntaxError('unterminated string');
    if (ch === quote) return out;
    if (ch === '\\') {
      const esc = c.text[c.pos++];
      if (esc === undefined) throw new JsSyntaxError('unterminated escape');
      out += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : esc;
    } else {
      out += ch;
    }
  }
}

function parseObject(c: Cursor, depth: number): { [key: string]: JsValue } {
  if (depth > MAX_DEPTH) throw new JsSyntaxError(`objects nested deeper than ${MAX_DEPTH} levels at ${c.pos}`);
  c.expect('{');
  const obj: { [key: string]: JsValue } = {};
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === '}') {
      c.pos++;
      return obj;
    }
    const key = c.peek() === '"' || c.peek() === "'" ? parseString(c) : c.match(IDENT);
    if (key === undefined) throw new JsSyntaxError(`expected an object key at ${c.pos}`);
    c.expect(':');
    obj[key] = parseValue(c, depth + 1);
    c.skipSpace(true);
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== '}') throw new JsSyntaxError(`expected "," or "}" at ${c.pos}`);
  }
}

function parseValue(c: Cursor, depth = 0): JsValue {
  c.skipSpace(true);
  const ch = c.peek();
  if (ch === '"' || ch === "'") return parseString(c);
  if (ch === '{') return parseObject(c, depth);
  const num = c.match(NUMBER);
  if (num !== undefined) return Number(num);
  throw new JsSyntaxError(`expected a value at ${c.pos}, found ${JSON.stringify(ch || 'end')}`);
}

function parsePath(c: Cursor): string {
  const parts: string[] = [];
  for (;;) {
    c.skipSpace();
    const id = c.match(IDENT);
    if (id === undefined) throw new JsSyntaxError(`expected a name at ${c.pos}`);
    parts.push(id);
    if (c.peek() !== '.') return parts.join('.');
    c.pos++;
  }
}

/**
 * Parse all assignments of a body into a map from the assigned path to its value.
 * @example parseJsAssignments('window.code=408;').get('window.code') === 408
 */
export function parseJsAssignments(text: string): Map<string, JsValue> {
  const c = new Cursor(text);
  const out = new Map<string, JsValue>();
  c.skipSpace(true);
  while (!c.done()) {
    const path = parsePath(c);
    c.expect('=');
    out.set(path, parseValue(c));
    c.skipSpace();
    if (!c.done() && !/[;\n]/.test(c.peek())) throw new JsSyntaxError(`expected ";" or end at ${c.pos}`);
    c.skipSpace(true);
  }
  if (out.size === 0) throw new JsSyntaxError('empty body');
  return out;
}
