import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { createWebwxHttp, fetchLoginTicket, LoginRefusedError, NetworkError, requestLoginUuid } from '@wxbot/protocol';
import { startSimulator } from '@wxbot/simulator';
import pino from 'pino';
import { retryLoginStep } from '../../src/session/login-retry';

// Real HTTP: a port nobody listens on (ECONNREFUSED, as with no network), a simulator that
// comes up on that port later, and a refusal that no retry can fix.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function capture(): { log: pino.Logger; lines: Array<{ level: number; msg: string; retryInMs?: number }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string }));
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

const fast = { attempts: 3, baseMs: 20, capMs: 40 };

describe('retryLoginStep', () => {
  it('retries a refused connection with a logged wait, then gives up with the NetworkError', async () => {
    const port = await closedPort();
    const http = createWebwxHttp({ endpoint: `http://127.0.0.1:${port}` });
    const { log, lines } = capture();
    let calls = 0;
    const failure = await retryLoginStep('qr-login', () => (calls++, requestLoginUuid(http)), { log, signal: new AbortController().signal, policy: fast }).catch((e: unknown) => e);
    http.close();
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).code).toBe('WEBWX_NETWORK');
    expect(calls).toBe(3);
    const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^login: qr-login failed \(jslogin: network error: .*ECONNREFUSED.*\); retrying in 1 s \(attempt 1 of 3; check the network/);
    expect(warnings[1]).toMatch(/attempt 2 of 3/);
  });

  it('counts down a long wait in the log', async () => {
    const port = await closedPort();
    const http = createWebwxHttp({ endpoint: `http://127.0.0.1:${port}` });
    const { log, lines } = capture();
    const policy = { attempts: 2, baseMs: 2500, capMs: 2500 };
    // random 1: the full 2.5 s, logged again at 2 s, 1.5 s, 1 s and 0.5 s left.
    await retryLoginStep('qr-login', () => requestLoginUuid(http), { log, signal: new AbortController().signal, policy, random: () => 1, countdownStepMs: 500 }).catch(() => undefined);
    http.close();
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([expect.stringMatching(/retrying in 3 s \(attempt 1 of 2;/)]);
    expect(lines.filter((l) => l.level === 30).map((l) => [l.msg, l.retryInMs])).toEqual([
      ['login: retrying qr-login in 2 s', 2000],
      ['login: retrying qr-login in 2 s', 1500],
      ['login: retrying qr-login in 1 s', 1000],
      ['login: retrying qr-login in 1 s', 500],
    ]);
  });

  it('succeeds once the server is reachable again', async () => {
    const port = await closedPort();
    const http = createWebwxHttp({ endpoint: `http://127.0.0.1:${port}` });
    const { log, lines } = capture();
    let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
    try {
      const uuid = await retryLoginStep(
        'qr-login',
        async () => {
          try {
            return await requestLoginUuid(http);
          } finally {
            // The network "comes back" after the first failure.
            sim ??= await startSimulator({ port });
          }
        },
        { log, signal: new AbortController().signal, policy: { attempts: 5, baseMs: 20, capMs: 40 } },
      );
      expect(uuid).toMatch(/\S+/);
      expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
    } finally {
      http.close();
      await sim?.close();
    }
  });

  it('does not retry a refusal (ret 1203)', async () => {
    const sim = await startSimulator({ autoConfirm: true, scenario: { self: { nickName: 'bot', webLoginBlocked: true }, friends: [], groups: [] } });
    const http = createWebwxHttp({ endpoint: sim.url });
    const { log, lines } = capture();
    let calls = 0;
    try {
      const failure = await retryLoginStep(
        'qr-login',
        async () => {
          calls++;
          const uuid = await requestLoginUuid(http);
          const { pollLogin } = await import('@wxbot/protocol');
          for (;;) {
            const body = await pollLogin(http, uuid, { tip: 0 });
            if (body.redirectUri) return fetchLoginTicket(http, body.redirectUri, { mode: 'web' });
          }
        },
        { log, signal: new AbortController().signal, policy: fast },
      ).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(LoginRefusedError);
      expect(calls).toBe(1);
      expect(lines.filter((l) => l.level === 40)).toHaveLength(0);
    } finally {
      http.close();
      await sim.close();
    }
  });

  it('stops waiting at once when the signal aborts', async () => {
    const port = await closedPort();
    const http = createWebwxHttp({ endpoint: `http://127.0.0.1:${port}` });
    const abort = new AbortController();
    const { log } = capture();
    const waiting = retryLoginStep('qr-login', () => requestLoginUuid(http), { log, signal: abort.signal, policy: { attempts: 5, baseMs: 60_000, capMs: 60_000 } });
    setTimeout(() => abort.abort(new Error('stopped')), 200);
    await expect(waiting).rejects.toThrow('stopped');
    http.close();
  });
});
