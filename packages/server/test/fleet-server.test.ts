import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { existsSync } from 'node:fs';
import { Bot, MemoryStateStore } from '@wxbot/core';
import { readSavedState } from '@wxbot/core/internals';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { HandlerTimer, startFleetControlServer, verifyWebhook, type FleetControlServer } from '../src';
import { readEvents, until } from './helpers';

// A fleet worker's control server with three accounts on a three-account simulator: two log in
// first, the third waits for its phone; the test is that phone (the simulator's control API).
const SECRET = 'a-shared-secret-of-32-characters';
interface Hooked {
  account?: string;
  type: string;
  data: { uuid?: string; state?: string };
}

function receiver(): Promise<{ server: Server; got: Hooked[]; url: string }> {
  const got: Hooked[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (!verifyWebhook(SECRET, String(req.headers['x-wxbot-timestamp']), body, String(req.headers['x-wxbot-signature']))) return void res.writeHead(401).end();
      got.push(JSON.parse(body) as Hooked);
      res.writeHead(200).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, got, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook` })));
}

describe('fleet control server', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'wxbot-fleet-server-'));
  const chunks: string[] = [];
  const logger = pino({ level: 'trace' }, new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }));
  let sim: Simulator;
  let server: FleetControlServer;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const bots = new Map<string, Bot>();
  const answers: string[] = [];
  const api = async (pathname: string, init: RequestInit = {}): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${server.url}${pathname}`, { ...init, headers: { authorization: `Bearer ${server.token.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
    const text = await res.text();
    answers.push(text);
    return { status: res.status, body: JSON.parse(text) };
  };
  const timers = new Map<string, HandlerTimer>();
  const newBot = (name: string): Bot => {
    // Each account its own handler timer, first in its plugins (as `wxbot fleet --api` does).
    const timer = new HandlerTimer();
    timers.set(name, timer);
    const bot = new Bot({ plugins: [timer.plugin], endpoint: sim.url, home: path.join(root, name), logger: logger.child({ account: name }), longPollTimeoutMs: 3000, loginPollTimeoutMs: 3000, backoff: { baseMs: 20, capMs: 200 }, stopTimeoutMs: 3000, outbox: { limits: false } });
    bots.set(name, bot);
    return bot;
  };
  const phone = (simAccount: string, op: 'scan' | 'confirm') => fetch(`${sim.url}/__sim/${op}?account=${simAccount}`, { method: 'POST' });

  beforeAll(async () => {
    sim = await startSimulator({ accounts: 3, longPollMs: 200, loginPollMs: 200 });
    hook = await receiver();
    server = await startFleetControlServer({
      home: root,
      worker: 'w1',
      logger,
      webhooks: [{ url: hook.url, events: ['qr', 'login'], secret: SECRET }],
      // The fleet store's view: the three here, one on another worker, one waiting for a worker.
      accounts: async () => [...['sales-1', 'sales-2', 'sales-3'].map((account) => ({ account, worker: 'w1' })), { account: 'sales-8' }, { account: 'sales-9', worker: 'w2', url: 'http://10.0.0.2:8720' }],
    });
    // Two accounts log in as a phone confirms each QR in turn.
    for (const [name, simAccount] of [['sales-1', 'account-1'], ['sales-2', 'account-2']] as const) {
      const bot = newBot(name);
      await server.attach(name, bot, { handlerTimer: timers.get(name) });
      bot.once('qr', () => void phone(simAccount, 'scan').then(() => phone(simAccount, 'confirm')));
      await bot.start();
    }
  }, 30_000);

  afterAll(async () => {
    await server.close();
    await Promise.all([...bots.values()].map((b) => b.stop()));
    await sim.close();
    await new Promise((r) => hook.server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it("shows an account's QR in the list, its route, the fleet stream and the webhook; after the scan it runs", async () => {
    const stream = readEvents((await fetch(`${server.url}/api/events?types=qr,state,login,attached`, { headers: { authorization: `Bearer ${server.token.token}` } })));
    const bot = newBot('sales-3');
    await server.attach('sales-3', bot);
    const started = bot.start();
    const listed = await until(async () => (await api('/api/accounts')).body.items.find((a: { account: string; qrPending: boolean }) => a.account === 'sales-3' && a.qrPending), 'sales-3 waiting for a scan');
    expect(listed).toMatchObject({ here: true, worker: 'w1', ready: false, name: null });
    const qr = await api('/api/accounts/sales-3/qr');
    expect(qr.status).toBe(200);
    expect(qr.body.png).toMatch(/^data:image\/png;base64,/);
    const qrEvent = await until(() => stream.events.find((e) => e.event === 'qr'), 'the qr event on the fleet stream');
    expect(qrEvent.data).toEqual({ account: 'sales-3', data: { uuid: qr.body.uuid, url: qr.body.url } });
    expect(stream.events.find((e) => e.event === 'attached')?.data).toEqual({ account: 'sales-3', data: {} });
    // One receiver serves every account: the first two accounts' QRs came before, each named.
    const hooked = await until(() => hook.got.find((h) => h.type === 'qr' && h.account === 'sales-3'), 'the qr webhook of sales-3');
    expect(hooked.data).toEqual({ uuid: qr.body.uuid, url: qr.body.url });
    expect(hook.got.filter((h) => h.type === 'qr').map((h) => h.account)).toEqual(['sales-1', 'sales-2', 'sales-3']);
    // The account's own stream starts with its live QR too.
    const own = readEvents(await fetch(`${server.url}/api/accounts/sales-3/events?types=qr`, { headers: { authorization: `Bearer ${server.token.token}` } }));
    await until(() => own.events.length === 1, "the account stream's QR");
    own.stop();

    await phone('account-3', 'scan');
    await phone('account-3', 'confirm');
    await started;
    const running = await until(async () => (await api('/api/accounts')).body.items.find((a: { account: string; state: string }) => a.account === 'sales-3' && a.state === 'running'), 'sales-3 running');
    expect(running).toMatchObject({ ready: true, qrPending: false, name: expect.any(String), loginMethod: 'qr' });
    await until(() => stream.events.some((e) => e.event === 'login' && (e.data as { account: string }).account === 'sales-3'), 'the login on the fleet stream');
    await until(() => hook.got.some((h) => h.type === 'login' && h.account === 'sales-3'), 'the login webhook');
    stream.stop();
    expect((await api('/api/accounts/sales-3/qr')).body.error.code).toBe('WXBOT_API_NOT_FOUND');
  }, 20_000);

  it('lists every account, here and elsewhere, and sends through the right one', async () => {
    const { body } = await api('/api/accounts');
    expect(body.items.map((a: { account: string; here: boolean; worker: string | null }) => [a.account, a.here, a.worker])).toEqual([
      ['sales-1', true, 'w1'],
      ['sales-2', true, 'w1'],
      ['sales-3', true, 'w1'],
      ['sales-8', false, null],
      ['sales-9', false, 'w2'],
    ]);
    expect(body.counts).toEqual({ here: 3, running: 3, qrPending: 0, registered: 5 });

    const alice = (await api('/api/accounts/sales-2/contacts?q=Alice')).body.items[0];
    const sent = await api('/api/accounts/sales-2/messages', { method: 'POST', body: JSON.stringify({ to: alice.id, text: 'from sales-2' }) });
    expect(sent.status).toBe(202);
    await until(async () => (await api(`/api/accounts/sales-2/messages/${sent.body.actionId}`)).body.status === 'sent', 'the send');
    expect(sim.account('account-2').sent().map((s) => s.content)).toContain('from sales-2');
    for (const other of ['account-1', 'account-3']) expect(sim.account(other).sent().map((s) => s.content)).not.toContain('from sales-2');
    // The action belongs to its account: another account does not know it.
    expect((await api(`/api/accounts/sales-1/messages/${sent.body.actionId}`)).status).toBe(404);

    // A message to sales-2 is timed under its own account label only.
    const handled = new Promise<void>((resolve) => bots.get('sales-2')?.once('message', () => setImmediate(resolve)));
    sim.account('account-2').injectText({ from: 'Alice', text: 'timed?' });
    await handled;
    const metrics = await until(async () => {
      const text = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.token.token}` } }).then((r) => r.text());
      return /wxbot_handler_seconds_count\{account="sales-2",kind="text"\} 1/.test(text) ? text : undefined;
    }, 'the handler timing of sales-2');
    expect(metrics).not.toMatch(/wxbot_handler_seconds_count\{account="sales-1"/);
    expect(metrics).toContain('wxbot_state{account="sales-2",state="running"} 1');
    expect(metrics).toMatch(/wxbot_api_sends_total\{account="sales-2",kind="text",outcome="sent"\} 1/);
  });

  it('answers an account it does not hold with WXBOT_API_ACCOUNT_NOT_HERE, naming its worker when known', async () => {
    const held = await api('/api/accounts/sales-9/status');
    expect(held).toMatchObject({ status: 404, body: { error: { code: 'WXBOT_API_ACCOUNT_NOT_HERE' } } });
    expect(held.body.error.message).toContain('worker w2 holds it: ask http://10.0.0.2:8720/api/accounts/sales-9');
    expect((await api('/api/accounts/sales-8/qr')).body.error.message).toMatch(/nor by any other worker right now/);
    const unknown = await api('/api/accounts/nobody/messages', { method: 'POST', body: JSON.stringify({}) });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'WXBOT_API_ACCOUNT_NOT_HERE' } } });
    expect(unknown.body.error.message).toContain('no account "nobody" is registered');
    // No token, no answer about accounts at all.
    expect((await fetch(`${server.url}/api/accounts/sales-9/status`)).status).toBe(401);
  });

  it('stops serving a detached account: its routes answer the coded error and its stream ends', async () => {
    const stream = await fetch(`${server.url}/api/accounts/sales-1/events`, { headers: { authorization: `Bearer ${server.token.token}` } });
    const reading = stream.text();
    await server.detach('sales-1', newBot('other')); // not the bot attached: nothing happens
    expect(server.accounts()).toContain('sales-1');
    await server.detach('sales-1');
    await reading; // the stream ended
    expect(server.accounts()).toEqual(['sales-2', 'sales-3']);
    const gone = await api('/api/accounts/sales-1/status');
    expect(gone).toMatchObject({ status: 404, body: { error: { code: 'WXBOT_API_ACCOUNT_NOT_HERE' } } });
    expect(gone.body.error.message).toContain('worker w1 holds it'); // the store still says so until the lease goes
  });

  it('no secret of any session appears in an answer or a log line', async () => {
    for (const p of ['/api/accounts', '/api/accounts/sales-2/status', '/api/accounts/sales-3/contacts', '/api/accounts/sales-2/outbox', '/api/openapi.json', '/healthz']) await api(p);
    const secrets: string[] = [];
    for (const name of ['sales-1', 'sales-2', 'sales-3']) {
      await bots.get(name)?.stop();
      const saved = (await readSavedState(path.join(root, name, 'state.log'))).session as unknown as { credentials: { skey: string; sid: string; passTicket: string } };
      secrets.push(saved.credentials.skey, saved.credentials.sid, saved.credentials.passTicket);
    }
    const everything = [...answers, JSON.stringify(hook.got), chunks.join('')].join('\n');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(6);
      if (everything.includes(secret)) throw new Error(`a secret appears: ${secret.slice(0, 3)}…`);
    }
    expect(everything).not.toContain(server.token.token);
  });

  it("keeps an account's undelivered webhooks in the account's own state store, so they move with it", async () => {
    const down = createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(down.address() as { port: number }).port}/hook`;
    await new Promise((r) => down.close(r)); // nobody listens there now
    const other = await startFleetControlServer({ home: root, token: 'a-token-of-sixteen-plus', logger, webhooks: [{ url, events: ['qr'], secret: SECRET }] });
    const store = new MemoryStateStore();
    const bot = new Bot({ endpoint: sim.url, home: path.join(root, 'sales-4'), store, logger, loginPollTimeoutMs: 3000, stopTimeoutMs: 3000 });
    try {
      await other.attach('sales-4', bot, { store });
      void bot.start().catch(() => undefined);
      await until(() => store.state.lines.some((l) => l.section === 'webhooks' && l.json.includes('"type":"qr"')), 'the qr delivery in the store');
      await other.detach('sales-4');
      expect(existsSync(path.join(root, 'sales-4', 'webhooks-pending.json'))).toBe(false);
    } finally {
      await bot.stop();
      await other.close();
    }
  });
});
