import type { Readable } from 'node:stream';

/** Wait for the first chunk (or the end) and put it back: tells empty bodies apart and sniffs. */
export async function peek(body: Readable): Promise<Buffer | undefined> {
  for (;;) {
    const chunk = body.read() as Buffer | null;
    if (chunk !== null) {
      body.unshift(chunk);
      return chunk;
    }
    if (body.readableEnded) return undefined;
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        body.off('readable', done).off('end', done).off('error', fail);
        resolve();
      };
      const fail = (err: Error): void => {
        body.off('readable', done).off('end', done);
        reject(err);
      };
      body.once('readable', done).once('end', done).once('error', fail);
    });
  }
}
