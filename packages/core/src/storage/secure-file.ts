import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Create `dir` (and parents) owner-only (0700), tightening it if it already exists. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
}

/**
 * Write `data` to `file` atomically with mode 0600: write a temporary file in the same
 * directory, then rename it over the target, so a crash at any point leaves either the
 * old or the new content, never a torn file.
 */
export async function writePrivateFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data, { mode: 0o600 });
  } catch (err) {
    // Create the directory only when missing: mkdir + chmod on every write cost more than the
    // write. Owners of a directory tighten an existing one once (the Bot does at start).
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await ensurePrivateDir(dir);
    await fs.writeFile(tmp, data, { mode: 0o600 });
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Read a JSON file; undefined when it does not exist. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
