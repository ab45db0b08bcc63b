'use strict';
// Many wechat4u 0.7.14 instances (unmodified) in one process for bench/density; run with the
// `redirect-wechat4u.cjs` preload. Each keeps its `botData` (cookies, tickets) in a file once
// ready; `restart` builds it from that file and calls its own `restart()` (no QR), as its
// README shows. Ready = logged in and holding the contacts the server lists (BENCH_EXPECT).
const fs = require('node:fs');
const path = require('node:path');
const Wechat = require('wechat4u');

const bots = [];
const counts = { errors: 0, qr: 0 };
const expect = Number(process.env.BENCH_EXPECT || 0);

function start(i, dir, restart) {
  const file = path.join(dir, `wechat4u-${i}.json`);
  const bot = restart ? new Wechat(JSON.parse(fs.readFileSync(file, 'utf8'))) : new Wechat();
  bots.push(bot);
  bot.on('error', () => counts.errors++);
  bot.on('uuid', () => counts.qr++);
  bot.on('message', (msg) => {
    if (msg.MsgType === bot.CONF.MSGTYPE_TEXT && msg.FromUserName !== bot.user.UserName) bot.sendMsg(msg.Content, msg.FromUserName).catch(() => counts.errors++);
  });
  return new Promise((resolve) => {
    let loggedIn = false;
    let done = false;
    const check = () => {
      if (done || !loggedIn || Object.keys(bot.contacts).length < expect) return;
      done = true;
      fs.writeFileSync(file, JSON.stringify(bot.botData));
      resolve();
    };
    bot.on('login', () => {
      loggedIn = true;
      check();
    });
    bot.on('contacts-updated', check);
    if (restart) bot.restart();
    else bot.start();
  });
}

/** wechat4u's stop() logs out; a restart keeps the session, so the process just ends. */
async function stopAll() {}

module.exports = { start, stopAll, counts };
