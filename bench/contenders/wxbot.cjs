'use strict';
// wxbot in its own process: the echo plugin (all chats, groups when @-mentioned), public API only.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
// BENCH_WXBOT_CORE: load another build of @wxbot/core (before/after experiments on a copy).
const { Bot } = require(process.env.BENCH_WXBOT_CORE || '@wxbot/core');
const { echo } = require('@wxbot/plugin-echo');
const { answerParent, nowMs, send } = require('../lib/common.cjs');

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wxbot-bench-'));
let errors = 0;
const bot = new Bot({
  endpoint: process.env.WX_SIM_ENDPOINT,
  home,
  plugins: [echo({ chats: 'all', requireMention: true })],
  login: { resume: false, pushLogin: false },
  // Send rate limits off for the run (the option the rate-limited outbox adds; ignored before it exists).
  // BENCH_WXBOT_OUTBOX (JSON) replaces it, for experiments.
  outbox: process.env.BENCH_WXBOT_OUTBOX ? JSON.parse(process.env.BENCH_WXBOT_OUTBOX) : { limits: false },
  // BENCH_WXBOT_DURABILITY=power: fdatasync at each group commit of the state log (default 'process').
  ...(process.env.BENCH_WXBOT_DURABILITY ? { durability: process.env.BENCH_WXBOT_DURABILITY } : {}),
});
bot.on('qr', () => send({ type: 'qr' }));
bot.on('error', () => errors++);

answerParent(() => ({ errors }));
process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));
process.on('SIGTERM', () => process.exit(0));

bot.start().then(
  () => {
    const at = nowMs();
    const rss = process.memoryUsage().rss;
    if (global.gc) global.gc();
    const mem = process.memoryUsage();
    send({ type: 'ready', at, rss, rssAfterGc: mem.rss, heapUsed: mem.heapUsed, contacts: { ...bot.contacts.size, groupsWithMembers: bot.contacts.groups().filter((g) => g.members.length > 0).length } });
  },
  (err) => {
    send({ type: 'failed', error: String(err && err.stack || err) });
    process.exit(1);
  },
);
