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
 * old or the new content, never a torn file. With `durable`, also across a power loss: the
 * temporary file's data is flushed (`durable.syncData`) before the rename, the directory after.
 */
export async function writePrivateFileAtomic(file: string, data: string, durable?: { syncData(fd: number): Promise<void> }): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const write = async (): Promise<void> => {
    if (!durable) return fs.writeFile(tmp, data, { mode: 0o600 });
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await durable.syncData(handle.fd);
    } finally {
      await handle.close();
    }
  };
  try {
    await write();
  } catch (err) {
    // Create the directory only when missing: mkdir + chmod on every write cost more than the
    // write. Owners of a directory tighten an existing one once (the Bot does at start).
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await ensurePrivateDir(dir);
    await write();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  if (durable) {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
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
