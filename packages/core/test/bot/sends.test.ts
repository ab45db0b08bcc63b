import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { WxbotError } from '../../src/errors/wxbot-error';
import type { LiveSession } from '../../src/session/bring-up';
import { Sends } from '../../src/bot/sends';
import { liveSession, type Live } from '../fixtures/live';

// Sends over the real outbox and action kinds, against the simulator.
let t: Live;
let sends: Sends;
let running = true;
beforeAll(async () => {
  t = await liveSession();
});
afterAll(() => t.close());
beforeEach(() => {
  running = true;
  sends = new Sends({
    outbox: t.outbox,
    contacts: t.contacts,
    home: t.home,
    live: (what): LiveSession => {
      if (!running) throw new WxbotError('WXBOT_NOT_RUNNING', `cannot ${what} while the bot is stopped`);
      return t.live;
    },
    session: () => t.live,
  });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d5e2d40000000049454e44ae426082', 'hex');

describe('Sends', () => {
  it('sends a text and answers with what the server gave back', async () => {
    const sent = await sends.send(t.id('Alice'), 'hello from sends');
    const record = t.sim.sent().at(-1);
    expect(record).toMatchObject({ type: 1, content: 'hello from sends', to: 'Alice', msgId: sent.msgId, localId: sent.localId });
    expect(sent.to).toBe(t.id('Alice'));
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('an Outgoing with `to` goes there; mentions put @names into a group text', async () => {
    await sends.send(t.id('Alice'), { text: 'elsewhere', to: t.id('Bob') });
    expect(t.sim.sent().at(-1)).toMatchObject({ content: 'elsewhere', to: 'Bobby' });
    await sends.send(t.id('Family'), { text: 'dinner', mentions: [t.id('Alice')] });
    expect(t.sim.sent().at(-1)).toMatchObject({ room: 'Family', content: expect.stringContaining('@Alice') as string });
  });

  it('a message scope gives its actions the keys <scope>#<n>: handled again, they are recognised, not resent', async () => {
    const first = sends.scoped('msg:42');
    const a = await first.send(t.id('Alice'), 'one');
    await first.send(t.id('Alice'), 'two');
    const count = t.sim.sent().length;
    const replay = sends.scoped('msg:42');
    const again = await replay.send(t.id('Alice'), 'one');
    await replay.send(t.id('Alice'), 'two');
    expect(t.sim.sent()).toHaveLength(count);
    expect(again.msgId).toBe(a.msgId);
    // Another scope is another message: sent.
    await sends.scoped('msg:43').send(t.id('Alice'), 'one');
    expect(t.sim.sent()).toHaveLength(count + 1);
  });

  it('media is staged in the home, uploaded and sent', async () => {
    await sends.send(t.id('Alice'), { image: PNG, name: 'dot.png' });
    expect(t.sim.uploads().at(-1)).toMatchObject({ size: PNG.length });
    expect(t.sim.sent().at(-1)).toMatchObject({ type: 3, to: 'Alice' });
    expect(existsSync(path.join(t.home, 'media'))).toBe(true);
  });

  it('a link card goes out as an app message; a bad one and a contact card are refused with coded errors', async () => {
    await sends.send(t.id('Alice'), { link: { title: 'Notes', url: 'https://example.com/n', description: 'v2' } });
    // The simulator records an app message by its AppMsgType (5: a link).
    expect(t.sim.sent().at(-1)).toMatchObject({ type: 5, content: expect.stringContaining('https://example.com/n') as string });
    await expect(sends.send(t.id('Alice'), { link: { title: 'x', url: 'ftp://example.com' } })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
    await expect(sends.send(t.id('Alice'), { card: t.id('Bob') })).rejects.toMatchObject({ code: 'WXBOT_CARD_UNSUPPORTED' });
  });

  it('revokes a fresh send; a send older than two minutes is WXBOT_REVOKE_EXPIRED before any request', async () => {
    const sent = await sends.send(t.id('Alice'), 'oops');
    await sends.revoke(sent);
    expect(t.sim.sent().find((r) => r.msgId === sent.msgId)?.revoked).toBe(true);
    const old = { ...sent, localId: String((Date.now() - 3 * 60_000) * 10_000), sentAt: new Date(Date.now() - 3 * 60_000) };
    await expect(sends.revoke(old)).rejects.toMatchObject({ code: 'WXBOT_REVOKE_EXPIRED' });
  });

  it('refuses to send or fetch while not running, naming what was asked, as a rejected promise', async () => {
    running = false;
    const count = t.sim.sent().length;
    await expect(sends.send(t.id('Alice'), 'x')).rejects.toMatchObject({ code: 'WXBOT_NOT_RUNNING', message: expect.stringContaining('cannot send') as string });
    await expect(sends.download({} as never)).rejects.toThrow(/cannot download media/);
    await expect(sends.downloadTo({} as never, path.join(t.home, 'x'))).rejects.toThrow(/cannot download media/);
    await expect(sends.avatar(t.id('Alice'))).rejects.toMatchObject({ code: 'WXBOT_NOT_RUNNING' });
    expect(t.sim.sent()).toHaveLength(count);
  });

  it('a friend request is pending until answered; accepting it verifies with the server', async () => {
    const { entry } = t.sim.friendRequest({ from: 'Mallory', greeting: 'hi' });
    const request = { userName: entry.RecommendInfo.UserName, nickName: 'Mallory', greeting: 'hi', ticket: entry.RecommendInfo.Ticket, scene: entry.RecommendInfo.Scene, roomId: '' };
    const answer = sends.friendRequest(request);
    expect(sends.friends.pending().map((r) => r.nickName)).toEqual(['Mallory']);
    await answer.accept();
    expect(sends.friends.pending()).toEqual([]);
    expect(t.sim.state().friendRequests.incoming).toEqual([]);
  });

  it('media bytes without a name go out named after their kind', async () => {
    const staged = () => (existsSync(path.join(t.home, 'media')) ? readdirSync(path.join(t.home, 'media')).length : 0);
    const before = staged();
    await sends.send(t.id('Alice'), { file: Buffer.from('plain text file') });
    expect(t.sim.uploads().at(-1)?.name).toMatch(/^file-\d+$/);
    await sends.send(t.id('Alice'), { file: Buffer.from('plain text file'), name: '../notes.txt' });
    expect(t.sim.uploads().at(-1)?.name).toBe('notes.txt');
    // The same bytes are staged once.
    expect(staged()).toBe(before + 1);
  });
});
