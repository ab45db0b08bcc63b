import pino from 'pino';
import { createWebwxHttp, deriveHosts, type WebwxHttp } from '@wxbot/protocol';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { pushLogin, qrLogin, type LoginFlowHooks, type LoginFlowOptions } from '../../src/session/login-flow';
import { captureLogger } from '../fixtures/bot';

// The login flows against the simulator: its "phone" scans, confirms or cancels.
let sim: Simulator;
let http: WebwxHttp;
afterEach(async () => {
  http.close();
  await sim.close();
});

function options(overrides: Partial<LoginFlowOptions> = {}): LoginFlowOptions {
  return { http, mode: 'web', qrRetries: 3, log: pino({ level: 'silent' }), signal: new AbortController().signal, ...overrides };
}

/** Hooks that record what they saw; `onQr` runs the phone's answer to each code in turn. */
function hooks(answers: Array<(sim: Simulator) => void>) {
  const seen: string[] = [];
  const h: LoginFlowHooks = {
    onQr: (uuid, url) => {
      seen.push(`qr ${url === `https://login.weixin.qq.com/l/${uuid}` ? 'url-ok' : url}`);
      answers.shift()?.(sim);
    },
    onScan: (avatar) => void seen.push(`scan ${avatar === undefined ? 'no-avatar' : 'avatar'}`),
  };
  return { h, seen };
}

describe('qrLogin', () => {
  beforeEach(async () => {
    sim = await startSimulator({ longPollMs: 300, loginPollMs: 200, mainHost: 'web.wechat.com' });
    http = createWebwxHttp({ endpoint: sim.url });
  });

  it('shows a code, reports the scan once, and returns the ticket and the hosts of the redirect once confirmed', async () => {
    const { h, seen } = hooks([(s) => s.confirm()]);
    const result = await qrLogin(options(), h);
    expect(result.ticket).toMatchObject({ uin: sim.uin, sid: expect.any(String) as string, skey: expect.stringMatching(/^@crypt_/) as string });
    expect(result.hosts).toEqual(deriveHosts('web.wechat.com'));
    expect(seen).toEqual(['qr url-ok', 'scan avatar']);
  });

  it('issues a new code when the phone cancels, logging why', async () => {
    const { logger, lines } = captureLogger();
    const { h, seen } = hooks([(s) => s.cancel(), (s) => s.confirm()]);
    await qrLogin(options({ log: logger }), h);
    expect(seen.filter((s) => s.startsWith('qr'))).toHaveLength(2);
    expect(lines.some((l) => l.msg === 'login was cancelled on the phone; issuing a new QR code' && l.attempt === 1)).toBe(true);
  });

  it('gives up after qrRetries codes with WXBOT_LOGIN_FAILED naming the option', async () => {
    const { h, seen } = hooks([(s) => s.cancel(), (s) => s.cancel()]);
    await expect(qrLogin(options({ qrRetries: 2 }), h)).rejects.toMatchObject({ code: 'WXBOT_LOGIN_FAILED', message: expect.stringContaining('after 2 attempts') as string });
    expect(seen).toEqual(['qr url-ok', 'qr url-ok']);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const { h } = hooks([() => controller.abort(new Error('stopped'))]);
    await expect(qrLogin(options({ signal: controller.signal }), h)).rejects.toThrow();
  });
});

describe('pushLogin', () => {
  it('with the cookies of an earlier login, the phone confirms a prompt and a new ticket comes back', async () => {
    sim = await startSimulator({ longPollMs: 300, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 1 });
    http = createWebwxHttp({ endpoint: sim.url });
    const first = await qrLogin(options(), { onQr: () => undefined, onScan: () => undefined });
    const { logger, lines } = captureLogger();
    const again = await pushLogin(options({ log: logger }), { onQr: () => undefined, onScan: () => undefined }, first.hosts.main, first.ticket.uin);
    expect(again.ticket.uin).toBe(first.ticket.uin);
    expect(again.ticket.sid).not.toBe(first.ticket.sid);
    expect(lines.some((l) => String(l.msg).includes('push login, no scan needed'))).toBe(true);
  });
});
