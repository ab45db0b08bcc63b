import assert from 'node:assert/strict';
import type { StateStore } from '@wxbot/core/internals';

/**
 * How the conformance checks drive one StateStore implementation. The checks model a restart
 * with `reopen` and a killed process with `kill` (no flush, no close).
 */
export interface StateStoreHarness {
  /** A store over fresh, empty state. */
  fresh(): StateStore | Promise<StateStore>;
  /** A new store over the state `store` left (after it closed, or was killed). */
  reopen(store: StateStore): StateStore | Promise<StateStore>;
  /** End `store` as a killed process would: what is not durable yet is lost. */
  kill(store: StateStore): void | Promise<void>;
}

/** One check of the StateStore semantics (see the interface's doc comment). */
export interface StateStoreCheck {
  readonly name: string;
  run(harness: StateStoreHarness): Promise<void>;
}

async function reopened(h: StateStoreHarness, store: StateStore): Promise<StateStore> {
  return h.reopen(store);
}

/**
 * The semantics every StateStore implementation keeps, as runner-neutral checks (they throw an
 * AssertionError on a violation). Run each under your test runner against your harness.
 * @example
 * for (const check of stateStoreChecks) it(check.name, () => check.run(harness));
 */
export const stateStoreChecks: readonly StateStoreCheck[] = [
  {
    name: 'a fresh store opens empty',
    async run(h) {
      const store = await h.fresh();
      assert.equal((await store.open()).size, 0);
      await store.close();
    },
  },
  {
    name: 'records come back per section in append order, as JSON',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      await store.append('a', { n: 1, text: '你好 \u2005 "quoted"\n' });
      await store.append('b', { n: 2 });
      await store.append('a', [3, null, { deep: { x: true } }]);
      await store.close();
      const saved = await (await reopened(h, store)).open();
      assert.deepEqual(saved.get('a'), [{ n: 1, text: '你好 \u2005 "quoted"\n' }, [3, null, { deep: { x: true } }]]);
      assert.deepEqual(saved.get('b'), [{ n: 2 }]);
    },
  },
  {
    name: 'a record is copied when appended: later changes to the object are not stored',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      const record = { keys: [1] };
      const written = store.append('s', record);
      record.keys.push(2);
      await written;
      await store.close();
      assert.deepEqual((await (await reopened(h, store)).open()).get('s'), [{ keys: [1] }]);
    },
  },
  {
    name: 'an append that resolved survives a kill',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      await store.append('inbox', { a: ['m1'] });
      await store.appendAll([
        ['inbox', { a: ['m2'] }],
        ['session', { k: 7 }],
      ]);
      await h.kill(store);
      const saved = await (await reopened(h, store)).open();
      assert.deepEqual(saved.get('inbox'), [{ a: ['m1'] }, { a: ['m2'] }]);
      assert.deepEqual(saved.get('session'), [{ k: 7 }]);
    },
  },
  {
    name: 'appendAll keeps its records together and in order, between the appends around it',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      const writes = [
        store.append('x', 1),
        store.appendAll([
          ['x', 2],
          ['y', 'a'],
          ['x', 3],
        ]),
        store.append('x', 4),
      ];
      await Promise.all(writes);
      await store.close();
      const saved = await (await reopened(h, store)).open();
      assert.deepEqual(saved.get('x'), [1, 2, 3, 4]);
      assert.deepEqual(saved.get('y'), ['a']);
    },
  },
  {
    name: 'a lazy append is durable after the next append or flush',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      void store.appendLazy('inbox', { d: ['m1'] });
      await store.append('session', { k: 1 });
      void store.appendLazy('inbox', { d: ['m2'] });
      await store.flush();
      await h.kill(store);
      assert.deepEqual((await (await reopened(h, store)).open()).get('inbox'), [{ d: ['m1'] }, { d: ['m2'] }]);
    },
  },
  {
    name: 'prefix: a lazy record lost in a kill takes no later durable record with it',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      await store.append('s', 1);
      void store.appendLazy('s', 2);
      await h.kill(store);
      const saved = (await (await reopened(h, store)).open()).get('s') ?? [];
      // Either the lazy record was carried or it was not; what survives is a prefix of [1, 2].
      assert.ok(JSON.stringify(saved) === '[1]' || JSON.stringify(saved) === '[1,2]', `got ${JSON.stringify(saved)}`);
    },
  },
  {
    name: 'compaction replaces the records by the sections\' snapshots',
    async run(h) {
      const store = await h.fresh();
      let counter = 0;
      store.register('counter', () => [{ set: counter }]);
      store.register('empty', () => []);
      await store.open();
      for (let i = 0; i < 50; i++) {
        counter += 1;
        await store.append('counter', { add: 1 });
      }
      await store.append('empty', { gone: true });
      await store.compact();
      counter += 1;
      await store.append('counter', { add: 1 });
      await store.close();
      const saved = await (await reopened(h, store)).open();
      assert.deepEqual(saved.get('counter'), [{ set: 50 }, { add: 1 }]);
      assert.equal(saved.get('empty'), undefined);
    },
  },
  {
    name: 'a section registered twice, or with a bad name, is refused with WXBOT_STORE_SECTION',
    async run(h) {
      const store = await h.fresh();
      store.register('inbox', () => []);
      assert.throws(() => store.register('inbox', () => []), { code: 'WXBOT_STORE_SECTION' });
      assert.throws(() => store.register('a\tb', () => []), { code: 'WXBOT_STORE_SECTION' });
      assert.throws(() => store.register('', () => []), { code: 'WXBOT_STORE_SECTION' });
      await store.close();
    },
  },
  {
    name: 'open() reads once: later calls give the same records',
    async run(h) {
      const store = await h.fresh();
      await store.append('s', 1);
      await store.close();
      const again = await reopened(h, store);
      const first = await again.open();
      await again.append('s', 2);
      assert.equal(await again.open(), first);
      await again.close();
    },
  },
  {
    name: 'appends after close() still land (the store reopens)',
    async run(h) {
      const store = await h.fresh();
      await store.open();
      await store.append('s', 1);
      await store.close();
      await store.append('s', 2);
      await store.close();
      assert.deepEqual((await (await reopened(h, store)).open()).get('s'), [1, 2]);
    },
  },
];
