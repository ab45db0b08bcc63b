// A minimal multipart/form-data parser for tests: independent of the builder, byte-exact.
export interface ParsedPart {
  name: string;
  fileName: string | undefined;
  contentType: string | undefined;
  /** Raw header block (UTF-8). */
  headers: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string {
  const m = /^multipart\/form-data; boundary=(.+)$/.exec(contentType);
  if (!m?.[1]) throw new Error(`not multipart: ${contentType}`);
  return m[1];
}

export function parseMultipart(body: Buffer, boundary: string): ParsedPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: ParsedPart[] = [];
  if (body.indexOf(delimiter) !== 0) throw new Error('body does not start with the boundary');
  let pos = delimiter.length;
  for (;;) {
    const after = body.subarray(pos, pos + 2).toString('latin1');
    if (after === '--') {
      if (body.subarray(pos + 2).toString('latin1') !== '\r\n') throw new Error('bad closing delimiter');
      return parts;
    }
    if (after !== '\r\n') throw new Error(`expected CRLF after boundary at ${pos}`);
    const headStart = pos + 2;
    const headEnd = body.indexOf('\r\n\r\n', headStart);
    if (headEnd < 0) throw new Error('no header end');
    const headers = body.subarray(headStart, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) throw new Error('no next boundary');
    const data = body.subarray(headEnd + 4, next);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name === undefined) throw new Error(`no name in ${headers}`);
    parts.push({ name, fileName: /filename="([^"]*)"/.exec(headers)?.[1], contentType: /Content-Type: (.+)/.exec(headers)?.[1], headers, data });
    pos = next + 2 + delimiter.length;
  }
}
