'use strict';
// bench/pipeline: in process, no HTTP during the measurement. Real wire messages of mixed kinds
// (captured once from the simulator through a real Bot, which also fills the contact store) go
// through parseMessage and the plugin pipeline (echo, keyword with 200 rules half of them regex,
// auto-reply), with a send that resolves at once. Per message: parse + dispatch time.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const pino = require('pino');
const { startSimulator, generateScenario } = require('@wxbot/simulator');
// BENCH_WXBOT_CORE: load another build of @wxbot/core (before/after experiments on a copy; an older
// build without the internals entry exports everything from its main entry).
const coreOf = (dir) => {
  try {
    return require(path.join(dir, 'dist/internals.js'));
  } catch {
    return require(dir);
  }
};
const { Bot, PluginHost, createDispatcher, definePlugin, parseMessage } = process.env.BENCH_WXBOT_CORE ? coreOf(process.env.BENCH_WXBOT_CORE) : require('@wxbot/core/internals');
const { echo } = require('@wxbot/plugin-echo');
const { keyword } = require('@wxbot/plugin-keyword');
const { autoReply } = require('@wxbot/plugin-auto-reply');
const { percentile, median } = require('./lib/common.cjs');

/** Capture wire messages of every common kind, and a filled contact store, from a real session. */
async function capture() {
  const scenario = generateScenario({ friends: 50, groups: 20, membersPerGroup: 100, seed: 5 });
  const sim = await startSimulator({ scenario, autoConfirm: true, autoConfirmDelayMs: 5, longPollMs: 200, loginPollMs: 200, seed: 5 });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wxbot-bench-'));
  const bot = new Bot({ endpoint: sim.url, home, login: { resume: false, pushLogin: false } });
  const raws = [];
  bot.on('message', (m) => raws.push(m.raw));
  try {
    await bot.start();
    const f = (i) => scenario.friends[i % scenario.friends.length].wxid;
    const g = (i) => scenario.groups[i % scenario.groups.length];
    const inputs = [];
    for (let i = 0; i < 40; i++) {
      const grp = g(i);
      const member = grp.members[i % grp.members.length];
      inputs.push(
        { kind: 'text', from: f(i), text: `hello number ${i}, how are you?` },
        { kind: 'text', from: f(i + 1), text: i % 2 ? `kw${i * 5}` : `cmd${i * 5} arg${i}` }, // hits a keyword rule
        { kind: 'text', from: member, room: grp.topic, text: `ping ${i}`, mention: true },
        { kind: 'text', from: member, room: grp.topic, text: `just chatting in the group ${i}` },
      );
      if (i % 4 === 0) {
        inputs.push(
          { kind: 'image', from: f(i) },
          { kind: 'emoticon', from: member, room: grp.topic },
          { kind: 'link', from: f(i), title: `Article ${i}`, url: `https://example.com/${i}`, description: 'a link' },
          { kind: 'location', from: f(i), address: 'Somewhere', lat: 31.2, lng: 121.5 },
          { kind: 'card', from: f(i), card: f(i + 3) },
          { kind: 'system', room: grp.topic, text: `"${i}" joined the group` },
        );
      }
    }
    for (const input of inputs) {
      try {
        sim.inject(input);
      } catch {
        // a kind this simulator version does not take: skip it
      }
    }
    const deadline = Date.now() + 10_000;
    while (raws.length < inputs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return { raws, contacts: bot.contacts, selfId: bot.contacts.self.id };
  } finally {
    await bot.stop();
    await sim.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const KEYWORD_RULES = Array.from({ length: 200 }, (_, i) =>
  i % 2 === 0
    ? { match: i % 4 === 0 ? 'exact' : 'contains', pattern: `kw${i}`, reply: `keyword ${i} for {sender}` }
    : { match: 'regex', pattern: `^cmd${i - 1} (\\w+)$`, flags: 'i', reply: `command ${i}: {match[1]}` },
);

function filler(i) {
  return definePlugin({
    name: `filler-${i}`,
    setup(api) {
      api.hears(new RegExp(`^!tool${i}\\b`), () => `tool ${i}`);
    },
  });
}

function pluginSet(count) {
  const core3 = [autoReply({ away: true }), keyword({ rules: KEYWORD_RULES }), echo({ chats: 'all', requireMention: true })];
  if (count === 1) return [echo({ chats: 'all', requireMention: true })];
  if (count === 3) return core3;
  return [...Array.from({ length: count - 3 }, (_, i) => filler(i)), ...core3];
}

async function makePipeline(count, contacts) {
  let sends = 0;
  const bot = {
    contacts,
    send: async (to) => {
      sends++;
      return { msgId: '1', localId: '1', to, sentAt: new Date() };
    },
  };
  const logger = pino({ level: 'silent' });
  const host = new PluginHost({ bot, logger });
  await host.load(pluginSet(count));
  const dispatcher = createDispatcher({ plugins: host.chains, bot, logger });
  return { dispatcher, host, sends: () => sends };
}

async function measure(count, env, raws, n) {
  const { dispatcher, host, sends } = await makePipeline(count, env.contacts);
  const wire = (i) => ({ ...raws[i % raws.length], MsgId: String(7000000000000000000n + BigInt(i)) });
  const one = async (i) => {
    const m = parseMessage(wire(i), env);
    await dispatcher.dispatch(m);
  };
  for (let i = 0; i < Math.min(5000, n); i++) await one(i); // warm up
  global.gc?.();
  const sendsBefore = sends();
  const heapBefore = process.memoryUsage().heapUsed;
  const us = new Float64Array(n);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    await one(i);
    us[i] = Number(process.hrtime.bigint() - s) / 1000;
  }
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const replies = sends() - sendsBefore;
  global.gc?.();
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  // Allocation per message: heap growth over short chunks (the young generation is made large
  // enough by --max-semi-space-size that most chunks see no collection; chunks that did are dropped).
  const perMsg = [];
  for (let c = 0; c < 40; c++) {
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 500; i++) await one(c * 500 + i);
    const d = process.memoryUsage().heapUsed - before;
    if (d > 0) perMsg.push(d / 500);
  }
  // Parse alone, for the split.
  const parseUs = [];
  for (let i = 0; i < Math.min(n, 20000); i++) {
    const w = wire(i);
    const s = process.hrtime.bigint();
    parseMessage(w, env);
    parseUs.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  await host.dispose();
  return {
    plugins: count,
    messages: n,
    medianUs: median(us),
    p99Us: percentile(us, 99),
    meanUs: (totalMs * 1000) / n,
    msgPerSec: n / (totalMs / 1000),
    parseMedianUs: median(parseUs),
    bytesPerMsg: perMsg.length ? median(perMsg) : NaN,
    heapGrowthKb: heapGrowth / 1024,
    repliesPerMsg: replies / n,
  };
}

async function pipelineBench({ messages = 100_000, scalingMessages = 25_000 } = {}) {
  const { raws, contacts, selfId } = await capture();
  const env = { selfId, contacts };
  const kinds = {};
  for (const r of raws) kinds[r.MsgType] = (kinds[r.MsgType] ?? 0) + 1;
  const main = await measure(3, env, raws, messages);
  const scaling = [];
  for (const count of [1, 10, 50]) scaling.push(await measure(count, env, raws, scalingMessages));
  return { templates: raws.length, msgTypes: kinds, main, scaling };
}

module.exports = { pipelineBench };

if (require.main === module) {
  const messages = Number(process.argv[2] ?? 100_000);
  pipelineBench({ messages, scalingMessages: Number(process.argv[3] ?? 25_000) }).then(
    (r) => {
      if (process.send) process.send({ type: 'result', result: r });
      else console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
