import { mkdtempSync, rmSync, statSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyWebhook } from '../src';
import { startRig, until } from './helpers';

const SECRET = 'a-shared-secret-of-32-characters';

interface Received {
  id: string;
  seq: number;
  type: string;
  data: { text?: string; kind?: string; isSelf?: boolean; chat?: { id: string } };
  signed: boolean;
}

/** A webhook receiver that checks every signature, as a user's service would. */
function receiver(port: number, answer: (d: Received) => object = () => ({})): Promise<{ server: Server; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const signed = verifyWebhook(SECRET, String(req.headers['x-wxbot-timestamp']), body, String(req.headers['x-wxbot-signature']));
      const delivery = { ...(JSON.parse(body) as Omit<Received, 'signed'>), signed };
      if (!signed) {
        res.writeHead(401).end();
        return;
      }
      got.push(delivery);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(delivery)));
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, got })));
}

const freePort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
};

describe('webhooks', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'wxbot-hooks-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('signs each delivery, replies with the answer, and delivers every event, in order, to a receiver that was down', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/hook`;
    const rig = await startRig({ home, server: { webhooks: [{ url, events: ['message', 'login'], secret: SECRET }] } });
    let up: { server: Server; got: Received[] } | undefined;
    try {
      // Down: the login and three messages wait, retried with backoff.
      for (const text of ['one', 'two', 'three']) rig.sim.injectText({ from: 'Alice', text });
      await until(() => (rig.log().match(/webhook delivery failed/g) ?? []).length >= 2, 'failed attempts while the receiver is down');
      const pending = path.join(home, 'webhooks-pending.json');
      expect(statSync(pending).mode & 0o777).toBe(0o600);

      up = await receiver(port, (d) => (d.type === 'message' && d.data.text === 'hook?' ? { reply: 'hook says hi' } : {}));
      const texts = (): Array<string | undefined> => up!.got.filter((d) => d.type === 'message' && d.data.kind === 'text').map((d) => d.data.text);
      await until(() => texts().length === 3, 'the backlog', 20_000);
      expect(up.got[0]?.type).toBe('login');
      expect(texts()).toEqual(['one', 'two', 'three']);
      expect(up.got.every((d) => d.signed)).toBe(true);
      const seqs = up.got.map((d) => d.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

      // Write a bot in any language: the answer's reply goes back to the chat.
      rig.sim.injectText({ from: 'Bob', text: 'hook?' });
      const bob = rig.bot.contacts.findContacts('Bob')[0]!;
      await until(() => rig.sim.sent().some((s) => s.content === 'hook says hi' && s.toUserName === bob.id), 'the webhook reply');
      await until(() => JSON.parse(readFileSync(pending, 'utf8')).length === 0, 'the queue file to empty');
    } finally {
      await rig.close();
      if (up) await new Promise((r) => up!.server.close(r));
    }
  }, 60_000);

  it('keeps undelivered events across a restart (at-least-once)', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/hook`;
    const hooks = [{ url, events: ['message' as const], secret: SECRET }];
    const first = await startRig({ home, server: { webhooks: hooks } });
    first.sim.injectText({ from: 'Alice', text: 'before the restart' });
    await until(() => /webhook delivery failed/.test(first.log()), 'a failed attempt');
    await first.close();
    const pending = path.join(home, 'webhooks-pending.json');
    expect(existsSync(pending)).toBe(true);
    const saved = JSON.parse(readFileSync(pending, 'utf8')) as Array<{ event: { data: { text: string } } }>;
    expect(saved.map((d) => d.event.data.text)).toContain('before the restart');

    const up = await receiver(port);
    const second = await startRig({ home, server: { webhooks: hooks } });
    try {
      await until(() => up.got.some((d) => d.data.text === 'before the restart'), 'the event from before the restart');
      expect(up.got.every((d) => d.signed)).toBe(true);
    } finally {
      await second.close();
      await new Promise((r) => up.server.close(r));
    }
  }, 60_000);
});
