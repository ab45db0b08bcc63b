'use strict';
// A burst spread over many accounts of one simulator (bench/density, bench/density-fleet): `total`
// texts from the friend 'Alice', round-robin over `accounts`, all released at once; each is echoed
// by whoever runs the account. The simulator runs in this process: replies are stamped through the
// wire tap on its webwxsendmsg answers, answered tokens read back from each account's sent list.
// `cpuSec()` reads the contender's CPU (from /proc, outside it) around the burst.
const fs = require('node:fs');
const { tap } = require('./wire-tap.cjs');
const { nowMs } = require('./common.cjs');

const TICK = 100; // USER_HZ: /proc/PID/stat counts CPU in 1/100 s on Linux
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (utime + stime) of another process, from /proc/PID/stat. */
function procCpuSec(pid) {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
}

/** RSS and peak RSS (VmHWM) of another process, in bytes. */
function procMem(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resolves to { burst, answered, lost, seconds, repliesPerSec, cpuSecPer1k, syncRoundsPer1k }. */
async function spreadBurst(sim, { total, cpuSec, stallMs = 15_000 }) {
  let replies = 0;
  let lastReplyAt = 0;
  let measuring = false;
  let syncRounds = 0;
  const untap = tap([
    ['webwxsendmsg', (_text, at) => {
      if (!measuring) return;
      replies++;
      lastReplyAt = at;
    }],
    ['webwxsync', () => measuring && syncRounds++],
  ]);
  try {
    const accounts = sim.accounts();
    const c0 = cpuSec();
    measuring = true;
    const t0 = nowMs();
    for (let i = 0; i < total; i++) sim.account(accounts[i % accounts.length]).injectText({ from: 'Alice', text: `d${i} #${i}#` });
    let seen = -1;
    let progressAt = nowMs();
    while (replies < total && nowMs() - progressAt < stallMs) {
      if (replies !== seen) {
        seen = replies;
        progressAt = nowMs();
      }
      await sleep(20);
    }
    const cpu = cpuSec() - c0;
    measuring = false;
    const answered = new Set();
    for (const a of accounts) {
      for (const s of sim.account(a).sent()) {
        const m = /#(\d+)#/.exec(s.content);
        if (m && Number(m[1]) < total) answered.add(Number(m[1]));
      }
    }
    const seconds = (lastReplyAt - t0) / 1000;
    return { burst: total, answered: answered.size, lost: total - answered.size, seconds, repliesPerSec: answered.size / seconds, cpuSecPer1k: cpu / (answered.size / 1000), syncRoundsPer1k: syncRounds / (answered.size / 1000) };
  } finally {
    untap();
  }
}

module.exports = { spreadBurst, procCpuSec, procMem };
