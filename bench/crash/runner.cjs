'use strict';
// A bot process for the crash test: echo-like plugin, rate limits off, fast backoff.
// Usage: node runner.cjs <endpoint> <home>. Prints "login <method>" and "ready"; SIGTERM stops it.
// The crash test SIGKILLs it at random points and starts it again on the same home.
const path = require('node:path');
const pino = require('pino');
// BENCH_WXBOT_CORE: run another build of @wxbot/core (before/after comparisons).
const { Bot, definePlugin } = require(process.env.BENCH_WXBOT_CORE || '@wxbot/core');

const [endpoint, home] = process.argv.slice(2);
if (!endpoint || !home) {
  process.stderr.write('usage: node runner.cjs <endpoint> <home>\n');
  process.exit(64);
}
const maxDelay = Number(process.env.CRASH_HANDLER_DELAY_MS ?? '15');

const echo = definePlugin({
  name: 'crash-echo',
  setup(api) {
    api.on('text', async (ctx) => {
      // A little work inside the handler widens the "handler ran, reply not yet sent" window.
      if (maxDelay > 0) await new Promise((r) => setTimeout(r, Math.random() * maxDelay));
      return `re:${ctx.message.text}`;
    });
  },
});

const logger = pino({ level: process.env.CRASH_LOG_LEVEL ?? 'info' }, pino.destination({ dest: path.join(home, 'bot.log'), sync: true, append: true }));
// CRASH_STORE=redis://...: the state lives in Redis only (account CRASH_ACCOUNT), each start
// may run in a new home (another machine); the start waits for the dead process's lease to expire.
const storeUrl = process.env.CRASH_STORE;
const storeReady = storeUrl
  ? require('@wxbot/store-redis').openRedisStore(storeUrl, { account: process.env.CRASH_ACCOUNT || 'crash', ttlMs: Number(process.env.CRASH_LEASE_TTL_MS || 1000), waitMs: 30_000 })
  : Promise.resolve(undefined);
let bot;
storeReady.then((store) => {
bot = new Bot({
  endpoint,
  home,
  ...(store ? { store } : {}),
  plugins: [echo],
  logger,
  longPollTimeoutMs: 3000,
  loginPollTimeoutMs: 3000,
  backoff: { baseMs: 20, capMs: 200 },
  stopTimeoutMs: 2000,
  outbox: { limits: false, retry: { attempts: 8, baseMs: 20, capMs: 200 } },
});
if (store) store.lease.onLost(() => process.exit(3));
bot.on('login', ({ method }) => process.stdout.write(`login ${method}\n`));
bot.on('error', (err) => logger.error({ err: err.message }, 'bot error event'));
return bot.start();
}).then(
  () => process.stdout.write('ready\n'),
  (err) => {
    process.stderr.write(`start failed: ${err && err.message}\n`);
    process.exit(2);
  },
);
process.on('SIGTERM', () => {
  if (!bot) process.exit(0);
  bot.stop().then(() => process.exit(0), () => process.exit(1));
});
