import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServerError } from './errors';

/** Where the generated token is kept, inside the bot's home. */
export const TOKEN_FILE = 'api-token';

/** A bind address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Where the token came from: `generated` means it is new and should be shown once. */
export interface ResolvedToken {
  token: string;
  source: 'configured' | 'stored' | 'generated';
}

/**
 * The token every `/api` request must carry. A configured one wins; otherwise the one stored in
 * `<home>/api-token` (0600), created on first use. Binding to a non-loopback address without a
 * configured token throws WXBOT_API_TOKEN_REQUIRED: a token generated on a server nobody watches
 * would sit in a log line, and the API would be open to the network until someone reads it.
 * @example const { token, source } = await resolveToken({ home, host: '127.0.0.1' });
 */
export async function resolveToken(options: { home: string; host: string; token?: string | undefined }): Promise<ResolvedToken> {
  if (options.token) return { token: options.token, source: 'configured' };
  if (!isLoopback(options.host)) {
    throw new ServerError(
      'WXBOT_API_TOKEN_REQUIRED',
      `the control API would listen on ${options.host}, reachable from other machines, without a token; set api.token in the config or WXBOT_API_TOKEN (or bind to 127.0.0.1)`,
    );
  }
  const file = path.join(options.home, TOKEN_FILE);
  const stored = await readFile(file, 'utf8').then((t) => t.trim(), () => '');
  if (stored) return { token: stored, source: 'stored' };
  const token = randomBytes(24).toString('base64url');
  await mkdir(options.home, { recursive: true, mode: 0o700 });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { token, source: 'generated' };
}

/** Compares in constant time (hashing first makes the lengths equal, so length leaks nothing either). */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
