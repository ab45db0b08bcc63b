import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';

/** A parsed multipart/form-data request: text fields and the (single) file part. */
export interface MultipartForm {
  fields: Map<string, string>;
  file?: { field: string; filename: string; mimeType: string; data: Buffer[]; size: number; truncated: boolean };
}

/**
 * Parses the upload form with busboy, streaming the file part into chunks
 * (never one big concatenation). Non-ASCII names arrive in the forms real
 * clients use: raw UTF-8 in `filename="…"` (browsers; hence
 * `defParamCharset: 'utf8'` instead of busboy's latin1 default) or
 * RFC 5987 `filename*=UTF-8''…`. Rejects a non-multipart body.
 */
export function parseMultipart(req: IncomingMessage, maxFileBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: maxFileBytes, files: 1, fields: 64, fieldSize: 1024 * 1024 } });
    } catch (err) {
      // Drain so the connection stays usable, then report.
      req.resume();
      reject(err);
      return;
    }
    const form: MultipartForm = { fields: new Map() };
    parser.on('field', (name, value) => {
      if (!form.fields.has(name)) form.fields.set(name, value);
    });
    parser.on('file', (field, stream, info) => {
      const file = { field, filename: info.filename ?? '', mimeType: info.mimeType, data: [] as Buffer[], size: 0, truncated: false };
      if (!form.file) form.file = file;
      stream.on('data', (chunk: Buffer) => {
        file.data.push(chunk);
        file.size += chunk.length;
      });
      stream.on('limit', () => {
        file.truncated = true;
      });
    });
    parser.on('close', () => resolve(form));
    parser.on('error', reject);
    req.on('error', reject);
    req.pipe(parser);
  });
}
