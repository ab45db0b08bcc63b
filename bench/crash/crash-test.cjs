'use strict';
// The long crash test: node bench/crash/crash-test.cjs [--runs 100] [--seed N] [--concurrency 2] [--inflight 0]
// (--inflight 1: each kill lands after the server carried a reply out, before the bot heard back)
// (build first: npx tsc -b). Prints: runs, replies expected, replies sent, lost, duplicated.
const { startSimulator } = require('@wxbot/simulator');
const { crashRuns } = require('./harness.cjs');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

(async () => {
  const runs = arg('runs', 100);
  const firstSeed = arg('seed', Date.now() % 1_000_000);
  const t0 = Date.now();
  const s = await crashRuns(startSimulator, { runs, firstSeed, concurrency: arg('concurrency', 2), messages: arg('messages', 12), inflight: arg('inflight', 0) === 1 });
  console.log(`seeds ${firstSeed}..${firstSeed + runs - 1}, ${s.kills} SIGKILLs, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`runs ${s.runs}, replies expected ${s.expected}, replies sent ${s.replies}, lost ${s.lost}, duplicated ${s.duplicated}`);
  console.log(`(kills while a reply's answer was held: ${s.heldKills}; repeats with the same ClientMsgId: ${s.resends}; restarts that could not resume: ${s.notResumed})`);
  for (const f of s.failures) console.log(`FAILED seed ${f.seed}: lost ${f.lost.join(',')} duplicated ${f.duplicated.join(',')}\n${f.detail}`);
  process.exit(s.failures.length > 0 ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
