'use strict';
// Many wxbot accounts in one process for bench/density: a `new Bot(...)` per account, public API
// only, sharing the loaded code; each has its own home dir (state log), HTTP agents, timers and
// plugin instance. `restart` resumes the saved session (no QR).
const path = require('node:path');
const { Bot } = require(process.env.BENCH_WXBOT_CORE || '@wxbot/core');
const { echo } = require('@wxbot/plugin-echo');

const bots = [];
const counts = { errors: 0, qr: 0 };

/** Starts account `i`; resolves when it is ready (logged in, contacts loaded). */
function start(i, dir) {
  const bot = new Bot({
    endpoint: process.env.WX_SIM_ENDPOINT,
    home: path.join(dir, `wxbot-${i}`),
    plugins: [echo({ chats: 'all', requireMention: true })],
    // No pacing: the burst after the restart measures the engine (as the fleet bench's config).
    outbox: { limits: false },
    login: { resume: true, pushLogin: false },
  });
  bot.on('qr', () => counts.qr++);
  bot.on('error', () => counts.errors++);
  bots.push(bot);
  return bot.start();
}

/** Ends every bot as a deploy would (graceful stop; the sessions stay saved, no logout). */
async function stopAll() {
  await Promise.all(bots.map((b) => b.stop()));
}

module.exports = { start, stopAll, counts };
