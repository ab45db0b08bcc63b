'use strict';
// bench/density-fleet: the real fleet (issue 16 item 8). A `wxbot fleet` process, the built CLI
// as a user runs it (FleetSupervisor, leases, per-account config and plugins, its store: a
// directory or Redis), against a multi-account simulator that runs HERE, in the bench's process,
// so the simulator's CPU and RSS are not the fleet's. The fleet's figures are read from outside:
// RSS and CPU from /proc/PID, readiness from its pino JSON lines (`<account>: ready`), the heap
// from a preloaded observer (lib/fleet-probe.cjs: full GC + memoryUsage on SIGUSR2).
// Runs, each against its own simulator:
//   small: `step` accounts (10) cold, RSS once ready: the base of the per-account slope;
//   cold:  N accounts (100) with fresh QR logins: ms until all N ready, RSS/heap, idle CPU window;
//   restart: SIGTERM, the same command again: ms until all N ready from saved sessions (0 QR),
//          then a burst of texts spread over the N accounts (each echoed): replies/s, CPU per 1k.
//   node bench/density-fleet.cjs [dir|redis] [accounts=10] [idleMs=3000] [burst=500]
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSimulator, demoScenario } = require('@wxbot/simulator');
const { spreadBurst, procCpuSec, procMem } = require('./lib/spread-burst.cjs');
const { mb, nowMs } = require('./lib/common.cjs');

