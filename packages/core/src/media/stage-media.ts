import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensurePrivateDir } from '../storage/secure-file';
import type { MediaSource } from '../pipeline/types';
import { safeFileName } from '../util/safe-file-name';

/** A media source made durable: a file on disk the outbox can (re)read, even after a restart. */
export interface StagedMedia {
  path: string;
  /** The name the recipient sees, made safe by {@link safeFileName} (a reply may echo a stranger's). */
  name: string;
  size: number;
}

/**
 * Turn a path, bytes or a stream into a file. Paths are used in place (resolved); bytes and
 * streams are written under `<home>/media/` (0600 in a 0700 directory) so a queued send does
 * not hold large buffers in memory and survives a restart.
 */
export async function stageMedia(source: MediaSource, home: string, givenName: string | undefined, fallbackName: string): Promise<StagedMedia> {
  const name = givenName === undefined ? undefined : safeFileName(givenName, fallbackName);
  if (typeof source === 'string') {
    const resolved = path.resolve(source);
    const stat = await fs.stat(resolved).catch(() => undefined);
    if (!stat?.isFile()) throw new Error(`cannot send ${JSON.stringify(source)}: no such file`);
    return { path: resolved, name: name ?? safeFileName(path.basename(resolved), fallbackName), size: stat.size };
  }
  const dir = path.join(home, 'media');
  await ensurePrivateDir(dir);
  if (source instanceof Uint8Array) {
    const digest = createHash('sha1').update(source).digest('hex');
    const file = path.join(dir, digest);
    await fs.writeFile(file, source, { mode: 0o600 });
    return { path: file, name: name ?? fallbackName, size: source.byteLength };
  }
  const file = path.join(dir, randomUUID());
  await pipeline(source as Readable, createWriteStream(file, { mode: 0o600 }));
  const { size } = await fs.stat(file);
  return { path: file, name: name ?? fallbackName, size };
}
