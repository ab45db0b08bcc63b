import { GroupCommit } from '../../src/storage/group-commit';

// The group-commit scheduling the file state log and the Redis store share: which items travel in
// one write, when a lazy item goes out, what flush/putBack/cancel do. The "write" here records the
// groups it took and can be held open, as a slow disk or network would.

function recorder(lazyMs?: number) {
  const groups: string[][] = [];
  let hold: Promise<void> | undefined;
  let release: () => void = () => undefined;
  let fail: Error | undefined;
  /** Writes the owner wants besides queued items (a compaction). */
  let extra = 0;
  const commits: GroupCommit<string> = new GroupCommit<string>({
    async writeGroup() {
      const { items, waiters } = commits.take();
      groups.push(items);
      if (extra > 0) extra -= 1;
      if (hold) await hold;
      if (fail) {
        commits.putBack(items);
        for (const w of waiters) w.reject(fail);
        return false;
      }
      for (const w of waiters) w.resolve();
      return true;
    },
    more: () => extra > 0,
    ...(lazyMs === undefined ? {} : { lazyMs }),
  });
  return {
    commits,
    groups,
    holdNext(): () => void {
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
    failWith(err: Error | undefined): void {
      fail = err;
    },
    /** Ask for one write with nothing queued, as a compaction does. */
    requestExtra(): void {
      extra += 1;
    },
  };
}

describe('GroupCommit', () => {
  it('writes everything added in one tick as one group, in order', async () => {
    const { commits, groups } = recorder();
    await Promise.all([commits.add(['a']), commits.add(['b', 'c']), commits.add(['d'])]);
    expect(groups).toEqual([['a', 'b', 'c', 'd']]);
    expect(commits.queued).toBe(false);
  });

  it('collects what is added while a write is in flight into the next group', async () => {
    const r = recorder();
    const open = r.holdNext();
    const first = r.commits.add(['a']);
    await Promise.resolve();
    await Promise.resolve();
    expect(r.groups).toEqual([['a']]); // the write has taken 'a' and waits
    const second = Promise.all([r.commits.add(['b']), r.commits.add(['c'])]);
    expect(r.commits.queued).toBe(true);
    open();
    await Promise.all([first, second]);
    expect(r.groups).toEqual([['a'], ['b', 'c']]);
  });

  it('sends a lazy item with the next write, else starts a write after lazyMs', async () => {
    jest.useFakeTimers();
    try {
      const r = recorder(100);
      let lazyDone = false;
      void r.commits.addLazy(['lazy-1']).then(() => (lazyDone = true));
      await jest.advanceTimersByTimeAsync(99);
      expect({ groups: r.groups, lazyDone }).toEqual({ groups: [], lazyDone: false });
      await jest.advanceTimersByTimeAsync(1);
      expect({ groups: r.groups, lazyDone }).toEqual({ groups: [['lazy-1']], lazyDone: true });

      // A lazy item joins an awaited one: one write, and the timer does not start another.
      const lazy = r.commits.addLazy(['lazy-2']);
      await r.commits.add(['now']);
      await lazy;
      await jest.advanceTimersByTimeAsync(500);
      expect(r.groups).toEqual([['lazy-1'], ['lazy-2', 'now']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('flush waits for what was queued, lazy items included', async () => {
    const r = recorder();
    const open = r.holdNext();
    void r.commits.addLazy(['x']);
    let flushed = false;
    const flushing = r.commits.flush().then(() => (flushed = true));
    await Promise.resolve();
    await Promise.resolve();
    expect({ groups: r.groups, flushed }).toEqual({ groups: [['x']], flushed: false });
    open();
    await flushing;
    expect(flushed).toBe(true);
  });

  it('start runs a write with nothing queued only when the owner has more to do (a compaction)', async () => {
    const r = recorder();
    r.commits.start();
    await r.commits.flush();
    expect(r.groups).toEqual([]);
    r.requestExtra();
    r.commits.start();
    await r.commits.flush();
    expect(r.groups).toEqual([[]]);
  });

  it('an add right after a write settled, before its loop ended, is written too', async () => {
    const r = recorder();
    // Each add awaits the one before: the next add comes while the loop that wrote it winds up.
    for (const item of ['a', 'b', 'c']) await r.commits.add([item]);
    expect(r.groups).toEqual([['a'], ['b'], ['c']]);
  });

  it('putBack puts a failed group first into the next write', async () => {
    const r = recorder();
    r.failWith(new Error('disk full'));
    await expect(r.commits.add(['a', 'b'])).rejects.toThrow('disk full');
    expect(r.commits.queued).toBe(true);
    r.failWith(undefined);
    await r.commits.add(['c']);
    expect(r.groups).toEqual([['a', 'b'], ['a', 'b', 'c']]);
  });

  it('an add that comes while a failed write is being settled starts the next write, which carries both', async () => {
    const r = recorder();
    r.failWith(new Error('EISDIR'));
    const failed = r.commits.add(['a']).catch((err: Error) => {
      // The caller goes on at once, before the failed write's loop has ended.
      r.failWith(undefined);
      return r.commits.add(['b']).then(() => err.message);
    });
    expect(await failed).toBe('EISDIR');
    expect(r.groups).toEqual([['a'], ['a', 'b']]);
  });

  it('cancel drops the queue and the lazy timer and hands back the waiters', async () => {
    jest.useFakeTimers();
    try {
      const r = recorder(100);
      const settled: string[] = [];
      void r.commits.addLazy(['a']).then(() => settled.push('a'));
      void r.commits.addLazy(['b']).then(() => settled.push('b'));
      const waiters = r.commits.cancel();
      expect({ waiters: waiters.length, queued: r.commits.queued }).toEqual({ waiters: 2, queued: false });
      await jest.advanceTimersByTimeAsync(1000);
      expect(r.groups).toEqual([]); // no write: the timer is gone
      for (const w of waiters) w.resolve();
      await Promise.resolve();
      expect(settled).toEqual(['a', 'b']);
    } finally {
      jest.useRealTimers();
    }
  });
});