const BIN = path.join(__dirname, '..', 'packages', 'cli', 'dist', 'bin.js');
const PROBE = path.join(__dirname, 'lib', 'fleet-probe.cjs');
// testkit is not a dependency of the bench (no lockfile change for one helper): by path.
const testkit = () => require(path.join(__dirname, '..', 'packages', 'testkit'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const names = (n) => Array.from({ length: n }, (_, i) => `a-${String(i + 1).padStart(3, '0')}`);

/** One `wxbot fleet` process: its readiness from the log, its figures from /proc. */
function startFleet({ store, accounts, configFile, endpoint, cwd, timeoutMs }) {
  // BENCH_FLEET_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) and BENCH_FLEET_ARGS (e.g.
  // `--lease-ttl 60000`) go to node and to `wxbot fleet`, to attribute a cost without editing the CLI.
  const split = (v) => (v ?? '').split(' ').filter(Boolean);
  const argv = ['--expose-gc', ...split(process.env.BENCH_FLEET_NODE_ARGS), '-r', PROBE, BIN, 'fleet', '--store', store, '--add', accounts.join(','), '--max-accounts', String(accounts.length), '--config', configFile, '--endpoint', endpoint, '--log-level', 'info', ...split(process.env.BENCH_FLEET_ARGS)];
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('WXBOT_') || /^(https?|all)_proxy$/i.test(k) || k === 'NODE_OPTIONS') delete env[k];
  const spawnedAt = nowMs();
  const proc = spawn(process.execPath, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Map(); // account -> ms since spawn
  const logins = {}; // method -> count
  const failed = [];
  let qr = 0;
  let warnings = 0;
  let tail = '';
  const probes = [];
  const lines = (stream, onLine) => {
    let buf = '';
    stream.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  };
  lines(proc.stdout, (line) => {
    if (/^\[[^\]]+\] scan with WeChat/.test(line)) qr++;
    if (line[0] !== '{') return;
    let e;
    try {
      e = JSON.parse(line);
    } catch {
      return;
    }
    if (e.level >= 40) {
      warnings++;
      tail = `${tail}\n${line}`.slice(-1500);
    }
    if (typeof e.account !== 'string' || typeof e.msg !== 'string') return;
    if (e.msg === `${e.account}: ready`) ready.set(e.account, nowMs() - spawnedAt);
    else if (e.msg.startsWith(`${e.account}: failed`)) failed.push(e.msg);
    else if (e.method && e.msg.startsWith(`${e.account}: logged in`)) logins[e.method] = (logins[e.method] ?? 0) + 1;
  });
  lines(proc.stderr, (line) => {
    if (line.startsWith('@@probe ')) probes.shift()?.(JSON.parse(line.slice(8)));
    else tail = `${tail}\n${line}`.slice(-1500);
  });
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  let exitedAt;
  void exited.then(() => (exitedAt = nowMs()));
  return {
    pid: proc.pid,
    ready,
    logins,
    failed,
    get qr() {
      return qr;
    },
    get warnings() {
      return warnings;
    },
    /** Resolves with ms since spawn once all `n` accounts logged `ready`. */
    async allReady(n) {
      const end = nowMs() + timeoutMs;
      while (ready.size < n) {
        if (exitedAt !== undefined) throw new Error(`wxbot fleet exited before ${n} accounts were ready (${ready.size}):${tail}`);
        if (nowMs() > end) throw new Error(`only ${ready.size} of ${n} accounts ready after ${timeoutMs} ms (failed: ${failed.slice(0, 3).join('; ')}):${tail}`);
        await sleep(20);
      }
      return Math.max(...ready.values());
    },
    /** Full GC in the fleet, then its memoryUsage(). */
    probe() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no probe answer from the fleet:${tail}`)), 30_000);
        probes.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
        proc.kill('SIGUSR2');
      });
    },
    cpuSec: () => procCpuSec(proc.pid),
    mem: () => procMem(proc.pid),
    /** SIGTERM, as a deploy stops it: every bot stops, the leases are released. Resolves with ms to exit. */
    async stop() {
      const t = nowMs();
      if (exitedAt === undefined) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      const how = await exited;
      clearTimeout(timer);
      return { ms: nowMs() - t, ...how };
    },
    kill: () => exitedAt === undefined && proc.kill('SIGKILL'),
  };
}

/** A store for one run: a fresh directory, or a fresh Redis database on the shared redis-server. */
async function makeStore(kind, redis, db, tmp) {
  if (kind === 'dir') return fs.mkdtempSync(path.join(tmp, 'store-'));
  return `redis://127.0.0.1:${redis.port}/${db}`;
}

async function redisInfo(client) {
  const text = (await client.info('memory')) + (await client.info('cpu'));
  const get = (k) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: get('used_memory_rss'), used: get('used_memory'), cpuSec: get('used_cpu_sys') + get('used_cpu_user') };
}

/** One simulator, one fleet: `n` accounts cold (QR), optionally idle/restart/burst. */
async function fleetRun(kind, n, { redis, db, tmp, configFile, settleMs, idleMs, burst, restart, timeoutMs }) {
  const sim = await startSimulator({ scenario: demoScenario(), accounts: n, autoConfirm: true, autoConfirmDelayMs: 5, seed: 16 });
  const store = await makeStore(kind, redis, db, tmp);
  const opts = { store, accounts: names(n), configFile, endpoint: sim.url, cwd: tmp, timeoutMs };
  const out = { accounts: n };
  let fleet;
  try {
    fleet = startFleet(opts);
    out.coldReadyMs = await fleet.allReady(n);
    out.coldQr = fleet.qr;
    await sleep(settleMs);
    const p = await fleet.probe();
    Object.assign(out, { rss: p.rss, rssBeforeGc: p.rssBeforeGc, heapUsed: p.heapUsed, external: p.external });
    if (idleMs > 0) {
      const r0 = redis ? await redisInfo(redis.client) : undefined;
      const c0 = fleet.cpuSec();
      const t0 = nowMs();
      await sleep(idleMs);
      out.idleCpuSec = fleet.cpuSec() - c0;
      out.idleMs = nowMs() - t0;
      // Redis' own idle CPU (leases, heartbeats, state of n accounts), beside the fleet's.
      if (r0) out.redisIdleCpuSec = (await redisInfo(redis.client)).cpuSec - r0.cpuSec;
    }
    out.errors = fleet.failed.length;
    if (!restart) return out;
    out.stopMs = (await fleet.stop()).ms;
    const live = new Set(sim.accounts().map((a) => sim.account(a).state().session?.uin).filter(Boolean));
    out.accountsLoggedIn = live.size;
    fleet = startFleet(opts);
    out.restartReadyMs = await fleet.allReady(n);
    out.restartQr = fleet.qr;
    out.restartLogins = { ...fleet.logins };
    if (burst > 0) {
      const r0 = redis ? await redisInfo(redis.client) : undefined;
      Object.assign(out, await spreadBurst(sim, { total: burst, cpuSec: fleet.cpuSec }), { peakRss: fleet.mem().hwm });
      if (r0) out.redisCpuSecPer1k = ((await redisInfo(redis.client)).cpuSec - r0.cpuSec) / (out.answered / 1000);
    }
    out.errors += fleet.failed.length;
    out.warnings = fleet.warnings;
    return out;
  } finally {
    if (fleet) await fleet.stop().catch(() => fleet.kill());
    await sim.close();
  }
}

/**
 * The fleet density figures for one store kind ('dir' | 'redis'). Resolves to `{ skipped }` when
 * Redis is asked for and redis-server is not installed.
 */
async function densityFleet(kind, { accounts = 100, step = 10, idleMs = 30_000, settleMs = 1000, burst = 5000, timeoutMs = 300_000 } = {}) {
  let redis;
  if (kind === 'redis') {
    const { findRedisServer, startRedisServer, REDIS_INSTALL_HINT } = testkit();
    if (!findRedisServer()) return { skipped: `redis-server is not installed (${REDIS_INSTALL_HINT})` };
    const server = await startRedisServer();
    const { connectRedis } = require('@wxbot/store-redis');
    redis = { server, port: server.port, client: await connectRedis(server.url) };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `wxbot-density-fleet-${kind}-`));
  // What a user would write for an echo fleet: the echo plugin, no pacing (the burst measures the
  // engine, not the 1-send-a-second default), JSON logs, no per-message log lines (as the raw Bots).
  const configFile = path.join(tmp, 'fleet.config.json');
  fs.writeFileSync(path.join(tmp, 'package.json'), '{"name":"density-fleet","private":true}');
  fs.writeFileSync(configFile, JSON.stringify({ plugins: ['echo'], outbox: { limits: false }, log: { pretty: false, messages: false } }));
  const common = { redis, tmp, configFile, settleMs, timeoutMs };
  try {
    const small = await fleetRun(kind, step, { ...common, db: 1, idleMs: 0, burst: 0, restart: false });
    const r0 = redis ? await redisInfo(redis.client) : undefined;
    const big = await fleetRun(kind, accounts, { ...common, db: 2, idleMs, burst, restart: true });
    const r1 = redis ? await redisInfo(redis.client) : undefined;
    return {
      store: kind,
      accounts,
      step,
      totalRssMb: mb(big.rss),
      rssBeforeGcMb: mb(big.rssBeforeGc),
      heapMb: mb(big.heapUsed),
      smallRssMb: mb(small.rss),
      perExtraAccountMb: mb(big.rss - small.rss) / (accounts - step),
      idleCpuPctPerAccount: (big.idleCpuSec / (big.idleMs / 1000) / accounts) * 100,
      idleMs: big.idleMs,
      coldReadyMs: big.coldReadyMs,
      coldQr: big.coldQr,
      restartReadyMs: big.restartReadyMs,
      restartQr: big.restartQr,
      restartLogins: big.restartLogins,
      stopMs: big.stopMs,
      accountsLoggedIn: big.accountsLoggedIn,
      burst: big.burst,
      answered: big.answered,
      lost: big.lost,
      repliesPerSec: big.repliesPerSec,
      cpuSecPer1k: big.cpuSecPer1k,
      syncRoundsPer1k: big.syncRoundsPer1k,
      peakRssMb: mb(big.peakRss),
      errors: big.errors + small.errors,
      warnings: big.warnings,
      ...(r1 ? { redisRssMb: mb(r1.rss), redisUsedMb: mb(r1.used), redisCpuSecPer1k: big.redisCpuSecPer1k, redisIdleCpuPctPerAccount: (big.redisIdleCpuSec / (big.idleMs / 1000) / accounts) * 100, redisRunCpuSec: r1.cpuSec - r0.cpuSec } : {}),
    };
  } finally {
    if (redis) {
      await redis.client.quit().catch(() => redis.client.disconnect());
      await redis.server.close();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { densityFleet };

if (require.main === module) {
  const [kind = 'dir', n = '10', idle = '3000', burst = '500'] = process.argv.slice(2);
  densityFleet(kind, { accounts: Number(n), step: Math.max(1, Math.min(10, Number(n) - 1)), idleMs: Number(idle), burst: Number(burst), settleMs: 500 }).then(
    (r) => console.log(r),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
