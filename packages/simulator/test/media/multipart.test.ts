import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart, type MultipartForm } from '../../src/media/multipart';

/** POSTs `body` with `contentType` to a server that parses it; resolves the form or the error message. */
async function parse(body: Buffer, contentType: string, maxFileBytes = 1024): Promise<MultipartForm | string> {
  let result: MultipartForm | string = '';
  const server = http.createServer((req, res) => {
    parseMultipart(req, maxFileBytes).then(
      (form) => (result = form),
      (err: Error) => (result = err.message),
    ).finally(() => res.end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'POST', body, headers: { 'Content-Type': contentType } }).then((r) => r.text());
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  return result;
}

const form = (parts: string[], boundary = 'B'): Buffer => Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`, 'utf8');
const field = (name: string, value: string): string => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
const file = (name: string, data: string): string => `Content-Disposition: form-data; name="filename"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${data}`;

describe('simulator multipart parsing (webwxuploadmedia forms)', () => {
  it('reads fields (the first of a repeated name) and the file with its UTF-8 name, type and bytes', async () => {
    const got = await parse(form([field('id', 'WU_FILE_0'), field('name', '报告.pdf'), field('id', 'again'), file('报告.pdf', '%PDF-1.4')]), 'multipart/form-data; boundary=B');
    if (typeof got === 'string') throw new Error(got);
    expect(Object.fromEntries(got.fields)).toEqual({ id: 'WU_FILE_0', name: '报告.pdf' });
    expect(got.file).toMatchObject({ field: 'filename', filename: '报告.pdf', mimeType: 'application/pdf', size: 8, truncated: false });
    expect(Buffer.concat(got.file?.data ?? []).toString()).toBe('%PDF-1.4');
  });

  it('marks a file over the limit as truncated, and keeps only the first file', async () => {
    const got = await parse(form([file('a.pdf', 'x'.repeat(100)), file('b.pdf', 'y')]), 'multipart/form-data; boundary=B', 10);
    if (typeof got === 'string') throw new Error(got);
    expect(got.file).toMatchObject({ filename: 'a.pdf', size: 10, truncated: true });
  });

  it('rejects a body that is not multipart', async () => {
    expect(await parse(Buffer.from('{}'), 'application/json')).toMatch(/Unsupported content type/);
  });
});
