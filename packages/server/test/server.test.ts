import { readSavedState } from '@wxbot/core/internals';
import path from 'node:path';
import { readEvents, startRig, until, type Rig } from './helpers';

// Every route over real HTTP, against a Bot logged in to the simulator.
describe('control API', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  it('answers health and readiness without a token', async () => {
    const health = await fetch(`${rig.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, state: 'running' });
    const ready = await fetch(`${rig.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, state: 'running' });
  });

  it('refuses /api and /metrics without the token, or with a wrong one, with a coded 401', async () => {
    for (const p of ['/api/status', '/api/contacts', '/api/events', '/metrics', '/api/openapi.json']) {
      const none = await fetch(`${rig.server.url}${p}`);
      expect({ p, status: none.status }).toEqual({ p, status: 401 });
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('WXBOT_API_UNAUTHORIZED');
      const wrong = await fetch(`${rig.server.url}${p}`, { headers: { authorization: 'Bearer nope' } });
      expect({ p, status: wrong.status }).toEqual({ p, status: 401 });
    }
    const basic = await fetch(`${rig.server.url}/api/status`, { headers: { authorization: `Basic ${rig.server.token.token}` } });
    expect(basic.status).toBe(401);
    // The route decides, not the spelling of the path: encoded or doubled slashes get no way around.
    for (const p of ['/%61pi/status', '/api%2Fstatus', '//api/status', '/api/./status', '/metrics/', '/api/status?x=1']) {
      const res = await fetch(`${rig.server.url}${p}`);
      expect({ p, status: res.status === 200 ? 200 : 'refused' }).toEqual({ p, status: 'refused' });
    }
  });

  it('GET /api/status shows state, account, counts, governor and plugins', async () => {
    const res = await rig.api('/api/status');
    expect(res.status).toBe(200);
    const status = (await res.json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      state: 'running',
      account: { id: rig.bot.contacts.self.id, name: rig.bot.contacts.self.name },
      loginMethod: 'qr',
      counts: { contacts: rig.bot.contacts.size.contacts, groups: rig.bot.contacts.size.groups, queued: 0 },
      governor: { breakers: {} },
      plugins: ['echo'],
      qrPending: false,
    });
    expect(typeof status['uptimeSeconds']).toBe('number');
  });

  it('GET /api/qr is 404 once logged in', async () => {
    const res = await rig.api('/api/qr');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WXBOT_API_NOT_FOUND');
  });

  it('GET /api/contacts and /api/rooms search, and their ids are send targets', async () => {
    const contacts = (await (await rig.api('/api/contacts?q=Alice')).json()) as { items: Array<{ id: string; name: string; kind: string }> };
    expect(contacts.items[0]).toMatchObject({ name: 'Alice', kind: 'friend' });
    expect(Object.keys(contacts.items[0]!).sort()).toEqual(['id', 'kind', 'name', 'nickName', 'remarkName', 'stableId']);
    const all = (await (await rig.api('/api/contacts?limit=2')).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(2);
    const rooms = (await (await rig.api('/api/rooms?q=Dev')).json()) as { items: Array<{ id: string; topic: string; memberCount: number }> };
    expect(rooms.items[0]?.id).toMatch(/^@@/);
    expect(rooms.items[0]?.memberCount).toBeGreaterThan(1);
    const bad = await rig.api('/api/contacts?limit=0');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('WXBOT_API_BAD_REQUEST');

    const send = await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: rooms.items[0]!.id, text: 'hello room' }) });
    expect(send.status).toBe(202);
    await until(() => rig.sim.sent().some((s) => s.content === 'hello room' && s.toUserName === rooms.items[0]!.id), 'the group send');
    // A stable id (it survives logins) is a send target too.
    const stable = (contacts.items[0] as { stableId?: string }).stableId;
    expect(stable).toBe(rig.bot.contacts.findContacts('Alice')[0]?.stableId);
    const bySid = await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: stable, text: 'hello by stable id' }) });
    expect(bySid.status).toBe(202);
    await until(() => rig.sim.sent().some((s) => s.content === 'hello by stable id' && s.to === 'Alice'), 'the send by stable id');
  });

  it('POST /api/messages queues text and media through the outbox (202 + action id), followed by GET /api/messages/:id', async () => {
    const alice = rig.bot.contacts.findContacts('Alice')[0]!;
    const res = await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: alice.id, text: 'from the API' }) });
    expect(res.status).toBe(202);
    const { actionId, status } = (await res.json()) as { actionId: string; status: string };
    expect(status).toBe('queued');
    await until(() => rig.sim.sent().some((s) => s.content === 'from the API' && s.to === 'Alice'), 'the API send');
    const record = await until(async () => {
      const r = (await (await rig.api(`/api/messages/${actionId}`)).json()) as { status: string; msgId?: string };
      return r.status === 'sent' ? r : undefined;
    }, 'the action to be sent');
    expect(record.msgId).toMatch(/^\d+$/);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa1b4d6f00000000049454e44ae426082', 'hex');
    const img = await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: alice.id, image: png.toString('base64') }) });
    expect(img.status).toBe(202);
    const file = await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: alice.id, file: Buffer.from('report body').toString('base64'), name: 'report.txt' }) });
    expect(file.status).toBe(202);
    await until(() => rig.sim.sent().some((s) => s.type === 3 && s.to === 'Alice'), 'the image send');
    await until(() => rig.sim.sent().some((s) => (s as { fileName?: string }).fileName === 'report.txt'), 'the file send');
    expect(rig.sim.uploads().some((u) => u.size === png.length)).toBe(true);

    const outbox = (await (await rig.api('/api/outbox')).json()) as { queued: unknown[]; breakers: object; recent: Array<{ id: string; status: string }> };
    expect(Array.isArray(outbox.queued)).toBe(true);
    expect(outbox.recent.some((r) => r.id === actionId && r.status === 'sent')).toBe(true);
  });

  it('POST /api/messages sends a link card through the outbox; a bad one fails its action with a coded error', async () => {
    const bob = rig.bot.contacts.findContacts('Bob')[0]!;
    const post = async (link: object): Promise<string> => {
      const res = await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: bob.id, link }) });
      expect(res.status).toBe(202);
      return ((await res.json()) as { actionId: string }).actionId;
    };
    const done = (id: string) =>
      until(async () => {
        const r = (await (await rig.api(`/api/messages/${id}`)).json()) as { status: string; kind: string; error?: { code?: string } };
        return r.status === 'queued' ? undefined : r;
      }, 'the link action to finish');
    const ok = await done(await post({ title: 'API card', url: 'https://example.com/api', description: 'from curl' }));
    expect(ok).toMatchObject({ status: 'sent', kind: 'link' });
    expect(rig.sim.sent().some((s) => s.type === 5 && s.toUserName === bob.id && s.content.includes('<title>API card</title>'))).toBe(true);
    expect(await done(await post({ title: 'bad', url: 'ftp://example.com' }))).toMatchObject({ status: 'failed', error: { code: 'WXBOT_INVALID_ARGUMENT' } });
  });

  it('POST /api/messages forwards a received message by its event id; what cannot be forwarded fails with its code', async () => {
    const bob = rig.bot.contacts.findContacts('Bob')[0]!;
    const post = (body: object) => rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: bob.id, ...body }) });
    const done = (id: string) =>
      until(async () => {
        const r = (await (await rig.api(`/api/messages/${id}`)).json()) as { status: string; kind: string; msgId?: string; error?: { code?: string } };
        return r.status === 'queued' ? undefined : r;
      }, 'the forward to finish');
    const received = new Set<string>();
    const seen = (m: { id: string }) => void received.add(m.id);
    rig.bot.on('message', seen);
    const link = rig.sim.inject({ kind: 'link', from: 'Alice', title: 'Forward me', url: 'https://example.com/f' });
    const voice = rig.sim.inject({ kind: 'voice', from: 'Alice' });
    // The id is the one of the "message" event: the bot must have received it first.
    await until(() => received.has(link.msgId) && received.has(voice.msgId), 'the messages to arrive');
    rig.bot.off('message', seen);
    const res = await post({ forward: link.msgId });
    expect(res.status).toBe(202);
    const ok = await done(((await res.json()) as { actionId: string }).actionId);
    expect(ok).toMatchObject({ status: 'sent', kind: 'forward' });
    expect(rig.sim.sent().find((s) => s.msgId === ok.msgId)).toMatchObject({ type: 5, toUserName: bob.id });
    const refused = await post({ forward: voice.msgId });
    expect(await done(((await refused.json()) as { actionId: string }).actionId)).toMatchObject({ status: 'failed', error: { code: 'WXBOT_FORWARD_UNSUPPORTED' } });
    const unknown = await post({ forward: '123' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('WXBOT_API_NOT_FOUND');
  });

  it('answers bad input with coded 4xx errors: unknown chat, bad JSON, bad body, bad base64, oversize, unknown route', async () => {
    const post = (body: string, type = 'application/json') => rig.api('/api/messages', { method: 'POST', headers: { 'content-type': type }, body });
    const expectError = async (res: Response, status: number, code: string): Promise<string> => {
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
      return body.error.message;
    };
    expect(await expectError(await post(JSON.stringify({ to: '@nobody', text: 'x' })), 404, 'WXBOT_API_UNKNOWN_CHAT')).toMatch(/GET \/api\/contacts/);
    await expectError(await post('{"to": "x", "text": '), 400, 'WXBOT_API_BAD_REQUEST');
    await expectError(await post(JSON.stringify({ text: 'no target' })), 400, 'WXBOT_API_BAD_REQUEST');
    await expectError(await post(JSON.stringify({ to: 'a', text: 'x', image: 'AAAA' })), 400, 'WXBOT_API_BAD_REQUEST');
    const alice = rig.bot.contacts.findContacts('Alice')[0]!;
    expect(await expectError(await post(JSON.stringify({ to: alice.id, image: 'not base64!' })), 400, 'WXBOT_API_BAD_REQUEST')).toMatch(/base64/);
    expect(await expectError(await post(JSON.stringify({ to: alice.id, file: 'AAAA' })), 400, 'WXBOT_API_BAD_REQUEST')).toMatch(/name/);
    await expectError(await post(JSON.stringify({ to: alice.id, text: 'x'.repeat(17 * 1024 * 1024) })), 413, 'WXBOT_API_TOO_LARGE');
    await expectError(await rig.api('/api/nothing-here'), 404, 'WXBOT_API_NOT_FOUND');
    await expectError(await rig.api('/api/messages/no-such-id'), 404, 'WXBOT_API_NOT_FOUND');
    await expectError(await rig.api('/api/events?types=message,bogus'), 400, 'WXBOT_API_BAD_REQUEST');
  });

  it('GET /api/events streams state, message and sent events', async () => {
    const res = await rig.api('/api/events');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readEvents(res);
    try {
      await until(() => stream.events.some((e) => e.event === 'state'), 'the initial state');
      expect(stream.events[0]).toMatchObject({ event: 'state', data: { state: 'running' } });
      rig.sim.injectText({ from: 'Bob', text: 'hello over SSE' });
      const msg = await until(() => stream.events.find((e) => e.event === 'message' && (e.data as { text: string }).text === 'hello over SSE'), 'the message event');
      const bob = rig.bot.contacts.findContacts('Bob')[0]!;
      expect(msg.data).toMatchObject({ kind: 'text', chat: { id: bob.id, name: bob.name }, sender: { id: bob.id }, isSelf: false });
      expect(Number(msg.id)).toBeGreaterThan(0);
      await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: bob.id, text: 'sent over SSE' }) });
      const sent = await until(() => stream.events.find((e) => e.event === 'sent'), 'the sent event');
      expect(sent.data).toMatchObject({ to: bob.id, kind: 'text' });
    } finally {
      stream.stop();
    }
  });

  it('GET /api/openapi.json documents the routes with the bearer scheme', async () => {
    const doc = (await (await rig.api('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: object } };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/status', '/api/qr', '/api/contacts', '/api/rooms', '/api/messages', '/api/messages/{id}', '/api/outbox', '/api/events', '/api/logout', '/healthz', '/readyz', '/metrics']) {
      expect(doc.paths).toHaveProperty([p]);
    }
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer' } });
  });

  it('no secret of the session appears in any answer, event or log line', async () => {
    const stream = readEvents(await rig.api('/api/events'));
    const bodies: string[] = [];
    for (const p of ['/api/status', '/api/contacts', '/api/rooms', '/api/outbox', '/api/openapi.json', '/metrics', '/healthz', '/readyz', '/api/qr']) bodies.push(await (await rig.api(p)).text());
    rig.sim.faults.add({ kind: 'sendmsg', type: 'http', status: 503 });
    rig.sim.injectText({ from: 'Alice', text: 'ping' });
    await until(() => rig.sim.sent().some((s) => s.content === 'pong'), 'the echo reply');
    await until(() => stream.events.length > 1, 'some events');
    stream.stop();
    await rig.bot.outbox.drain(2000);
    const saved = (await readSavedState(path.join(rig.home, 'state.log'))).session as unknown as { credentials: { skey: string; sid: string; passTicket: string; uin: number }; cookies: { cookies: Array<{ value: string }> } };
    const secrets = [saved.credentials.skey, saved.credentials.sid, saved.credentials.passTicket, decodeURIComponent(saved.credentials.passTicket), String(saved.credentials.uin), ...saved.cookies.cookies.map((c) => c.value).filter((v) => v.length >= 8 && !/_expired$/.test(v))];
    const everything = [...bodies, JSON.stringify(stream.events), rig.log()].join('\n');
    expect(everything.length).toBeGreaterThan(2000);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(6);
      if (everything.includes(secret)) throw new Error(`a secret appears: ${secret.slice(0, 3)}…`);
    }
    expect(everything).not.toContain(rig.server.token.token);
  });
});
