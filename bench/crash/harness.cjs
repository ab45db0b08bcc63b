'use strict';
// The crash test, shared by the jest suite (packages/core/test/reliability/crash.test.ts) and the
// long script (bench/crash/crash-test.cjs): a stream of messages, SIGKILL of the bot at random
// points, restarts on the same home, then a count of the replies per incoming message.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const RUNNER = path.join(__dirname, 'runner.cjs');
const SENDERS = [{ from: 'Alice' }, { from: 'Bob' }, { from: 'Carol' }, { from: 'Alice', room: 'Family' }, { from: 'Carol', room: 'Dev Team' }];

/** mulberry32: a small seeded RNG, so a failing run can be replayed from its seed. */
function rngOf(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startBot(simUrl, home, lines, env = {}) {
  const child = spawn(process.execPath, [RUNNER, simUrl, home], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        if (line === 'ready') resolve(true);
      }
    });
    exited.then(() => resolve(false));
  });
  child.stderr.on('data', (d) => lines.push(`stderr: ${d.toString().trim()}`));
  return { child, exited, ready };
}

async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/**
 * One run: `messages` texts injected at random gaps while the bot is SIGKILLed `kills` times at
 * random delays after each (re)start, then a last start that runs to the end. With `inflight`,
 * each kill lands while the server holds the answer to a reply it already carried out. With
 * `store` (a Redis URL), the state lives only in Redis and each start runs in a new home.
 * Resolves to { seed, expected, replies, lost, duplicated, resends, methods, detail }.
 */
async function crashRun(startSimulator, seed, opts = {}) {
  const messages = opts.messages ?? 12;
  const rng = rngOf(seed);
  const kills = opts.kills ?? 1 + Math.floor(rng() * 2);
  const sim = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 10, seed });
  let home = mkdtempSync(path.join(tmpdir(), 'wxbot-crash-'));
  const homes = [home];
  const env = opts.store ? { CRASH_STORE: opts.store, CRASH_ACCOUNT: `crash-${seed}` } : {};
  const lines = [];
  const texts = Array.from({ length: messages }, (_, i) => `s${seed}-m${i}`);
  let bot;
  try {
    bot = startBot(sim.url, home, lines, env);
    if (!(await bot.ready)) throw new Error('first start did not log in');
    // The stream: injected in the background while the bot is killed and restarted.
    const injecting = (async () => {
      for (const text of texts) {
        await sleep(rng() * 120);
        const who = SENDERS[Math.floor(rng() * SENDERS.length)];
        sim.injectText({ ...who, text });
      }
    })();
    for (let k = 0; k < kills; k++) {
      await sleep(rng() * (opts.maxKillDelayMs ?? 900));
      if (opts.inflight) {
        // Kill in the worst window: the server carried a reply out, the bot has not heard back.
        sim.faults.add({ kind: 'sendmsg', type: 'lose-response', ms: 10_000 });
        const held = await until(() => sim.faults.list().length === 0, 4000);
        if (!held) sim.faults.clear();
        else await sleep(rng() * 50);
        lines.push(held ? '-- a reply is carried out, its answer held' : '-- no reply went out in time');
      }
      bot.child.kill('SIGKILL');
      await bot.exited;
      lines.push(`-- SIGKILL ${k + 1}`);
      // Another machine: nothing of the dead process's home, only what Redis holds.
      if (opts.store) homes.push((home = mkdtempSync(path.join(tmpdir(), 'wxbot-crash-'))));
      bot = startBot(sim.url, home, lines, env);
    }
    await injecting;
    await bot.ready;
    const want = (t) => `re:${t}`;
    const replied = () => {
      const got = new Set(sim.sent().map((s) => s.content));
      return texts.every((t) => got.has(want(t)));
    };
    await until(replied, opts.settleTimeoutMs ?? 20000);
    await sleep(300); // late duplicates would show up here
    bot.child.kill('SIGTERM');
    let timer;
    await Promise.race([bot.exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    const sent = sim.sent();
    const lost = [];
    const duplicated = [];
    let replies = 0;
    let resends = 0;
    for (const t of texts) {
      // Every record the simulator stored is a message the person sees: a repeat with the same
      // ClientMsgId counts as a duplicate too (the simulator does not drop repeats).
      const records = sent.filter((s) => s.content === want(t));
      const ids = new Set(records.map((s) => s.clientMsgId));
      replies += Math.min(records.length, 1);
      resends += records.length - ids.size;
      if (records.length === 0) lost.push(t);
      if (records.length > 1) duplicated.push(t);
    }
    const methods = lines.filter((l) => l.startsWith('login ')).map((l) => l.slice(6));
    const heldKills = lines.filter((l) => l.startsWith('-- a reply is carried out')).length;
    const result = { seed, kills, expected: texts.length, replies, lost, duplicated, resends, methods, heldKills };
    if (lost.length > 0 || duplicated.length > 0 || opts.keepLog) {
      let log = '';
      try {
        log = readFileSync(path.join(home, 'bot.log'), 'utf8').split('\n').slice(-60).join('\n');
      } catch {}
      result.detail = `${lines.join('\n')}\n--- bot.log (tail)\n${log}`;
    }
    return result;
  } finally {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    await sim.close();
    for (const dir of homes) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `runs` seeds (`concurrency` at a time) and totals them. */
async function crashRuns(startSimulator, { runs, firstSeed, concurrency = 2, ...opts }) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < runs) {
      const seed = firstSeed + next++;
      results.push(await crashRun(startSimulator, seed, opts));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  results.sort((a, b) => a.seed - b.seed);
  const total = (f) => results.reduce((n, r) => n + f(r), 0);
  return {
    runs: results.length,
    kills: total((r) => r.kills),
    expected: total((r) => r.expected),
    replies: total((r) => r.replies),
    lost: total((r) => r.lost.length),
    duplicated: total((r) => r.duplicated.length),
    resends: total((r) => r.resends),
    heldKills: total((r) => r.heldKills ?? 0),
    notResumed: total((r) => r.methods.slice(1).filter((m) => m !== 'resume').length),
    failures: results.filter((r) => r.lost.length > 0 || r.duplicated.length > 0),
    results,
  };
}

module.exports = { crashRun, crashRuns, rngOf };
