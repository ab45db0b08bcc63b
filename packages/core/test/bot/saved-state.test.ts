import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveHosts } from '@wxbot/protocol';
import { readSavedState } from '../../src/bot/saved-state';
import { OutboxJournal } from '../../src/outbox/outbox-journal';
import { InboxJournal } from '../../src/storage/journal';
import { SessionStore } from '../../src/storage/session-store';
import { StateLog } from '../../src/storage/state-log';
import { wireMessage } from '../fixtures/wire';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wxbot-saved-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readSavedState', () => {
  it('rebuilds the session, the pending inbox and the outbox from a real state log', async () => {
    const file = path.join(dir, 'state.log');
    const log = new StateLog(file, { onError: (err) => { throw err; } });
    const empty = () => ({ queue: [], done: [], breakers: {}, day: '', counts: {} });
    const sessions = new SessionStore(log);
    const inbox = new InboxJournal(log);
    const outbox = new OutboxJournal(log, empty);
    await log.open();
    const key = { Count: 1, List: [{ Key: 1, Val: 9 }] };
    await sessions.save({ version: 1, savedAt: 1, mode: 'web', credentials: { uin: 1, sid: 's', skey: '@k', passTicket: 'p' }, hosts: deriveHosts('wx.qq.com'), cookies: {}, selfUserName: '@self', syncKey: key, syncCheckKey: key, handledIds: ['m0'] });
    const wires = [wireMessage({ MsgId: 'm1' }), wireMessage({ MsgId: 'm2' })];
    await log.appendAll([inbox.addRecord(wires)!]);
    await inbox.complete(['m1']);
    await outbox.queued({ id: 'a1', kind: 'text', key: '@a', payload: { to: '@a', text: 'x' }, risky: false, clientMsgId: '17000000000000001', createdAt: 1, attempts: 0 });
    await log.close();

    const saved = await readSavedState(file);
    expect(saved.session).toMatchObject({ selfUserName: '@self', handledIds: ['m0'], syncKey: key });
    expect(saved.inbox.map((e) => e.id)).toEqual(['m2']);
    expect(saved.outbox.queue.map((a) => a.id)).toEqual(['a1']);
  });

  it('a missing log is an empty state', async () => {
    const saved = await readSavedState(path.join(dir, 'none.log'));
    expect(saved).toEqual({ session: undefined, inbox: [], outbox: { queue: [], done: [], breakers: {}, day: '', counts: {} } });
  });
});
