'use strict';
// One process holding N accounts of one contender (bench/density). argv: who n dir mode idleMs settleMs.
// fresh: one account first (RSS with one), then the other N-1 at once (RSS with N), then a quiet
// window for idle CPU. restart: all N at once from their saved sessions; reports when all are ready.
const { cpuSeconds, send, waitFor } = require('./lib/common.cjs');

const [who, nArg, dir, mode, idleArg, settleArg] = process.argv.slice(2);
const n = Number(nArg);
const idleMs = Number(idleArg);
const settleMs = Number(settleArg ?? 1000);
const contender = require(`./contenders/fleet-${who}.cjs`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const settledRss = async () => {
  await sleep(settleMs);
  global.gc();
  return process.memoryUsage().rss;
};

async function main() {
  const restart = mode === 'restart';
  // A restart is timed from the fork: no settle before the accounts start.
  const baseRss = restart ? process.memoryUsage().rss : await settledRss();
  let oneRss;
  const t0 = performance.now();
  if (restart) {
    await Promise.all(Array.from({ length: n }, (_, i) => contender.start(i, dir, true)));
  } else {
    await contender.start(0, dir, false);
    oneRss = await settledRss();
    await Promise.all(Array.from({ length: n - 1 }, (_, i) => contender.start(i + 1, dir, false)));
  }
  const readyMs = performance.now() - t0;
  send({ type: 'ready', readyMs, sinceProcessStartMs: performance.now() });
  const allRss = await settledRss();
  const heapUsed = process.memoryUsage().heapUsed;
  const cpu0 = cpuSeconds();
  await sleep(idleMs);
  const idleCpuSec = cpuSeconds() - cpu0;
  send({ type: 'report', baseRss, oneRss, allRss, heapUsed, idleCpuSec, idleMs, ...contender.counts });
  await waitFor('exit');
  await contender.stopAll();
  process.exit(0);
}

main().catch((err) => {
  send({ type: 'failed', error: String((err && err.stack) || err) });
  process.exit(1);
});
