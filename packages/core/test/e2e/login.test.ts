import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readSavedState, type BotEvents, type LogoutEvent } from '@wxbot/core/internals';
import type { Simulator } from '@wxbot/simulator';
import { captureLogger, newBot, recorder, removeHome, tempHome, until, withSim } from './harness';

/** Start a new bot on the same home, see how it logged in, stop it. */
async function restart(sim: Simulator, home: string): Promise<{ methods: string[]; qrShown: boolean }> {
  const bot = newBot(sim, home, []);
  const methods: string[] = [];
  let qrShown = false;
  bot.on('qr', () => (qrShown = true));
  bot.on('login', ({ method }) => methods.push(method));
  await bot.start();
  await bot.stop();
  return { methods, qrShown };
}

describe('Bot login against the simulator', () => {
  let home: string;
  beforeEach(() => (home = tempHome()));
  afterEach(() => removeHome(home));

  it('logs in by QR: qr, scan, progress and login events, contacts and group members loaded', async () => {
    await withSim(async (sim) => {
      const bot = newBot(sim, home, []);
      const events: string[] = [];
      const qr: BotEvents['qr'][0][] = [];
      bot.on('qr', (e) => (events.push('qr'), qr.push(e)));
      bot.on('scan', () => events.push('scan'));
      bot.on('login', ({ method }) => events.push(`login:${method}`));
      const steps: string[] = [];
      bot.on('progress', ({ step }) => steps.push(step));
      await bot.start();
      try {
        expect(events).toEqual(['qr', 'scan', 'login:qr']);
        expect(qr[0]?.url).toBe(`https://login.weixin.qq.com/l/${qr[0]?.uuid}`);
        expect(steps).toEqual(expect.arrayContaining(['qr-login', 'init', 'status-notify', 'contacts', 'members']));
        expect(bot.state).toBe('running');
        expect(bot.contacts.self.nickName).toBe('wxbot');
        expect(bot.contacts.findContacts('Alice')[0]?.kind).toBe('friend');
        expect(bot.contacts.findContacts('Tech Weekly')[0]?.kind).toBe('official');
        const family = bot.contacts.findGroups('Family')[0];
        expect(family?.members.map((m) => m.nickName).sort()).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Carol']));
      } finally {
        await bot.stop();
      }
      expect(bot.state).toBe('stopped');
    });
  });

  it('saves the session owner-only and resumes it after a restart without a scan', async () => {
    await withSim(async (sim) => {
      const first = newBot(sim, home, []);
      await first.start();
      await first.stop();
      const stat = await fs.stat(path.join(home, 'state.log'));
      expect(stat.mode & 0o777).toBe(0o600);
      expect((await fs.stat(home)).mode & 0o777).toBe(0o700);

      const { methods, qrShown } = await restart(sim, home);
      expect(methods).toEqual(['resume']);
      expect(qrShown).toBe(false);
    });
  });

  it('falls back to push login (confirm on the phone, no QR) when the saved session is dead', async () => {
    await withSim(async (sim) => {
      const first = newBot(sim, home, [], { relogin: false });
      await first.start();
      await first.stop();
      sim.forceLogout(1101);
      const { methods, qrShown } = await restart(sim, home);
      expect(methods).toEqual(['push']);
      expect(qrShown).toBe(false);
    });
  });

  it.each([
    [1100, /logged out on the phone/],
    [1101, /logged in elsewhere/],
    [1102, /cookies invalid/],
  ] as const)('reports logout %i with its reason and, with relogin off, stops', async (code, reason) => {
    await withSim(async (sim) => {
      const bot = newBot(sim, home, [], { relogin: false });
      const logouts: LogoutEvent[] = [];
      bot.on('logout', (e) => logouts.push(e));
      await bot.start();
      sim.forceLogout(code);
      await until(() => bot.state === 'stopped', 'the bot to stop after logout');
      expect(logouts).toHaveLength(1);
      expect(logouts[0]?.code).toBe(code);
      expect(logouts[0]?.reason).toMatch(reason);
    });
  });

  it('logs in again after a logout when relogin is on, and keeps handling messages', async () => {
    await withSim(async (sim) => {
      const rec = recorder();
      const bot = newBot(sim, home, [rec.plugin]);
      const methods: string[] = [];
      bot.on('login', ({ method }) => methods.push(method));
      await bot.start();
      try {
        sim.forceLogout(1101);
        await until(() => methods.length === 2 && bot.state === 'running', 'a second login');
        sim.injectText({ from: 'Alice', text: 'after relogin' });
        await until(() => rec.seen.some((m) => m.text === 'after relogin'), 'the message after relogin');
        expect(methods[0]).toBe('qr');
        expect(['push', 'qr']).toContain(methods[1]);
      } finally {
        await bot.stop();
      }
    });
  });

  it('logs in with the desktop (UOS) mode: mod=desktop, and the 301 answer read without following it', async () => {
    await withSim(async (sim) => {
      const bot = newBot(sim, home, [], { login: { mode: 'desktop' } });
      await bot.start();
      try {
        expect(sim.state().login.desktop).toBe(true);
        expect(sim.state().session?.desktop).toBe(true);
        expect(bot.state).toBe('running');
      } finally {
        await bot.stop();
      }
    });
  });

  it('rejects start() with the server message when the account may not use web login (1203)', async () => {
    await withSim(async (sim) => {
      sim.faults.add({ kind: 'newloginpage', type: 'ticket-ret', ret: 1203 });
      const bot = newBot(sim, home, []);
      await expect(bot.start()).rejects.toThrow(/ret 1203.*desktop \(UOS\) login mode/s);
      expect(bot.state).toBe('stopped');
    });
  });

  it('keeps secrets out of the session file permissions and never logs them', async () => {
    const { logger, lines } = captureLogger();
    await withSim(async (sim) => {
      const bot = newBot(sim, home, [], { logger });
      await bot.start();
      sim.injectText({ from: 'Alice', text: 'hi' });
      await bot.stop();
    });
    const saved = (await readSavedState(path.join(home, 'state.log'))).session;
    if (!saved) throw new Error('no session in the state log');
    const log = lines.join('\n');
    for (const secret of [saved.credentials.skey, saved.credentials.sid, saved.credentials.passTicket]) {
      expect(secret.length).toBeGreaterThan(4);
      expect(log).not.toContain(secret);
    }
  });
});
