import { MemoryState, MemoryStateStore, type StateStore } from '@wxbot/core/internals';
import { stateStoreChecks, type StateStoreHarness } from '@wxbot/testkit';

// The checks must catch a store that breaks the semantics, or they prove nothing: each broken
// store below fails the check written for what it breaks, while the real one passes them all
// (packages/core/test/storage/state-store.conformance.test.ts runs them on every store).
const check = (name: string) => {
  const found = stateStoreChecks.find((c) => c.name === name);
  if (!found) throw new Error(`no check named ${name}`);
  return found;
};

/** A harness over MemoryStateStore whose stores are changed by `breakIt`. */
function harness(breakIt: (store: MemoryStateStore) => void): StateStoreHarness {
  const make = (state: MemoryState): StateStore => {
    const store = new MemoryStateStore(state);
    breakIt(store);
    return store;
  };
  return {
    fresh: () => make(new MemoryState()),
    reopen: (store) => make((store as MemoryStateStore).state),
    kill: (store) => (store as MemoryStateStore).kill(),
  };
}

describe('StateStore conformance checks', () => {
  it('are many, with unique names', () => {
    expect(stateStoreChecks.length).toBeGreaterThanOrEqual(10);
    expect(new Set(stateStoreChecks.map((c) => c.name)).size).toBe(stateStoreChecks.length);
  });

  it('catch a store that keeps a reference to the appended object instead of a copy', async () => {
    // what was appended, by reference, across reopens (as a store sharing objects would)
    const kept: Array<[string, unknown]> = [];
    const byReference = harness((store) => {
      const append = store.append.bind(store);
      store.append = async (section, record) => {
        kept.push([section, record]);
        await append(section, record);
      };
      const open = store.open.bind(store);
      store.open = async () => {
        const records = await open();
        for (const [section, record] of kept) (records as Map<string, unknown[]>).set(section, [...(records.get(section) ?? []).slice(0, -1), record]);
        return records;
      };
    });
    await expect(check('a record is copied when appended: later changes to the object are not stored').run(byReference)).rejects.toThrow();
  });

  it('catch a store that loses appends across a reopen, and one that reorders records', async () => {
    const forgetful: StateStoreHarness = { ...harness(() => undefined), reopen: () => new MemoryStateStore(new MemoryState()) };
    await expect(check('records come back per section in append order, as JSON').run(forgetful)).rejects.toThrow();
    const reversed = harness((store) => {
      const open = store.open.bind(store);
      store.open = async () => {
        const records = await open();
        for (const [section, list] of records) (records as Map<string, unknown[]>).set(section, [...list].reverse());
        return records;
      };
    });
    await expect(check('records come back per section in append order, as JSON').run(reversed)).rejects.toThrow();
  });

  it('catch a store that accepts a section twice', async () => {
    const lax = harness((store) => {
      store.register = () => undefined;
    });
    await expect(check('a section registered twice, or with a bad name, is refused with WXBOT_STORE_SECTION').run(lax)).rejects.toThrow();
  });

  it('pass on the real in-memory store', async () => {
    for (const c of stateStoreChecks) await c.run(harness(() => undefined));
  });
});
