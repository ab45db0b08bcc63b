'use strict';
// bench/burst: N texts released at once (the shape of a busy group, not a steady trickle), across
// 50 friends and 20 groups of 100 members (group ones @-mention the bot), each echoed. The
// simulator runs here and gzips its JSON for clients that accept it, as the real server does; the
// contender runs in its own child. Times are stamped here, on one clock:
// - available: the message is injected (all of them before the first can be fetched),
// - fetched: the webwxsync answer that first carries it is written,
// - replied: the simulator answers the webwxsendmsg carrying its `#n#` token.
const { startSimulator, generateScenario } = require('@wxbot/simulator');
const { launch } = require('./lib/contender.cjs');
const { tap } = require('./lib/wire-tap.cjs');
const { nowMs, percentile, mb, TOKEN } = require('./lib/common.cjs');

const FRIENDS = 50;
const GROUPS = 20;
const MEMBERS = 100;
const TOKENS = /#(\d+)#/g;

function plan(scenario) {
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

/** One burst run of `contender`; resolves to its figures. */
async function burst(contender, { total = 5000, stallMs = 15_000 } = {}) {
  const scenario = generateScenario({ friends: FRIENDS, groups: GROUPS, membersPerGroup: MEMBERS, seed: 7 });
  const sim = await startSimulator({ scenario, autoConfirm: false, longPollMs: 5000, loginPollMs: 1000, seed: 7 });
  const availableAt = new Float64Array(total);
  const fetchedAt = new Float64Array(total); // 0: not fetched yet
  const replyAt = new Map(); // server MsgID -> time the reply was accepted
  let measuring = false;
  let syncRounds = 0;
  let syncMessages = 0;
  let replies = 0;
  let lastReplyAt = 0;
  const onSync = (text, at) => {
    if (!measuring) return;
    syncRounds++;
    for (const m of text.matchAll(TOKENS)) {
      const i = Number(m[1]);
      // The first answer carrying a token is the message itself; later ones are the bot's own
      // replies echoed back by the server.
      if (i < total && fetchedAt[i] === 0) {
        fetchedAt[i] = at;
        syncMessages++;
      }
    }
  };
  const onSend = (text, at) => {
    const m = /"MsgID":\s*"(\d+)"/.exec(text);
    if (m) replyAt.set(m[1], at);
    if (measuring) {
      replies++;
      lastReplyAt = at;
    }
  };
  const untap = tap([['webwxsync', onSync], ['webwxsendmsg', onSend]]);
  let bot;
  try {
    const expect = scenario.friends.length + scenario.officialAccounts.length + scenario.groups.filter((g) => g.saved).length;
    bot = await launch(contender, sim, { env: { BENCH_EXPECT: String(expect) } });
    // Let the contender settle (wechat4u sends a heartbeat to filehelper right after login), then
    // take the idle figures: RSS of a logged-in bot with nothing to do.
    await new Promise((r) => setTimeout(r, 1000));
    const idle = await bot.request('report', 'report');
    await bot.request('mark', 'marked');
    const make = plan(scenario);
    measuring = true;
    const t0 = nowMs();
    for (let i = 0; i < total; i++) {
      sim.inject(make(i));
      availableAt[i] = nowMs();
    }
    const released = nowMs();
    await new Promise((resolve) => {
      let seen = replies;
      let progressAt = nowMs();
      const timer = setInterval(() => {
        if (replies >= total) return done();
        if (replies !== seen) {
          seen = replies;
          progressAt = nowMs();
        } else if (nowMs() - progressAt > stallMs) done(); // stalled: count what arrived
      }, 20);
      function done() {
        clearInterval(timer);
        resolve();
      }
    });
    const report = await bot.request('report', 'report');
    measuring = false;
    const fromFetch = [];
    const fromAvailable = [];
    const answered = new Set();
    for (const s of sim.sent()) {
      const tok = TOKEN.exec(s.content);
      const at = replyAt.get(s.msgId);
      if (!tok || at === undefined) continue;
      const i = Number(tok[1]);
      if (i >= total || answered.has(i)) continue;
      answered.add(i);
      fromAvailable.push(at - availableAt[i]);
      if (fetchedAt[i] > 0) fromFetch.push(at - fetchedAt[i]);
    }
    const seconds = (lastReplyAt - t0) / 1000;
    return {
      contender,
      messages: total,
      answered: answered.size,
      lost: total - answered.size,
      releaseMs: released - t0,
      seconds,
      repliesPerSec: answered.size / seconds,
      fetchP50Ms: percentile(fromFetch, 50),
      fetchP99Ms: percentile(fromFetch, 99),
      availableP50Ms: percentile(fromAvailable, 50),
      availableP99Ms: percentile(fromAvailable, 99),
      syncRounds,
      perRound: syncMessages / Math.max(1, syncRounds),
      cpuSecPer1k: report.cpu / (answered.size / 1000),
      peakRssMb: mb(report.peakRss),
      idleRssMb: mb(idle.rss),
      idleHeapMb: idle.heapAfterGc === undefined ? undefined : mb(idle.heapAfterGc),
      errors: report.errors,
      errorSamples: report.errorSamples,
    };
  } finally {
    untap();
    await bot?.stop();
    await sim.close();
  }
}

module.exports = { burst };

if (require.main === module) {
  const who = process.argv[2] ?? 'wxbot';
  const total = Number(process.argv[3] ?? 5000);
  burst(who, { total }).then((r) => console.log(r), (e) => { console.error(e); process.exit(1); });
}
