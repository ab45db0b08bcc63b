'use strict';
// bench/flood: end to end over HTTP. The simulator runs here (this process); the contender runs in
// its own child. 50 friends and 20 groups of 100 members send N texts, each with a unique token;
// the injector keeps `window` messages outstanding (a new one goes in as each reply arrives), so
// the bot is never idle and never handed more than it drains. Replies are timed here, when the
// simulator answers the webwxsendmsg (same clock as the injection).
const { startSimulator, generateScenario } = require('@wxbot/simulator');
const { launch } = require('./lib/contender.cjs');
const { tap } = require('./lib/wire-tap.cjs');
const { nowMs, percentile, mb, TOKEN } = require('./lib/common.cjs');

const FRIENDS = 50;
const GROUPS = 20;
const MEMBERS = 100;
/** Messages sent one at a time after the flood, for the latency of a bot that is not queueing. */
const PROBE = 200;

function plan(scenario, total) {
  const chats = FRIENDS + GROUPS;
  return (i) => {
    const c = i % chats;
    const text = `m${i} #${i}# hello there`;
    if (c < FRIENDS) return { kind: 'text', from: scenario.friends[c].wxid, text };
    const group = scenario.groups[c - FRIENDS];
    const from = group.members[Math.floor(i / chats) % group.members.length];
    return { kind: 'text', from, room: group.topic, text, mention: true };
  };
}

/** One flood run of `contender`; resolves to its figures. */
async function flood(contender, { total = 5000, window = 32, stallMs = 15_000 } = {}) {
  const scenario = generateScenario({ friends: FRIENDS, groups: GROUPS, membersPerGroup: MEMBERS, seed: 7 });
  const sim = await startSimulator({ scenario, autoConfirm: false, longPollMs: 5000, loginPollMs: 1000, seed: 7 });
  const replyAt = new Map(); // server MsgID -> time the reply was accepted
  let replies = 0;
  let pump = () => {};
  // Replies are stamped when the simulator answers the webwxsendmsg (its body may be gzip'd).
  const onSend = (text, at) => {
    const m = /"MsgID":\s*"(\d+)"/.exec(text);
    if (m) replyAt.set(m[1], at);
    replies++;
    queueMicrotask(pump);
  };
  let untap = () => {};
  let bot;
  try {
    const expect = scenario.friends.length + scenario.officialAccounts.length + scenario.groups.filter((g) => g.saved).length;
    bot = await launch(contender, sim, { env: { BENCH_EXPECT: String(expect) } });
    const loginMs = bot.ready.at - bot.confirmedAt;
    // Let the contender settle (wechat4u sends a heartbeat to filehelper right after login).
    await new Promise((r) => setTimeout(r, 300));
    const make = plan(scenario, total + PROBE);
    const injectedAt = new Float64Array(total + PROBE);
    const replyIndex = () => {
      const byToken = new Map(); // message index -> time its reply was accepted
      for (const s of sim.sent()) {
        const tok = TOKEN.exec(s.content);
        const at = replyAt.get(s.msgId);
        if (tok && at !== undefined && !byToken.has(Number(tok[1]))) byToken.set(Number(tok[1]), at);
      }
      return byToken;
    };
    // Inject messages [from, from + count) keeping `outstanding` unanswered; resolves when all are
    // answered or the contender stalls.
    const drive = (from, count, outstanding) => new Promise((resolve) => {
      const startReplies = replies;
      let injected = 0;
      let lastProgress = nowMs();
      let progressReplies = replies;
      pump = () => {
        const done = replies - startReplies;
        while (injected < count && injected - done < outstanding) {
          const i = from + injected++;
          sim.inject(make(i));
          injectedAt[i] = nowMs();
        }
        if (done >= count) finish();
      };
      const watchdog = setInterval(() => {
        if (replies !== progressReplies) {
          progressReplies = replies;
          lastProgress = nowMs();
        } else if (nowMs() - lastProgress > stallMs) {
          finish(); // stalled: the contender lost messages; count what arrived
        }
      }, 100);
      function finish() {
        clearInterval(watchdog);
        pump = () => {};
        resolve(injected);
      }
      pump();
    });
    const latenciesOf = (byToken, from, count) => {
      const latencies = [];
      let last = 0;
      for (let i = from; i < from + count; i++) {
        const at = byToken.get(i);
        if (at === undefined) continue;
        latencies.push(at - injectedAt[i]);
        last = Math.max(last, at);
      }
      return { latencies, last };
    };
    untap = tap([['webwxsendmsg', onSend]]);
    await bot.request('mark', 'marked');
    const t0 = nowMs();
    const injected = await drive(0, total, window);
    const t1 = nowMs();
    const report = await bot.request('report', 'report');
    // Then the latency of one message at a time (after the CPU/RSS report, so it does not count
    // there): under the flood, latency is mostly queueing (Little's law: window / throughput).
    await new Promise((r) => setTimeout(r, 200));
    await drive(total, PROBE, 1);
    untap();
    const byToken = replyIndex();
    const { latencies, last } = latenciesOf(byToken, 0, injected);
    const probe = latenciesOf(byToken, total, PROBE).latencies;
    const elapsed = (Math.max(last, t0) - t0) / 1000;
    const answered = latencies.length;
    return {
      contender,
      messages: total,
      window,
      answered,
      lost: total - answered,
      seconds: elapsed,
      repliesPerSec: answered / elapsed,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      probeAnswered: probe.length,
      probeP50Ms: percentile(probe, 50),
      probeP99Ms: percentile(probe, 99),
      cpuSecPer1k: report.cpu / (answered / 1000),
      peakRssMb: mb(report.peakRss),
      heapAfterGcMb: report.heapAfterGc === undefined ? undefined : mb(report.heapAfterGc),
      errors: report.errors,
      errorSamples: report.errorSamples,
      loginMs,
      wallSeconds: (t1 - t0) / 1000,
    };
  } finally {
    untap();
    await bot?.stop();
    await sim.close();
  }
}

module.exports = { flood };

if (require.main === module) {
  const who = process.argv[2] ?? 'wxbot';
  const total = Number(process.argv[3] ?? 5000);
  flood(who, { total }).then((r) => console.log(r), (e) => { console.error(e); process.exit(1); });
}
