import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStateLog, StateLog, type StateLogOptions } from '../../src/storage/state-log';

// Durability of the state log: with 'power' every group commit reaches the disk (fdatasync)
// before its appends resolve; with 'process' (the default) nothing is flushed. The flush is
// observed through the log's syncData seam, which calls the real fdatasync.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxbot-state-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A syncData that records what the file held when each flush began, and can be held open. */
function countingSync(file: string) {
  const flushed: string[][] = [];
  let hold: Promise<void> | undefined;
  const syncData = async (fd: number): Promise<void> => {
    flushed.push(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
    if (hold) await hold;
    await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
  };
  return {
    flushed,
    syncData,
    holdNext(): () => void {
      let open!: () => void;
      hold = new Promise<void>((resolve) => (open = resolve));
      return () => {
        hold = undefined;
        open();
      };
    },
  };
}

function open(durability: StateLogOptions['durability'], syncData: StateLogOptions['syncData']): { log: StateLog; file: string; errors: Error[] } {
  const file = path.join(dir, 'state.log');
  const errors: Error[] = [];
  const log = new StateLog(file, { onError: (err) => errors.push(err), durability, syncData });
  log.register('a', () => [{ snapshot: true }]);
  return { log, file, errors };
}

const turns = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

it("'power': each group commit is flushed after its lines are written and before its appends resolve", async () => {
  const file = path.join(dir, 'state.log');
  const sync = countingSync(file);
  const { log, errors } = open('power', sync.syncData);
  await log.open();
  await log.append('a', { n: 1 });
  expect(sync.flushed).toEqual([['a\t{"n":1}']]);
  // Appends of one tick are one group: one flush carries all three.
  await Promise.all([log.append('a', { n: 2 }), log.appendAll([['a', { n: 3 }], ['a', { n: 4 }]])]);
  expect(sync.flushed).toHaveLength(2);
  expect(sync.flushed[1]).toHaveLength(4);
  // An append does not resolve while its flush is running; appends made meanwhile wait for the next one.
  const release = sync.holdNext();
  let first = false;
  let second = false;
  void log.append('a', { n: 5 }).then(() => void (first = true));
  await turns();
  expect(sync.flushed).toHaveLength(3);
  void log.append('a', { n: 6 }).then(() => void (second = true));
  void log.append('a', { n: 7 }).then(() => void (second = true));
  await turns();
  expect([first, second]).toEqual([false, false]);
  expect(sync.flushed).toHaveLength(3); // the two later lines are not written before the flush ends
  release();
  await log.flush();
  expect([first, second]).toEqual([true, true]);
  expect(sync.flushed).toHaveLength(4);
  expect(sync.flushed[3]?.slice(-2)).toEqual(['a\t{"n":6}', 'a\t{"n":7}']);
  await log.close();
  expect(errors).toEqual([]);
  expect((await readStateLog(file)).get('a')).toHaveLength(7);
});

it("'power': a compaction flushes the new file before it replaces the old one", async () => {
  const file = path.join(dir, 'state.log');
  const sync = countingSync(file);
  const { log } = open('power', sync.syncData);
  await log.open();
  await log.append('a', { n: 1 });
  const before = sync.flushed.length;
  await log.compact();
  expect(sync.flushed.length).toBe(before + 1);
  expect(sync.flushed[before]).toEqual(['a\t{"n":1}']); // flushed while the old file was still in place
  expect((await readStateLog(file)).get('a')).toEqual([{ snapshot: true }]);
  await log.close();
});

it("'process' (the default) never flushes to the disk", async () => {
  const file = path.join(dir, 'state.log');
  const sync = countingSync(file);
  const { log, errors } = open(undefined, sync.syncData);
  await log.open();
  await log.append('a', { n: 1 });
  await Promise.all([log.append('a', { n: 2 }), log.append('a', { n: 3 })]);
  await log.compact();
  await log.append('a', { n: 4 });
  await log.close();
  expect(sync.flushed).toEqual([]);
  expect(errors).toEqual([]);
  expect((await readStateLog(file)).get('a')).toEqual([{ snapshot: true }, { n: 4 }]);
});

it("'power': a failed flush is reported and the lines are not written twice", async () => {
  const file = path.join(dir, 'state.log');
  const { log, errors } = open('power', async () => {
    throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
  });
  await log.open();
  await log.append('a', { n: 1 });
  await log.append('a', { n: 2 });
  await log.close();
  expect(errors.map((e) => e.message)).toEqual(['EIO: i/o error, fdatasync', 'EIO: i/o error, fdatasync']);
  expect((await readStateLog(file)).get('a')).toEqual([{ n: 1 }, { n: 2 }]);
});
