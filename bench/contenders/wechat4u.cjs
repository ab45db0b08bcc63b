'use strict';
// wechat4u 0.7.14, unmodified, in its own process. Run with `-r ../redirect-wechat4u.cjs`, which
// points its https requests at the simulator (environment only). Echoes every text it receives.
const Wechat = require('wechat4u');
const { answerParent, nowMs, send } = require('../lib/common.cjs');

const bot = new Wechat();
let errors = 0;
const errorSamples = new Map();
bot.on('error', (err) => {
  errors++;
  const key = String((err && (err.tips || err.message)) || err).slice(0, 120);
  errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
});
bot.on('uuid', () => send({ type: 'qr' }));

// wechat4u emits 'login' right after webwxinit and loads the contact list in the background
// (errors there are swallowed into an 'error' event). It is ready once it holds the contacts
// the server lists (BENCH_EXPECT: friends + official accounts + saved groups), or, when it never
// gets there, it is reported as not ready after BENCH_READY_TIMEOUT_MS.
const expect = Number(process.env.BENCH_EXPECT || 0);
const readyTimeoutMs = Number(process.env.BENCH_READY_TIMEOUT_MS || 60000);
let loggedIn = false;
let ready = false;
function snapshot() {
  const all = Object.values(bot.contacts);
  const groups = all.filter((c) => c.UserName.startsWith('@@'));
  return { contacts: all.length - groups.length, groups: groups.length, groupsWithMembers: groups.filter((g) => (g.MemberList || []).length > 0).length };
}
function declareReady(complete) {
  if (ready) return;
  ready = true;
  const at = nowMs();
  const rss = process.memoryUsage().rss;
  if (global.gc) global.gc();
  const mem = process.memoryUsage();
  send({ type: 'ready', at, rss, rssAfterGc: mem.rss, heapUsed: mem.heapUsed, complete, contacts: snapshot() });
}
function check() {
  if (loggedIn && !ready && Object.keys(bot.contacts).length >= expect) declareReady(true);
}
bot.on('login', () => {
  loggedIn = true;
  check();
  setTimeout(() => declareReady(false), readyTimeoutMs).unref();
});
bot.on('contacts-updated', check);

bot.on('message', (msg) => {
  if (msg.MsgType !== bot.CONF.MSGTYPE_TEXT || msg.FromUserName === bot.user.UserName) return;
  bot.sendMsg(msg.Content, msg.FromUserName).catch(() => errors++);
});

answerParent(() => ({ errors, errorSamples: [...errorSamples] }));
process.on('SIGTERM', () => process.exit(0));
bot.start();
