'use strict';
// `pnpm bench` (full, a few minutes) or `pnpm bench --quick` (CI smoke, under a minute).
// Options: --only=pipeline,flood,burst,login,density,fleet  --window=N (flood messages outstanding)  --out=FILE
// Prints the tables and writes bench/results/latest.json. Figures are compared as RATIOS within
// this run (the machine is shared and noisy); no absolute threshold is asserted anywhere.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { flood } = require('./flood.cjs');
const { burst } = require('./burst.cjs');
const { login, MEMBERS } = require('./login.cjs');
const { density } = require('./density.cjs');
const { densityFleet } = require('./density-fleet.cjs');
const { fleetLeases } = require('./fleet-leases.cjs');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const opt = (name, def) => (args.find((a) => a.startsWith(`--${name}=`)) ?? `=${def}`).split('=')[1];
// The fleet density bench (a real `wxbot fleet` process, dir and Redis) is not in --quick's default
// set (it adds ~50 s to the CI smoke run); `--quick --only=fleet` runs it with 10 accounts.
const only = new Set(opt('only', quick ? 'pipeline,flood,burst,login,density' : 'pipeline,flood,burst,login,density,fleet').split(','));
const window = Number(opt('window', 32));
const out = opt('out', path.join(__dirname, 'results', 'latest.json'));

const CFG = quick
  ? { pipeline: [20_000, 5_000], flood: 1000, burst: 500, login: [{ contacts: 1000, groups: 100 }, { contacts: 5000, groups: 250 }], density: { accounts: 5, idleMs: 1000, settleMs: 200 }, fleet: { accounts: 10, step: 2, idleMs: 1000, settleMs: 200, burst: 500 } }
  : { pipeline: [100_000, 25_000], flood: 5000, burst: 5000, login: [{ contacts: 1000, groups: 100 }, { contacts: 10_000, groups: 500 }, { contacts: 50_000, groups: 2000 }], density: { accounts: 100, idleMs: 30_000, burst: 5000 }, fleet: { accounts: 100, step: 10, idleMs: 30_000, settleMs: 1000, burst: 5000 } };

const f = (v, d = 1) => (v === undefined || v === null || Number.isNaN(v) ? 'n/a' : Number(v).toFixed(d));
function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => '| ' + r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(' | ') + ' |';
  return [line(headers), '|' + w.map((x, i) => (i === 0 ? ':' : '') + '-'.repeat(x + 1) + (i === 0 ? '-' : ':')).join('|') + '|', ...rows.map(line)].join('\n');
}

function runPipeline() {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'pipeline.cjs'), CFG.pipeline.map(String), { execArgv: ['--expose-gc', '--max-semi-space-size=64'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.on('message', (m) => m.type === 'result' && resolve(m.result));
    child.on('exit', (code) => code !== 0 && reject(new Error(`pipeline bench exited ${code}`)));
  });
}

const ratio = (a, b) => (a === undefined || b === undefined || !b ? 'n/a' : `${f(a / b, 2)}×`);

/**
 * wxbot beside wechat4u and the minimal client, one row per figure:
 * rows are [label, key, decimals, target text, check(wxbot/minimal, wxbot/wechat4u, wxbot) | null].
 */
function contenderTable(runs, rows) {
  const { minimal: m, wxbot: w, wechat4u: x } = runs;
  return table(
    ['figure', 'wxbot', 'wechat4u', 'wxbot/wechat4u', 'minimal', 'wxbot/minimal', 'target', 'met'],
    rows.map(([label, key, d, target, check]) => {
      const wv = w?.[key];
      const wm = m?.[key] ? wv / m[key] : undefined;
      const wx = x?.[key] ? wv / x[key] : undefined;
      const met = check && wv !== undefined ? (check(wm, wx, wv) ? 'yes' : 'NO') : '';
      return [label, f(wv, d), f(x?.[key], d), ratio(wv, x?.[key]), f(m?.[key], d), ratio(wv, m?.[key]), target, met];
    }),
  );
}

async function safe(what, fn) {
  try {
    return await fn();
  } catch (err) {
    console.error(`  ${what} failed: ${err.message}`);
    return { failed: String(err.message).slice(0, 300) };
  }
}

