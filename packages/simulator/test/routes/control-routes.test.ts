import { startSimulator, type Simulator } from '../../src';
import { LOGIN_HOST, call, getUuid, login, poll, sync } from '../helpers';

describe('control API', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 17 });
  });
  afterEach(() => sim.close());

  const post = (path: string, body?: unknown, method = 'POST') =>
    call(sim, `127.0.0.1:${sim.port}`, `/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  it('drives the phone: scan and confirm', async () => {
    const uuid = await getUuid(sim);
    expect((await post('scan')).status).toBe(200);
    expect((await poll(sim, uuid)).text).toMatch(/^window\.code=201;/);
    await post('confirm');
    expect((await poll(sim, uuid)).text).toMatch(/^window\.code=200;/);
  });

  it('injects messages, lists sent messages and state', async () => {
    const me = await login(sim);
    const created = await post('messages', { from: 'Alice', room: 'Family', text: 'hello' });
    const { msgId } = JSON.parse(created.text);
    expect(msgId).toMatch(/^\d{19}$/);
    const json = await sync(sim, me);
    expect(json['AddMsgList'][0].MsgId).toBe(msgId);
    const state = JSON.parse((await post('state', undefined, 'GET')).text);
    expect(state.session.uin).toBe(176666155);
    expect(state.friends.map((f: { nickName: string }) => f.nickName)).toContain('Carol');
    expect(JSON.parse((await post('sent', undefined, 'GET')).text)).toEqual([]);
    const raw = await post('inject', { kind: 'image', from: 'Bob' });
    expect(JSON.parse(raw.text).entry.MsgType).toBe(3);
  });

  it('arms and clears faults, forces logout', async () => {
    const me = await login(sim);
    expect((await post('faults', [{ kind: 'jslogin', type: 'http', status: 500 }])).status).toBe(200);
    expect((await call(sim, LOGIN_HOST, '/jslogin')).status).toBe(500);
    await post('faults', { kind: 'jslogin', type: 'http' });
    expect(JSON.parse((await post('faults', undefined, 'GET')).text)).toHaveLength(1);
    await post('faults', undefined, 'DELETE');
    expect((await call(sim, LOGIN_HOST, '/jslogin')).status).toBe(200);
    expect((await post('logout', { retcode: 1101 })).status).toBe(200);
    expect(sim.state().session?.ended).toBe(1101);
    void me;
  });

  it('answers bad input with 4xx JSON errors naming the known values', async () => {
    await login(sim);
    const unknown = await post('messages', { from: 'Nobody', text: 'x' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).error).toMatch(/known: Alice, Bob, Carol/);
    expect((await post('messages', { from: 'Alice' })).status).toBe(400);
    expect((await post('faults', { kind: 'x', type: 'reset' })).status).toBe(400);
    expect((await post('logout', { retcode: 7 })).status).toBe(400);
    expect((await post('nothing')).status).toBe(404);
  });

  it('needs a session for injection (409)', async () => {
    const res = await post('messages', { from: 'Alice', text: 'x' });
    expect(res.status).toBe(409);
  });
});
