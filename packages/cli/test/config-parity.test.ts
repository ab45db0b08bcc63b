import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import ts from 'typescript';
import { loadConfig } from '../src/config';
import { KNOWN_KEYS } from '../src/config/schema';
import { botOptions } from '../src/commands/start';
import { removeTempProjects, tempProject } from './helpers/temp-project';

afterAll(removeTempProjects);

// Every BotOptions setting has a place in bot.config.ts, or a written reason to be API-only. The
// keys are read from core's sources (the interfaces, following the option interfaces they name),
// so a new BotOptions field fails here until it gets a config path or a reason.

const CORE = path.resolve(__dirname, '../../core/src');
const SOURCES = ['bot/bot-options.ts', 'outbox/options.ts', 'outbox/governor/governor.ts', 'outbox/governor/quiet-hours.ts', 'outbox/governor/pacing.ts'];

/** Only code can give these; the reason is the documentation. */
const API_ONLY: Record<string, string> = {
  store: 'a StateStore is an object with methods (the state log, a MemoryStateStore, Redis): chosen in code',
  logger: 'the CLI builds the pino logger itself from log.level and log.pretty',
  'outbox.clock': 'an injected clock is for tests',
  pluginStorage: 'follows the store: wxbot start keeps plugin storage in a redis:// store, in files otherwise',
  mediaStash: "an object (a Redis store's media stash): wxbot start passes it with a redis:// store",
  tap: 'a callback object that hears raw traffic (secrets included); wxbot record installs it',
};

/** Options whose config path has another name, beside the other `log` settings. */
const RENAMED: Record<string, string> = {
  logMessages: 'log.messages',
};

interface Decl {
  members: ts.PropertySignature[];
  heritage: string[];
}

function declarations(): Map<string, Decl> {
  const out = new Map<string, Decl>();
  for (const file of SOURCES) {
    const source = ts.createSourceFile(file, readFileSync(path.join(CORE, file), 'utf8'), ts.ScriptTarget.Latest, true);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      const heritage = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
      out.set(node.name.text, { members: node.members.filter(ts.isPropertySignature), heritage });
    });
  }
  return out;
}

/** Every option path under an interface: `login.mode`, `outbox.limits.jitterMs`, ... */
function optionPaths(decls: Map<string, Decl>, name: string, prefix = ''): string[] {
  const decl = decls.get(name);
  if (!decl) return [];
  const inherited = decl.heritage.flatMap((h) => optionPaths(decls, h, prefix));
  const own = decl.members.flatMap((m) => {
    const key = `${prefix}${m.name.getText()}`;
    const nested = nestedOf(decls, m.type, `${key}.`);
    return [key, ...nested];
  });
  return [...inherited, ...own];
}

function nestedOf(decls: Map<string, Decl>, type: ts.TypeNode | undefined, prefix: string): string[] {
  if (!type) return [];
  if (ts.isTypeLiteralNode(type)) return type.members.filter(ts.isPropertySignature).flatMap((m) => [`${prefix}${m.name.getText()}`, ...nestedOf(decls, m.type, `${prefix}${m.name.getText()}.`)]);
  if (ts.isUnionTypeNode(type)) return type.types.flatMap((t) => nestedOf(decls, t, prefix));
  if (ts.isTypeReferenceNode(type) && decls.has(type.typeName.getText())) return optionPaths(decls, type.typeName.getText(), prefix);
  return [];
}

describe('config parity with BotOptions', () => {
  const paths = optionPaths(declarations(), 'BotOptions');

  it('reads the options from core (a sanity check of the reader)', () => {
    expect(paths).toEqual(expect.arrayContaining(['login.extspam', 'outbox.limits.jitterMs', 'outbox.quietHours.policy', 'outbox.pacing.perCharMs', 'skipOlderThanMs', 'watchdogMs', 'media.maxBytes']));
    expect(paths.length).toBeGreaterThan(40);
  });

  it('gives every BotOptions setting a bot.config.ts path, or a written reason to be API-only', () => {
    const missing = paths.filter((option) => {
      if (Object.keys(API_ONLY).some((a) => option === a || option.startsWith(`${a}.`))) return false;
      const p = RENAMED[option] ?? option;
      const dot = p.lastIndexOf('.');
      const [parent, key] = dot < 0 ? ['', p] : [p.slice(0, dot), p.slice(dot + 1)];
      // Below a record (quietHours.chats, dailyCaps) the keys are the user's.
      if (/\.chats$|\.chats\./.test(parent)) return false;
      return !(KNOWN_KEYS[parent] ?? []).includes(key);
    });
    expect(missing).toEqual([]);
  });

  it('API-only options are really options', () => {
    for (const key of Object.keys(API_ONLY)) expect(paths).toContain(key);
  });

  it('passes the engine options from the file to the Bot, flags over env over file', async () => {
    const outbox = {
      limits: { global: { intervalMs: 2000, burst: 2 }, perChat: false, jitterMs: 100 },
      dailyCaps: { text: 500, media: 20, 'verify-user': 5, risky: 10 },
      breaker: { baseMs: 1000, capMs: 60_000 },
      retry: { attempts: 3, baseMs: 100, capMs: 1000 },
      maxAgeMs: 3_600_000,
      persist: false,
      concurrency: 2,
      timeZone: 'Asia/Shanghai',
      quietHours: { from: '23:00', to: '07:00', policy: 'fail', chats: { '@@ops': false, '@boss': { from: '20:00', to: '09:00' } } },
      pacing: { baseMs: 100, perCharMs: 10, maxMs: 2000, jitter: 0.1, chatGapMs: 500 },
      broadcast: { gapMs: 5000, jitterMs: 1000 },
    };
    const engine = { skipOlderThanMs: 60_000, watchdogMs: 90_000, longPollTimeoutMs: 40_000, loginPollTimeoutMs: 30_000, backoff: { baseMs: 500, capMs: 10_000 }, identities: { unresolved: 'keep' as const } };
    const cwd = await tempProject({ 'bot.config.json': { outbox, ...engine } });
    const fromFile = await loadConfig({ cwd, env: {} });
    const options = botOptions(fromFile, pino({ level: 'silent' }), null, '/tmp/h');
    expect(options).toMatchObject({ outbox, ...engine });

    const env = { WXBOT_LIMITS: 'off', WXBOT_TIME_ZONE: 'Europe/Paris', WXBOT_QUIET_HOURS: '22:00-06:00', WXBOT_SKIP_OLDER_THAN_MS: '1000' };
    const layered = await loadConfig({ cwd, env, flags: { timeZone: 'America/New_York', skipOlderThan: '5000' } });
    expect(layered.engine).toMatchObject({
      outbox: { limits: false, timeZone: 'America/New_York', quietHours: { from: '22:00', to: '06:00', policy: 'fail', chats: outbox.quietHours.chats }, dailyCaps: outbox.dailyCaps },
      skipOlderThanMs: 5000,
    });
    expect(layered.sources).toMatchObject({ 'outbox.limits': 'env', 'outbox.timeZone': 'flag', 'outbox.quietHours': 'env', skipOlderThanMs: 'flag' });
    expect((await loadConfig({ cwd, env: {}, flags: { quietHours: 'off' } })).engine.outbox?.quietHours).toBe(false);
  });

  it('adds nothing when the file sets none of them (the Bot keeps its defaults)', async () => {
    const cwd = await tempProject({});
    const config = await loadConfig({ cwd, env: {} });
    expect(config.engine).toEqual({});
    expect((await loadConfig({ cwd, env: {}, flags: { limits: false } })).engine).toEqual({ outbox: { limits: false } });
  });
});
