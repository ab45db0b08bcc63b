import { MessageScheduler } from '../../src/bot/message-scheduler';
import { captureLogger, flush } from '../fixtures/bot';

/** A promise released by hand, so tests order events without timers. */
function gate(): { promise: Promise<void>; open: () => void; fail: (err: Error) => void } {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Settles a few turns of the microtask and macrotask queues. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flush();
}

describe('MessageScheduler', () => {
  it('runs one key’s tasks one after another, in the order they were scheduled', async () => {
    const s = new MessageScheduler(captureLogger().logger);
    const log: string[] = [];
    const gates = [gate(), gate(), gate()];
    gates.forEach((g, i) =>
      s.schedule('@alice', `m${i}`, async () => {
        log.push(`start ${i}`);
        await g.promise;
        log.push(`end ${i}`);
      }),
    );
    await settle();
    expect(log).toEqual(['start 0']);
    gates[2]?.open(); // the last one is ready early, but must still wait its turn
    await settle();
    expect(log).toEqual(['start 0']);
    gates[0]?.open();
    await settle();
    expect(log).toEqual(['start 0', 'end 0', 'start 1']);
    gates[1]?.open();
    await s.idle();
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('a task scheduled while the key is busy waits, also after earlier tasks of the key finished', async () => {
    const s = new MessageScheduler(captureLogger().logger);
    const log: string[] = [];
    const first = gate();
    const second = gate();
    s.schedule('@alice', 'm0', async () => {
      await first.promise;
      log.push('m0');
    });
    s.schedule('@alice', 'm1', async () => {
      log.push('m1 start');
      await second.promise;
      log.push('m1 end');
    });
    first.open();
    await settle();
    expect(log).toEqual(['m0', 'm1 start']);
    s.schedule('@alice', 'm2', async () => void log.push('m2'));
    await settle();
    expect(log).toEqual(['m0', 'm1 start']);
    second.open();
    await s.idle();
    expect(log).toEqual(['m0', 'm1 start', 'm1 end', 'm2']);
  });

  it('runs different keys concurrently: a slow chat does not hold up another', async () => {
    const s = new MessageScheduler(captureLogger().logger);
    const log: string[] = [];
    const slow = gate();
    s.schedule('@alice', 'a1', async () => {
      log.push('a1 start');
      await slow.promise;
      log.push('a1 end');
    });
    s.schedule('@alice', 'a2', async () => void log.push('a2'));
    s.schedule('@@team', 'g1', async () => void log.push('g1'));
    s.schedule('@bob', 'b1', async () => void log.push('b1'));
    await settle();
    expect(log).toEqual(['a1 start', 'g1', 'b1']);
    slow.open();
    await s.idle();
    expect(log).toEqual(['a1 start', 'g1', 'b1', 'a1 end', 'a2']);
  });

  it('logs a failed task with its message id, never throws, and runs the key’s next task', async () => {
    const { logger, lines } = captureLogger();
    const s = new MessageScheduler(logger);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const ran: string[] = [];
      s.schedule('@alice', 'm1', async () => {
        throw new Error('handler exploded');
      });
      s.schedule('@alice', 'm2', () => {
        throw new Error('thrown before any await');
      });
      s.schedule('@alice', 'm3', async () => void ran.push('m3'));
      await s.idle();
      await settle();
      expect(ran).toEqual(['m3']);
      const failures = lines.filter((l) => l['msg'] === 'message handling failed');
      expect(failures.map((l) => l['msgId'])).toEqual(['m1', 'm2']);
      expect(failures.map((l) => (l['err'] as { message?: string }).message)).toEqual(['handler exploded', 'thrown before any await']);
      expect(failures.every((l) => l['level'] === 50)).toBe(true);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('idle() resolves at once when nothing was scheduled', async () => {
    await expect(new MessageScheduler(captureLogger().logger).idle()).resolves.toBeUndefined();
  });

  it('idle() waits for running and queued tasks, also ones scheduled while it waits', async () => {
    const s = new MessageScheduler(captureLogger().logger);
    const first = gate();
    const late = gate();
    const done: string[] = [];
    s.schedule('@alice', 'a1', async () => {
      await first.promise;
      done.push('a1');
    });
    let idle = false;
    const waiting = s.idle().then(() => void (idle = true));
    await settle();
    expect(idle).toBe(false);
    s.schedule('@bob', 'b1', async () => {
      await late.promise;
      done.push('b1');
    });
    first.open();
    await settle();
    expect(done).toEqual(['a1']);
    expect(idle).toBe(false);
    late.open();
    await waiting;
    expect(done).toEqual(['a1', 'b1']);
  });

  it('idle() resolves after failures too, and the key is usable again afterwards', async () => {
    const s = new MessageScheduler(captureLogger().logger);
    const g = gate();
    s.schedule('@alice', 'm1', () => g.promise);
    g.fail(new Error('no'));
    await s.idle();
    const ran: string[] = [];
    s.schedule('@alice', 'm2', async () => void ran.push('m2'));
    await s.idle();
    expect(ran).toEqual(['m2']);
  });
  it('below(line) is undefined under the line, else resolves as the tasks that push it there finish', async () => {
    const s = new MessageScheduler(captureLogger().logger);
    const gates = [gate(), gate(), gate()];
    // Two on one chat (the second waits behind the first) and one on another: all three count.
    s.schedule('@alice', 'a1', () => gates[0]!.promise);
    s.schedule('@alice', 'a2', () => gates[1]!.promise);
    s.schedule('@bob', 'b1', () => gates[2]!.promise);
    expect(s.pending).toBe(3);
    expect(s.below(4)).toBeUndefined();
    let underThree = false;
    let underTwo = false;
    void s.below(3)?.then(() => void (underThree = true));
    void s.below(2)?.then(() => void (underTwo = true));
    await settle();
    expect([underThree, underTwo]).toEqual([false, false]);
    gates[2]!.open();
    await settle();
    expect(s.pending).toBe(2);
    expect([underThree, underTwo]).toEqual([true, false]);
    gates[0]!.open(); // a2 starts now: still pending
    await settle();
    expect(s.pending).toBe(1);
    expect(underTwo).toBe(true);
    gates[1]!.fail(new Error('a failed task leaves the backlog too'));
    await s.idle();
    expect(s.pending).toBe(0);
  });
});
