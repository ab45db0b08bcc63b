import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileFleetStore } from '../../src/fleet/file-fleet-store';

describe('FileFleetStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-fleet-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('registers accounts as private directories and refuses names that cannot be one', async () => {
    const store = new FileFleetStore(dir);
    await store.register('sales-2');
    await store.register('sales-1');
    await store.register('sales-1');
    expect(await store.list()).toEqual(['sales-1', 'sales-2']);
    expect(statSync(path.join(dir, 'sales-1')).mode & 0o777).toBe(0o700);
    await expect(store.register('../etc')).rejects.toThrow(/account name "..\/etc" is not allowed/);
  });

  it('gives an account to exactly one of many workers racing for it, with growing tokens', async () => {
    await new FileFleetStore(dir).register('a');
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => new FileFleetStore(dir).acquire('a', `w${i}`, 60_000)));
    const won = claims.filter((c) => c !== undefined);
    expect(won).toHaveLength(1);
    const first = won[0];
    if (!first) throw new Error('nobody won');
    expect(first.home).toBe(path.join(dir, 'a'));
    const store = new FileFleetStore(dir);
    expect((await store.holders()).get('a')).toMatch(/^w\d$/);
    await first.lease.release();
    expect(await store.holders()).toEqual(new Map());
    const next = await store.acquire('a', 'w9', 60_000);
    expect(next?.lease.token).toBe(first.lease.token + 1);
    await next?.lease.release();
  });

  it('keeps the live workers\' heartbeats beside the accounts (not an account), drops expired and removed ones', async () => {
    const store = new FileFleetStore(dir);
    await store.register('a');
    const now = Date.now();
    const w1 = { owner: 'host:1', startedAt: now, heartbeatAt: now, ttlMs: 60_000, accounts: 1, maxAccounts: 2, url: 'http://127.0.0.1:7070', version: '1.0.0' };
    await store.heartbeat(w1);
    await store.heartbeat({ ...w1, owner: 'host:2', accounts: 0 });
    await store.heartbeat({ ...w1, owner: 'host:3', heartbeatAt: now - 61_000 });
    expect(await store.list()).toEqual(['a']);
    expect(await new FileFleetStore(dir).workers()).toEqual([w1, { ...w1, owner: 'host:2', accounts: 0 }]);
    expect(statSync(path.join(dir, '@workers', 'host%3A1.json')).mode & 0o777).toBe(0o600);
    await store.heartbeat({ ...w1, accounts: 2 });
    await store.removeWorker('host:2');
    expect((await store.workers()).map((w) => [w.owner, w.accounts])).toEqual([['host:1', 2]]);
  });
});
