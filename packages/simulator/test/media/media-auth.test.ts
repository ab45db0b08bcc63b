import { startSimulator } from '../../src';
import { param, sameTicket } from '../../src/media/media-auth';
import type { RequestContext } from '../../src/routes/context';
import { MAIN_HOST, MM, call, login } from '../helpers';

describe('media request checks', () => {
  it('reads a query parameter whatever its case (MsgID / msgid, as clients differ)', () => {
    const ctx = { query: new URLSearchParams('MsgID=12&skey=%40crypt_k') } as RequestContext;
    expect(param(ctx, 'msgid')).toBe('12');
    expect(param(ctx, 'SKEY')).toBe('@crypt_k');
    expect(param(ctx, 'type')).toBeUndefined();
  });

  it('matches the data ticket as sent, or with the + that a URL decoded into a space', () => {
    expect(sameTicket('gSd+ab/c=', 'gSd+ab/c=')).toBe(true);
    expect(sameTicket('gSd ab/c=', 'gSd+ab/c=')).toBe(true);
    expect(sameTicket('other', 'gSd+ab/c=')).toBe(false);
    expect(sameTicket('', '')).toBe(false);
    expect(sameTicket(undefined, 'x')).toBe(false);
  });
});

describe('media sessions over HTTP', () => {
  it('need the wxuin and wxsid cookies of a live session; the skey only in strict mode', async () => {
    for (const strict of [false, true]) {
      const sim = await startSimulator({ loginPollMs: 100, longPollMs: 100, strict });
      try {
        const me = await login(sim);
        const { msgId } = sim.inject({ kind: 'image', from: 'Alice' });
        const get = (skey: string, cookies = me.cookies) => call(sim, MAIN_HOST, `${MM}/webwxgetmsgimg?MsgID=${msgId}&skey=${encodeURIComponent(skey)}`, { cookies });
        expect((await get(me.skey)).status).toBe(200);
        expect([strict, (await get('@crypt_wrong')).status]).toEqual([strict, strict ? 403 : 200]);
        expect((await get(me.skey, { ...me.cookies, wxuin: '1' })).status).toBe(403);
        expect((await get(me.skey, { wxuin: me.cookies['wxuin'] ?? '' })).status).toBe(403);
        sim.forceLogout(1101);
        expect((await get(me.skey)).status).toBe(403);
      } finally {
        await sim.close();
      }
    }
  });
});
