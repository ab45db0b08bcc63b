'use strict';
// bench/login: time from the phone's confirmation to a ready bot (contacts and group members
// loaded), and RSS once ready, for growing address books. Simulator here, contender in a child.
const { startSimulator, generateScenario } = require('@wxbot/simulator');
const { launch } = require('./lib/contender.cjs');
const { mb } = require('./lib/common.cjs');

const MEMBERS = 200;

async function login(contender, { contacts, groups, readyTimeoutMs = 30_000 }) {
  const scenario = generateScenario({ friends: contacts, groups, membersPerGroup: MEMBERS, seed: 11 });
  const sim = await startSimulator({ scenario, autoConfirm: false, longPollMs: 5000, loginPollMs: 1000, seed: 11 });
  let bot;
  try {
    const expect = scenario.friends.length + scenario.officialAccounts.length + scenario.groups.filter((g) => g.saved).length;
    bot = await launch(contender, sim, { timeoutMs: 180_000, env: { BENCH_EXPECT: String(expect), BENCH_READY_TIMEOUT_MS: String(readyTimeoutMs) } });
    const report = await bot.request('report', 'report');
    const c = bot.ready.contacts ?? {};
    return {
      contender,
      contacts,
      groups,
      readyMs: bot.ready.at - bot.confirmedAt,
      rssMb: mb(bot.ready.rss),
      rssAfterGcMb: mb(bot.ready.rssAfterGc),
      heapMb: mb(bot.ready.heapUsed),
      peakRssMb: mb(report.peakRss),
      complete: bot.ready.complete !== false,
      loaded: c,
      errors: report.errors,
      errorSamples: report.errorSamples,
    };
  } finally {
    await bot?.stop();
    await sim.close();
  }
}

module.exports = { login, MEMBERS };

if (require.main === module) {
  const who = process.argv[2] ?? 'wxbot';
  login(who, { contacts: Number(process.argv[3] ?? 1000), groups: Number(process.argv[4] ?? 100) }).then((r) => console.log(r), (e) => { console.error(e); process.exit(1); });
}
