import fs, { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StateLog } from '@wxbot/core/internals';

/** A section whose state is a counter: each record sets it, the snapshot is its value. */
function counter(log: StateLog, section = 'count'): { value: number; set(n: number): Promise<void> } {
  const c = {
    value: 0,
    set(n: number) {
      c.value = n;
      return log.append(section, { v: n });
    },
  };
  log.register(section, () => [{ v: c.value }]);
  return c;
}

function lastValue(records: readonly unknown[] | undefined): number | undefined {
  return (records?.at(-1) as { v: number } | undefined)?.v;
}

describe('state log', () => {
  let dir: string;
  let errors: Error[];
  const open = (file: string, compactBytes?: number): StateLog => new StateLog(file, { onError: (e) => errors.push(e), ...(compactBytes ? { compactBytes } : {}) });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-statelog-'));
    errors = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps records in append order across a reopen; creates the file 0600 in a 0700 directory', async () => {
    const file = path.join(dir, 'home', 'state.log');
    const log = open(file);
    counter(log);
    await log.open();
    const writes = Array.from({ length: 200 }, (_, i) => log.append(i % 2 ? 'a' : 'b', { i }));
    await Promise.all(writes);
    await log.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);

    const again = open(file);
    const saved = await again.open();
    expect(saved.get('a')).toEqual(Array.from({ length: 100 }, (_, k) => ({ i: 2 * k + 1 })));
    expect(saved.get('b')).toEqual(Array.from({ length: 100 }, (_, k) => ({ i: 2 * k })));
    expect(errors).toEqual([]);
  });

  it('an append resolves only once its line is in the file', async () => {
    const file = path.join(dir, 'state.log');
    const log = open(file);
    await log.open();
    await log.append('s', { n: 1 });
    expect(readFileSync(file, 'utf8')).toBe('s\t{"n":1}\n');
    const pending = log.append('s', { n: 2 });
    await pending;
    expect(readFileSync(file, 'utf8')).toBe('s\t{"n":1}\ns\t{"n":2}\n');
    await log.close();
  });

  it('drops a line torn by a crash and truncates it away, so the next append is readable', async () => {
    const file = path.join(dir, 'state.log');
    writeFileSync(file, 's\t{"n":1}\ns\t{"n":2}\ns\t{"n":', { mode: 0o600 });
    const log = open(file);
    expect((await log.open()).get('s')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(readFileSync(file, 'utf8')).toBe('s\t{"n":1}\ns\t{"n":2}\n');
    await log.append('s', { n: 3 });
    await log.close();
    expect((await open(file).open()).get('s')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(errors).toEqual([]);
  });

  it('skips and reports unreadable lines in the middle', async () => {
    const file = path.join(dir, 'state.log');
    writeFileSync(file, 's\t{"n":1}\nnot a record\ns\t{broken\ns\t{"n":2}\n');
    expect((await open(file).open()).get('s')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('2 unreadable line(s) skipped')]);
  });

  it('compacts to the sections’ snapshots once it grows, and loses nothing appended meanwhile', async () => {
    const file = path.join(dir, 'state.log');
    const log = open(file, 4096);
    const c = counter(log);
    const other = counter(log, 'other');
    await log.open();
    let maxSize = 0;
    for (let n = 1; n <= 2000; n++) {
      // Two sections, some appends not awaited: compaction happens while appends queue up.
      void other.set(n * 10);
      await c.set(n);
      maxSize = Math.max(maxSize, statSync(file).size);
    }
    await log.close();
    const saved = await open(file).open();
    expect(lastValue(saved.get('count'))).toBe(2000);
    expect(lastValue(saved.get('other'))).toBe(20000);
    // 2000 × 2 records of ~12 bytes would be ~50 KB without compaction.
    expect(maxSize).toBeLessThan(4096 + 512);
    expect(errors).toEqual([]);
  });

  it('compact() rewrites the file as the snapshots now', async () => {
    const file = path.join(dir, 'state.log');
    const log = open(file);
    const c = counter(log);
    await log.open();
    for (let n = 1; n <= 50; n++) await c.set(n);
    await log.compact();
    expect(readFileSync(file, 'utf8')).toBe('count\t{"v":50}\n');
    await c.set(51);
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe('count\t{"v":50}\ncount\t{"v":51}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a failed write is reported and its lines go out with the next write', async () => {
    const file = path.join(dir, 'state.log');
    const log = open(file);
    await log.open();
    await log.append('s', { n: 1 });
    // A directory where the file was: opening it for appending fails (also for root).
    await log.close();
    renameSync(file, `${file}.away`);
    mkdirSync(file);
    await log.append('s', { n: 2 });
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['EISDIR']);
    rmdirSync(file);
    renameSync(`${file}.away`, file);
    await log.append('s', { n: 3 });
    await log.close();
    expect((await open(file).open()).get('s')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('a write cut short (disk full) loses no line: the fragment becomes a line of its own', async () => {
    const file = path.join(dir, 'state.log');
    const log = open(file);
    await log.open();
    await log.append('s', { n: 1 });
    // A disk that fills up mid-write cannot be produced on demand here: fake that one write.
    // As write(2) does: a short write (5 bytes), then the next call fails.
    const real = fs.writeSync as (fd: number, buffer: Buffer, offset: number, length: number) => number;
    const spy = jest
      .spyOn(fs, 'writeSync')
      .mockImplementationOnce(((fd: number, buffer: Buffer, offset: number) => real(fd, buffer, offset, 5)) as typeof fs.writeSync)
      .mockImplementationOnce(() => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      });
    try {
      await log.append('s', { n: 2, pad: 'x'.repeat(50) });
    } finally {
      spy.mockRestore();
    }
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC']);
    await log.append('s', { n: 3 });
    await log.close();
    errors = [];
    const saved = await open(file).open();
    expect((saved.get('s') as Array<{ n: number }>).map((r) => r.n)).toEqual([1, 2, 3]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('1 unreadable line(s) skipped')]);
  });

  it('a lazy record rides on the next write, or goes alone within 100 ms, or with flush()', async () => {
    const file = path.join(dir, 'state.log');
    const log = open(file);
    await log.open();
    const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
    const lazy = log.appendLazy('s', { lazy: 1 });
    await new Promise((r) => setImmediate(r));
    expect(read()).toBe('');
    await log.append('s', { now: 2 });
    await lazy;
    expect(read()).toBe('s\t{"lazy":1}\ns\t{"now":2}\n');

    const alone = log.appendLazy('s', { lazy: 3 });
    await new Promise((r) => setTimeout(r, 20));
    expect(read()).not.toContain('"lazy":3');
    await alone;
    expect(read()).toContain('s\t{"lazy":3}\n');

    void log.appendLazy('s', { lazy: 4 });
    await log.flush();
    expect(read()).toContain('s\t{"lazy":4}\n');
    await log.close();
  });

  it('register rejects a section twice and names with separators', () => {
    const log = open(path.join(dir, 'state.log'));
    log.register('x', () => []);
    expect(() => log.register('x', () => [])).toThrow('registered twice');
    expect(() => log.register('a\tb', () => [])).toThrow('bad section name');
  });
});
