import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import type { SimResponse } from './response';

const gzipAsync = promisify(gzip);
const deflateAsync = promisify(deflate);

type Coding = 'gzip' | 'deflate';

/**
 * The coding the client accepts, gzip first (what the real front ends pick for a browser that
 * offers both). `q=0` refuses a coding; anything unparsable counts as not offered.
 */
export function pickCoding(acceptEncoding: string | string[] | undefined): Coding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return undefined;
  const offered = new Set<string>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (q !== undefined && Number(q) === 0) continue;
    offered.add(name.trim());
  }
  if (offered.has('gzip') || offered.has('x-gzip') || offered.has('*')) return 'gzip';
  if (offered.has('deflate')) return 'deflate';
  return undefined;
}

/**
 * A JSON API answer compressed for a client that accepts it (protocol.md 3.6: JSON APIs are
 * "usually gzip/deflate"), with `Content-Encoding` and `Vary`. Everything else passes unchanged:
 * media, `text/javascript` login and synccheck bodies, control answers. Compression runs on the
 * thread pool so a large webwxsync batch does not hold the simulator's event loop.
 */
export async function compressFor(response: SimResponse, acceptEncoding: string | string[] | undefined): Promise<SimResponse> {
  if (!response.compressible || typeof response.body !== 'string') return response;
  const coding = pickCoding(acceptEncoding);
  if (!coding) return response;
  const raw = Buffer.from(response.body, 'utf8');
  const body = coding === 'gzip' ? await gzipAsync(raw) : await deflateAsync(raw);
  return { ...response, body, compressible: false, headers: { ...response.headers, 'Content-Encoding': coding, Vary: 'Accept-Encoding' } };
}
