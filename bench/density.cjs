'use strict';
// bench/density: N accounts in ONE process against a multi-account simulator (issue 16 item 8),
// wxbot (a Bot per account) beside wechat4u (an instance per account). The simulator runs here;
// the contender in a child, so its RSS and CPU are its own. Figures: total RSS, RSS per extra
// account, idle CPU per account over a quiet window, and the time for all N to be ready again
// after the process restarts (saved sessions, no QR); then, optionally, a burst of texts spread over
// every account (each echoed): replies/s and CPU per 1,000.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSimulator, demoScenario } = require('@wxbot/simulator');
const { mb } = require('./lib/common.cjs');
const { spreadBurst, procCpuSec, procMem } = require('./lib/spread-burst.cjs');

const PRELOAD = { wxbot: [], wechat4u: ['-r', path.join(__dirname, 'redirect-wechat4u.cjs')] };

function child(who, args, env, timeoutMs) {
  const proc = fork(path.join(__dirname, 'density-child.cjs'), [who, ...args.map(String)], {
    env,
    execArgv: ['--expose-gc', ...PRELOAD[who]],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const inbox = [];
  const waiting = [];
  proc.on('message', (m) => {
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${who}: no '${type}' within ${timeoutMs} ms; ${stderr.slice(-300)}`)), timeoutMs);
      const onExit = (code) => reject(new Error(`${who} exited (${code}) before '${type}'; ${stderr.slice(-300)}`));
      proc.once('exit', onExit);
      const take = (m) => {
        clearTimeout(timer);
        proc.off('exit', onExit);
        if (m.type === 'failed') reject(new Error(`${who} failed: ${m.error.slice(0, 300)}`));
        else if (m.type !== type) reject(new Error(`${who}: expected '${type}', got '${m.type}'`));
        else resolve(m);
      };
      const queued = inbox.shift();
      if (queued) take(queued);
      else waiting.push(take);
    });
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.send({ type: 'exit' });
      setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 15_000).unref();
    });
  return { next, stop, pid: proc.pid };
}

/** N accounts of `who` in one process: fresh logins, idle window, then a process restart. */
async function density(who, { accounts, idleMs, settleMs = 1000, timeoutMs = 300_000, burst = 0 }) {
  const scenario = demoScenario();
  const sim = await startSimulator({ scenario, accounts, autoConfirm: true, autoConfirmDelayMs: 5, seed: 16 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wxbot-density-${who}-`));
  const expect = scenario.friends.length + (scenario.officialAccounts ?? []).length + (scenario.groups ?? []).filter((g) => g.saved).length;
  const env = { ...process.env, WX_SIM_ENDPOINT: sim.url, BENCH_EXPECT: String(expect), DEBUG: '' };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'WXBOT_ENDPOINT']) delete env[k];
  try {
    const first = child(who, [accounts, dir, 'fresh', idleMs, settleMs], env, timeoutMs);
    const ready = await first.next('ready');
    const r = await first.next('report');
    await first.stop();
    const live = new Set(sim.accounts().map((n) => sim.account(n).state().session?.uin).filter(Boolean));
    const restarted = Date.now();
    const second = child(who, [accounts, dir, 'restart', 0, settleMs], env, timeoutMs);
    const again = await second.next('ready');
    const restartMs = Date.now() - restarted;
    const r2 = await second.next('report');
    // Not idle: texts spread over every account at once, each echoed (CPU from /proc, outside it).
    const b = burst > 0 ? await spreadBurst(sim, { total: burst, cpuSec: () => procCpuSec(second.pid) }) : undefined;
    const peakRss = b ? procMem(second.pid).hwm : undefined;
    await second.stop();
    return {
      accounts,
      accountsLoggedIn: live.size,
      loginMs: ready.readyMs,
      totalRssMb: mb(r.allRss),
      baseRssMb: mb(r.baseRss),
      oneRssMb: mb(r.oneRss),
      perExtraAccountMb: mb(r.allRss - r.oneRss) / (accounts - 1),
      heapMb: mb(r.heapUsed),
      idleCpuPctPerAccount: (r.idleCpuSec / (r.idleMs / 1000) / accounts) * 100,
      idleMs: r.idleMs,
      restartReadyMs: restartMs,
      restartInProcessMs: again.readyMs,
      restartQr: r2.qr,
      errors: r.errors + r2.errors,
      ...(b ? { burst: b.burst, answered: b.answered, lost: b.lost, repliesPerSec: b.repliesPerSec, cpuSecPer1k: b.cpuSecPer1k, syncRoundsPer1k: b.syncRoundsPer1k, peakRssMb: mb(peakRss) } : {}),
    };
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { density };

if (require.main === module) {
  const who = process.argv[2] ?? 'wxbot';
  density(who, { accounts: Number(process.argv[3] ?? 10), idleMs: Number(process.argv[4] ?? 3000), burst: Number(process.argv[5] ?? 0) }).then((r) => console.log(r), (e) => { console.error(e); process.exit(1); });
}
