import { CoalescingWriter } from '../../src/storage/coalescing-writer';

/** A save whose runs the test finishes one at a time. */
function gatedSave() {
  const runs: Array<() => void> = [];
  let started = 0;
  const save = () => {
    started++;
    return new Promise<void>((resolve) => runs.push(resolve));
  };
  const finishNext = async () => {
    while (runs.length === 0) await new Promise((r) => setImmediate(r));
    runs.shift()?.();
  };
  return { save, finishNext, started: () => started };
}

describe('CoalescingWriter', () => {
  it('calls during a write cost one more write, and resolve after it', async () => {
    const g = gatedSave();
    const writer = new CoalescingWriter(g.save, () => undefined);
    let firstDone = false;
    const first = writer.write().then(() => (firstDone = true));
    const second = writer.write();
    const third = writer.write();
    expect(g.started()).toBe(1);
    await g.finishNext();
    await new Promise((r) => setImmediate(r));
    // The first write started before the second call: it is not enough for it.
    expect(g.started()).toBe(2);
    expect(firstDone).toBe(false);
    await g.finishNext();
    await Promise.all([first, second, third]);
    expect(g.started()).toBe(2);
    await writer.idle();
  });

  it('reports a failed save and keeps writing', async () => {
    const errors: string[] = [];
    let n = 0;
    const writer = new CoalescingWriter(async () => {
      if (n++ === 0) throw new Error('disk full');
    }, (err) => errors.push(err.message));
    await writer.write();
    await writer.write();
    expect(errors).toEqual(['disk full']);
    expect(n).toBe(2);
  });

  it('idle resolves at once with nothing running, after the running write otherwise', async () => {
    const g = gatedSave();
    const writer = new CoalescingWriter(g.save, () => undefined);
    await writer.idle();
    void writer.write();
    let idle = false;
    const waiting = writer.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    await g.finishNext();
    await waiting;
    expect(idle).toBe(true);
  });
});
