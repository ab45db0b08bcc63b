import { gunzipSync, inflateSync } from 'node:zlib';
import { startSimulator, type Simulator } from '../../src';
import { pickCoding } from '../../src/util/compress';
import { MAIN_HOST, MM, call, login, synccheck, type LoggedIn } from '../helpers';

// The real front ends compress the JSON APIs for a browser that accepts it (protocol.md 3.6);
// clients that do not ask get the plain body.
describe('compressed JSON answers', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeAll(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 3 });
    me = await login(sim);
  });
  afterAll(() => sim.close());

  const webwxsync = (acceptEncoding?: string) =>
    call(sim, MAIN_HOST, `${MM}/webwxsync?sid=${me.sid}&skey=${me.skey}&pass_ticket=${me.passTicket}`, {
      body: JSON.stringify({ BaseRequest: me.baseRequest, SyncKey: me.syncKey, rr: -1 }),
      cookies: me.cookies,
      headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
    });

  it('gzips webwxsync for a client that accepts gzip, the same pretty-printed text/plain JSON inside', async () => {
    sim.injectText({ from: 'Alice', text: 'hello' });
    const reply = await webwxsync('gzip, deflate, br');
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    const text = gunzipSync(reply.body).toString('utf8');
    expect(text).toContain('"Content": "hello"');
    expect(JSON.parse(text).AddMsgList.map((m: { Content: string }) => m.Content)).toContain('hello');
  });

  it('deflates when only deflate is offered, and sends the plain body when nothing (or gzip;q=0) is', async () => {
    const deflated = await webwxsync('deflate');
    expect(deflated.headers['content-encoding']).toBe('deflate');
    expect(JSON.parse(inflateSync(deflated.body).toString('utf8')).BaseResponse.Ret).toBe(0);
    for (const accept of [undefined, 'gzip;q=0', 'identity']) {
      const plain = await webwxsync(accept);
      expect({ accept, encoding: plain.headers['content-encoding'] }).toEqual({ accept, encoding: undefined });
      expect(JSON.parse(plain.text).BaseResponse.Ret).toBe(0);
    }
  });

  it('leaves synccheck (text/javascript) uncompressed', async () => {
    const reply = await synccheck(sim, me, me.checkKey);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.text).toMatch(/^window\.synccheck=/);
  });

  it('sends a truncate fault as broken plain bytes, not as a broken gzip stream', async () => {
    const full = await webwxsync();
    sim.faults.add({ kind: 'sync', type: 'truncate' });
    const cut = await webwxsync('gzip');
    expect(cut.headers['content-encoding']).toBeUndefined();
    expect(cut.body.length).toBeLessThan(full.body.length);
  });
});

describe('pickCoding', () => {
  it.each([
    ['gzip, deflate, br', 'gzip'],
    ['br, deflate', 'deflate'],
    ['x-gzip', 'gzip'],
    ['*', 'gzip'],
    ['gzip;q=0, deflate', 'deflate'],
    ['br', undefined],
    ['', undefined],
  ])('%j → %s', (header, coding) => {
    expect(pickCoding(header)).toBe(coding);
  });
});