async function main() {
  const started = Date.now();
  const results = { when: new Date().toISOString(), quick, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load: os.loadavg() }, window };
  const lines = [];
  const say = (s = '') => {
    lines.push(s);
    console.log(s);
  };
  say(`wxbot bench ${quick ? '(quick)' : '(full)'} — ${results.when} — ${results.machine.cpus} CPUs, load ${results.machine.load.map((x) => x.toFixed(1)).join(' ')}, node ${process.version}`);
  say('Figures are noisy on a shared machine: read the RATIOS, which compare contenders within this one run.');

  if (only.has('pipeline')) {
    process.stderr.write('pipeline…\n');
    const p = (results.pipeline = await safe('pipeline', runPipeline));
    if (!p.failed) {
      say();
      say(`## bench/pipeline — in process, ${p.main.messages.toLocaleString('en')} mixed messages (${p.templates} captured wire templates, MsgTypes ${Object.keys(p.msgTypes).join('/')}), parse + dispatch, send stubbed`);
      const rows = [p.main, ...p.scaling].map((r) => [
        r.plugins === 3 ? '3: auto-reply, keyword (200 rules, ½ regex), echo' : r.plugins === 1 ? '1: echo' : `${r.plugins}: ${r.plugins - 3} hears() plugins + the 3`,
        r.messages.toLocaleString('en'), f(r.medianUs, 1), f(r.p99Us, 1), f(r.meanUs, 1), f(r.msgPerSec, 0), f(r.parseMedianUs, 1), f(r.bytesPerMsg / 1024, 1), f(r.heapGrowthKb, 0),
      ]);
      say(table(['plugins', 'msgs', 'median µs', 'p99 µs', 'mean µs', 'msg/s', 'parse µs', 'alloc KB/msg', 'heap growth KB'], rows));
      const one = p.scaling.find((r) => r.plugins === 1);
      const fifty = p.scaling.find((r) => r.plugins === 50);
      if (one && fifty) say(`cost per extra plugin: ${f((fifty.medianUs - one.medianUs) / 49, 2)} µs (median, 1 → 50 plugins). wechat4u has no plugin pipeline: no ratio.`);
    }
  }

  if (only.has('flood')) {
    const runs = {};
    for (const who of ['minimal', 'wxbot', 'wechat4u']) {
      process.stderr.write(`flood ${who}…\n`);
      runs[who] = await safe(`flood ${who}`, () => flood(who, { total: CFG.flood, window }));
    }
    results.flood = runs;
    const x = runs.wechat4u;
    say();
    say(`## bench/flood — over HTTP against the simulator: 50 friends + 20 groups × ${100} members, ${CFG.flood.toLocaleString('en')} texts, ${window} outstanding, each echoed`);
    say(contenderTable(runs, [
      ['replies / s (higher is better)', 'repliesPerSec', 0, '≥ 0.9× minimal, ≥ 2× wechat4u', (wm, wx) => wm >= 0.9 && wx >= 2],
      [`latency p50 ms, flood (≈ ${window} ÷ replies/s)`, 'latencyP50Ms', 1, '', null],
      ['latency p99 ms, flood', 'latencyP99Ms', 1, '', null],
      ['latency p50 ms, one at a time', 'probeP50Ms', 1, '< 10 ms', (_a, _b, v) => v < 10],
      ['latency p99 ms, one at a time', 'probeP99Ms', 1, '', null],
      ['CPU s / 1,000 msgs (lower is better)', 'cpuSecPer1k', 3, '≤ 1.5× minimal, < 0.5× wechat4u', (wm, wx) => wm <= 1.5 && wx < 0.5],
      ['peak RSS MB', 'peakRssMb', 1, '≤ ⅓ wechat4u', (_wm, wx) => wx <= 1 / 3],
      ['heap MB after the flood, after a full GC', 'heapAfterGcMb', 1, '', null],
      ['messages not answered', 'lost', 0, '', null],
    ]));
    for (const [who, run] of Object.entries(runs)) if (run?.failed) say(`${who}: FAILED — ${run.failed}`);
    if (x?.errors) say(`wechat4u reported ${x.errors} errors: ${(x.errorSamples ?? []).map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  }

  if (only.has('burst')) {
    const runs = {};
    for (const who of ['minimal', 'wxbot', 'wechat4u']) {
      process.stderr.write(`burst ${who}…\n`);
      runs[who] = await safe(`burst ${who}`, () => burst(who, { total: CFG.burst }));
    }
    results.burst = runs;
    say();
    say(`## bench/burst — ${CFG.burst.toLocaleString('en')} texts released at once across 50 friends + 20 groups × 100 members, each echoed; JSON answers gzip'd as the real server does`);
    say(contenderTable(runs, [
      ['replies / s (higher is better)', 'repliesPerSec', 0, '≥ 1.3× wechat4u', (_wm, wx) => wx >= 1.3],
      ['CPU s / 1,000 msgs (lower is better)', 'cpuSecPer1k', 3, '≤ 0.7× wechat4u', (_wm, wx) => wx <= 0.7],
      ['peak RSS MB', 'peakRssMb', 1, '≤ 0.6× wechat4u', (_wm, wx) => wx <= 0.6],
      ['latency p50 ms, fetch → reply', 'fetchP50Ms', 1, '≤ 100 ms', (_a, _b, v) => v <= 100],
      ['latency p99 ms, fetch → reply', 'fetchP99Ms', 1, '', null],
      ['latency p50 ms, available → reply', 'availableP50Ms', 1, '', null],
      ['latency p99 ms, available → reply', 'availableP99Ms', 1, '', null],
      ['webwxsync rounds', 'syncRounds', 0, '', null],
      ['messages per webwxsync round', 'perRound', 1, '', null],
      ['idle RSS MB (logged in, before the burst)', 'idleRssMb', 1, 'printed', null],
      ['messages not answered', 'lost', 0, '', null],
    ]));
    for (const [who, run] of Object.entries(runs)) if (run?.failed) say(`${who}: FAILED — ${run.failed}`);
    if (runs.wechat4u?.errors) say(`wechat4u reported ${runs.wechat4u.errors} errors: ${(runs.wechat4u.errorSamples ?? []).map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  }

  if (only.has('login')) {
    const runs = [];
    for (const size of CFG.login) {
      for (const who of ['wxbot', 'wechat4u']) {
        process.stderr.write(`login ${who} ${size.contacts}/${size.groups}…\n`);
        runs.push({ who, size, r: await safe(`login ${who}`, () => login(who, size)) });
      }
    }
    results.login = runs;
    say();
    say(`## bench/login — confirmed login → ready (contact list + group members loaded), RSS once ready; groups of ${MEMBERS} members (half saved to contacts)`);
    const get = (who, size) => runs.find((e) => e.who === who && e.size === size)?.r;
    const rows = [];
    for (const size of CFG.login) {
      const w = get('wxbot', size);
      const x = get('wechat4u', size);
      const label = `${size.contacts.toLocaleString('en')} contacts, ${size.groups} groups`;
      rows.push([label + ': ready ms', f(w?.readyMs, 0), f(x?.readyMs, 0), w?.readyMs && x?.readyMs ? `${f(w.readyMs / x.readyMs, 2)}×` : 'n/a']);
      rows.push([label + ': RSS MB', f(w?.rssMb, 1), f(x?.rssMb, 1), w?.rssMb && x?.rssMb ? `${f(w.rssMb / x.rssMb, 2)}×` : 'n/a']);
      rows.push([label + ': groups with members', w?.loaded ? `${w.loaded.groupsWithMembers}/${w.loaded.groups}` : 'n/a', x?.loaded ? `${x.loaded.groupsWithMembers}/${x.loaded.groups}${x.complete === false ? ' (never ready)' : ''}` : 'n/a', '']);
    }
    say(table(['figure', 'wxbot', 'wechat4u', 'wxbot/wechat4u'], rows));
    // Growth: cost ratio between consecutive sizes against the size ratio (entities = contacts + members).
    const entities = (s) => s.contacts + s.groups * MEMBERS;
    const growth = [];
    for (let i = 1; i < CFG.login.length; i++) {
      const a = CFG.login[i - 1];
      const b = CFG.login[i];
      const k = entities(b) / entities(a);
      for (const who of ['wxbot', 'wechat4u']) {
        const ra = get(who, a);
        const rb = get(who, b);
        if (!ra?.readyMs || !rb?.readyMs) continue;
        const tf = rb.readyMs / ra.readyMs;
        const mf = rb.heapMb / ra.heapMb;
        const exp = (x) => Math.log(x) / Math.log(k);
        growth.push([`${who}: ${a.contacts / 1000}k → ${b.contacts / 1000}k (size ×${f(k, 2)})`, `×${f(tf, 2)} (exponent ${f(exp(tf), 2)})`, `×${f(mf, 2)} (exponent ${f(exp(mf), 2)})`, exp(tf) <= 1.15 && exp(mf) <= 1.15 ? 'linear or better' : exp(tf) >= 1.7 || exp(mf) >= 1.7 ? 'QUADRATIC-ish' : 'superlinear']);
      }
    }
    results.loginGrowth = growth;
    say(table(['growth between sizes', 'ready time', 'heap once ready', 'verdict (exponent 1 = linear, 2 = quadratic)'], growth));
    const mid = CFG.login[1];
    const w10 = get('wxbot', mid);
    const x10 = get('wechat4u', mid);
    if (w10?.rssMb && x10?.rssMb) say(`memory at ${mid.contacts.toLocaleString('en')} contacts: wxbot ${f(w10.rssMb)} MB vs wechat4u ${f(x10.rssMb)} MB — target "less than wechat4u": ${w10.rssMb < x10.rssMb ? 'met' : 'NOT met'}`);
  }

  if (only.has('density')) {
    const runs = {};
    for (const who of ['wxbot', 'wechat4u']) {
      process.stderr.write(`density ${who} ×${CFG.density.accounts}…\n`);
      runs[who] = await safe(`density ${who}`, () => density(who, CFG.density));
    }
    results.density = runs;
    const n = CFG.density.accounts;
    say();
    say(`## bench/density — ${n} accounts in ONE process against a ${n}-account simulator (a Bot / a wechat4u instance per account, demo address book each); idle CPU over ${CFG.density.idleMs / 1000} s with synccheck held 25 s, RSS after a ${CFG.density.settleMs ?? 1000} ms settle and a full GC`);
    const pct = 1.5 * 1024;
    const { wxbot: w, wechat4u: x } = runs;
    const rows = [
      [`total RSS MB, ${n} accounts ready`, 'totalRssMb', 1, n >= 100 ? `≤ ${pct} MB` : '', n >= 100 ? (v) => v <= pct : null],
      ['RSS MB per extra account', 'perExtraAccountMb', 2, '', null],
      ['RSS MB with one account', 'oneRssMb', 1, '', null],
      // --quick measures a 1 s window right after the logins: only the full run is held to the targets.
      ['idle CPU % of a core per account', 'idleCpuPctPerAccount', 4, n >= 100 ? '< 0.2%' : '', n >= 100 ? (v) => v < 0.2 : null],
      [`ms until all ${n} logged in (QR, fresh)`, 'loginMs', 0, '', null],
      [`ms until all ${n} ready after a process restart`, 'restartReadyMs', 0, '', null],
      ['accounts logged in (distinct)', 'accountsLoggedIn', 0, '', null],
      ['QR codes shown on the restart', 'restartQr', 0, '', null],
      ...(CFG.density.burst ? [
        [`burst after the restart (${CFG.density.burst.toLocaleString('en')} texts over the accounts): replies / s`, 'repliesPerSec', 0, '', null],
        ['burst: CPU s / 1,000 msgs', 'cpuSecPer1k', 3, '', null],
        ['burst: webwxsync rounds / 1,000 msgs', 'syncRoundsPer1k', 0, '', null],
        ['burst: peak RSS MB', 'peakRssMb', 1, '', null],
        ['burst: messages not answered', 'lost', 0, '', null],
      ] : []),
      ['errors', 'errors', 0, '', null],
    ];
    say(table(['figure', 'wxbot', 'wechat4u', 'wxbot/wechat4u', 'target', 'met'], rows.map(([label, key, d, target, check]) => {
      const wv = w?.[key];
      return [label, f(wv, d), f(x?.[key], d), ratio(wv, x?.[key]), target, check && wv !== undefined ? (check(wv) ? 'yes' : 'NO') : ''];
    })));
    for (const [who, run] of Object.entries(runs)) if (run?.failed) say(`${who}: FAILED — ${run.failed}`);
  }

  if (only.has('fleet')) {
    const runs = {};
    for (const kind of ['dir', 'redis']) {
      process.stderr.write(`fleet density ${kind} ×${CFG.fleet.accounts}…\n`);
      runs[kind] = await safe(`fleet density ${kind}`, () => densityFleet(kind, CFG.fleet));
    }
    results.fleet = runs;
    const { accounts: n, step, idleMs, burst } = CFG.fleet;
    const { dir: d, redis: r } = runs;
    const raw = results.density?.wxbot;
    const x = results.density?.wechat4u;
    say();
    say(`## bench/density-fleet — a \`wxbot fleet\` process (built CLI: supervisor, leases, per-account config, echo plugin) with ${n} accounts against a ${n}-account simulator in the bench's process; beside ${raw ? `bench/density's ${raw.accounts} raw Bots and ${x?.accounts ?? '?'} wechat4u instances in one process` : 'nothing (run --only=density,fleet for the raw Bots and wechat4u)'}`);
    say(`RSS after a ${CFG.fleet.settleMs} ms settle and a full GC; per extra account = slope ${step} → ${n} (fleet) or 1 → N (the others); idle CPU over ${idleMs / 1000} s from /proc; ready = the last account's \`ready\` log line, from the spawn; burst: ${burst.toLocaleString('en')} texts released at once, round-robin over the accounts, each echoed, after the restart`);
    const pct = 1.5 * 1024;
    const rows = [
      [`total RSS MB, ${n} accounts ready`, 'totalRssMb', 1, n >= 100 ? `≤ ${pct} MB` : '', n >= 100 ? (v) => v <= pct : null],
      ['heap MB once ready (after a full GC)', 'heapMb', 1, '', null],
      ['RSS MB per extra account', 'perExtraAccountMb', 2, '', null],
      ['idle CPU % of a core per account', 'idleCpuPctPerAccount', 4, n >= 100 ? '< 0.2%' : '', n >= 100 ? (v) => v < 0.2 : null],
      [`ms until all ${n} ready, cold (fresh QR)`, 'coldReadyMs', 0, '', null],
      ['ms from SIGTERM to exit (bots stopped, leases released)', 'stopMs', 0, '', null],
      [`ms until all ${n} ready after SIGTERM + start`, 'restartReadyMs', 0, '', null],
      ['QR codes shown on the restart', 'restartQr', 0, '', null],
      ['burst: replies / s', 'repliesPerSec', 0, '', null],
      ['burst: CPU s / 1,000 msgs', 'cpuSecPer1k', 3, '', null],
      ['burst: webwxsync rounds / 1,000 msgs', 'syncRoundsPer1k', 0, '', null],
      ['burst: peak RSS MB', 'peakRssMb', 1, '', null],
      ['burst: messages not answered', 'lost', 0, '', null],
      ['Redis: RSS MB (its own process)', 'redisRssMb', 1, '', null],
      ['Redis: idle CPU % of a core per account (its own process)', 'redisIdleCpuPctPerAccount', 4, '', null],
      ['Redis: CPU s / 1,000 msgs in the burst (its own process)', 'redisCpuSecPer1k', 3, '', null],
      ['accounts logged in (distinct)', 'accountsLoggedIn', 0, '', null],
      ['errors', 'errors', 0, '', null],
    ];
    // bench/density names its cold figure loginMs (from the first account's start, not the fork).
    const rawGet = (run, key) => (key === 'coldReadyMs' ? run?.loginMs : run?.[key]);
    say(table(['figure', 'fleet (dir)', 'fleet (Redis)', 'Bots, 1 process', 'wechat4u', 'fleet dir/wechat4u', 'fleet Redis/dir', 'target', 'met'], rows.map(([label, key, dec, target, check]) => {
      const dv = d?.[key];
      const met = check && dv !== undefined ? (check(dv) && (r?.[key] === undefined || check(r[key])) ? 'yes' : 'NO') : '';
      return [label, f(dv, dec), f(r?.[key], dec), f(rawGet(raw, key), dec), f(rawGet(x, key), dec), ratio(dv, rawGet(x, key)), ratio(r?.[key], dv), target, met];
    })));
    for (const [kind, run] of Object.entries(runs)) {
      if (run?.failed) say(`fleet ${kind}: FAILED — ${run.failed}`);
      if (run?.skipped) say(`fleet ${kind}: skipped — ${run.skipped}`);
    }
    // Where the directory store's idle CPU goes: its lease files (bench/fleet-leases).
    const leases = (results.fleetLeases = await safe('fleet leases', () => fleetLeases(n)));
    if (!leases.failed) say(`directory store, ${n} leases alone (bench/fleet-leases): ${f(leases.renewUsCpu, 0)} µs CPU per renewal, ${f(leases.scanMsCpu, 1)} ms per scan; renewed and scanned every 5 s (TTL 15 s) that is ${f(leases.idleCpuPctPerAccount, 4)}% of a core per account`);
  }

  const secs = (Date.now() - started) / 1000;
  say();
  say(`total ${f(secs, 1)} s`);
  results.seconds = secs;
  results.table = lines.join('\n');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.error(`results written to ${path.relative(process.cwd(), out)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
