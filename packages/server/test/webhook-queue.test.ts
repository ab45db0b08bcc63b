import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryState, MemoryStateStore } from '@wxbot/core/internals';
import type { ApiEvent } from '../src/event-hub';
import { PENDING_FILE, WebhookQueue } from '../src/webhook-queue';

// Deliveries kept in a state store (the `webhooks` section) instead of the file in the home:
// a restart (a new store over the same state) resumes exactly the ones not acknowledged.
describe('WebhookQueue in a state store', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-queue-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const event = (n: number): ApiEvent => ({ seq: n, type: 'state', time: n, data: { state: 'running' } }) as unknown as ApiEvent;
  const urls = new Set(['http://a/hook', 'http://b/hook']);

  it('resumes the deliveries not done, with their attempts, for URLs still configured, and writes no file', async () => {
    const state = new MemoryState();
    const first = new WebhookQueue(home, new MemoryStateStore(state));
    await first.load(urls);
    first.add('http://a/hook', event(1));
    first.add('http://a/hook', event(2));
    first.add('http://b/hook', event(3));
    first.add('http://gone/hook', event(4));
    first.done(first.head('http://a/hook')!);
    first.retryLater(first.head('http://b/hook')!, Date.now() + 60_000);
    await first.flush();
    expect(existsSync(path.join(home, PENDING_FILE))).toBe(false);

    const again = new WebhookQueue(home, new MemoryStateStore(state));
    expect(await again.load(urls)).toBe(2);
    expect(again.head('http://a/hook')).toMatchObject({ event: { seq: 2 }, attempts: 0, dueAt: 0 });
    expect(again.head('http://b/hook')).toMatchObject({ event: { seq: 3 }, attempts: 1, dueAt: 0 });
  });

  it('compaction keeps one record with the deliveries still pending', async () => {
    const state = new MemoryState();
    const store = new MemoryStateStore(state);
    const queue = new WebhookQueue(home, store);
    await queue.load(urls);
    for (let i = 0; i < 10; i++) queue.add('http://a/hook', event(i));
    for (let i = 0; i < 8; i++) queue.done(queue.head('http://a/hook')!);
    await store.compact();
    expect(state.lines.filter((l) => l.section === 'webhooks')).toHaveLength(1);
    const again = new WebhookQueue(home, new MemoryStateStore(state));
    expect(await again.load(urls)).toBe(2);
    expect(again.head('http://a/hook')).toMatchObject({ event: { seq: 8 } });
  });
});
