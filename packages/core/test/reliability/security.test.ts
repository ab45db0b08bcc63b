import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { definePlugin, readSavedState } from '@wxbot/core/internals';
// The logger the CLI builds (one root, secrets redacted by path, secret query parameters censored).
import { CENSOR, REDACT_PATHS, redactUrl } from '../../../cli/src/logging/redact-paths';
import { newBot, removeHome, tempHome, until, withSim } from '../e2e/harness';

const ROOT = path.resolve(__dirname, '../../../..');

function cliLikeLogger(): { logger: pino.Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: [...REDACT_PATHS], censor: CENSOR }, serializers: { url: redactUrl, uri: redactUrl } }, stream);
  return { logger, text: () => chunks.join('') };
}

interface SavedFile {
  credentials: { uin: number; sid: string; skey: string; passTicket: string };
  cookies: { cookies: Array<{ key: string; value: string }> };
}

describe('security', () => {
  it('secrets never reach the log, even through errors and faults; state files are 0600 in a 0700 home', async () => {
    await withSim(async (sim) => {
      const home = tempHome();
      const { logger, text } = cliLikeLogger();
      const echo = definePlugin({ name: 'echo', setup: (api) => api.on('text', (ctx) => `re:${ctx.message.text}`) });
      const bot = newBot(sim, home, [echo], { logger, outbox: { limits: false, retry: { attempts: 4, baseMs: 10, capMs: 50 } } });
      try {
        await bot.start();
        // Faults make the engine log errors (with endpoints and causes) on every path.
        sim.faults.add({ kind: 'synccheck', type: 'reset' });
        sim.faults.add({ kind: 'sync', type: 'garbage' });
        sim.faults.add({ kind: 'sendmsg', type: 'http', status: 503 });
        sim.faults.add({ kind: 'sendmsg', type: 'truncate' });
        sim.injectText({ from: 'Alice', text: 'one' });
        sim.injectText({ from: 'Bob', text: 'two' });
        await until(() => sim.sent().filter((s) => s.content.startsWith('re:')).length >= 2, 'the replies', 15_000);
        sim.forceLogout(1101);
        await until(() => bot.state === 'running' && sim.state().session?.ended === undefined, 're-login', 15_000);
        sim.injectText({ from: 'Carol', text: 'three' });
        await until(() => sim.sent().some((s) => s.content === 're:three'), 'the reply after re-login', 15_000);
      } finally {
        await bot.stop();
      }
      const saved = (await readSavedState(path.join(home, 'state.log'))).session as unknown as SavedFile;
      expect(saved).toBeDefined();
      const live = sim.state().session;
      const secrets = new Set<string>([
        saved.credentials.skey,
        saved.credentials.sid,
        saved.credentials.passTicket,
        decodeURIComponent(saved.credentials.passTicket),
        String(saved.credentials.uin),
        ...(live ? [live.skey, live.sid] : []),
        ...saved.cookies.cookies.map((c) => c.value).filter((v) => v.length >= 8 && !/^\d{1,12}_expired$/.test(v)),
      ]);
      const log = text();
      expect(log.length).toBeGreaterThan(1000);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThanOrEqual(6);
        if (log.includes(secret)) throw new Error(`a secret appears in the log: ${secret.slice(0, 3)}… in ${log.split('\n').find((l) => l.includes(secret))?.slice(0, 300)}`);
      }

      expect(statSync(home).mode & 0o777).toBe(0o700);
      const files = readdirSync(home).filter((f) => statSync(path.join(home, f)).isFile());
      expect(files).toEqual(['state.log']);
      for (const f of files) expect({ f, mode: statSync(path.join(home, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
      removeHome(home);
    });
  });

  it('nothing evaluates server text: no eval, new Function or vm in the engine and protocol sources', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const src = readFileSync(p, 'utf8');
          if (/\beval\s*\(|new\s+Function\s*\(|from\s+['"](node:)?vm['"]|require\(['"](node:)?vm['"]\)/.test(src)) offenders.push(path.relative(ROOT, p));
        }
      }
    };
    for (const pkg of ['protocol', 'core']) walk(path.join(ROOT, 'packages', pkg, 'src'));
    expect(offenders).toEqual([]);
  });
});
