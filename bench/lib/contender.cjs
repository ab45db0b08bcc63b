'use strict';
// Starts one contender (wxbot, wechat4u, minimal) in its own child process, pointed at `simUrl`.
const { fork } = require('node:child_process');
const path = require('node:path');
const { nowMs } = require('./common.cjs');

const ROOT = path.join(__dirname, '..');
const SCRIPTS = {
  wxbot: { file: 'contenders/wxbot.cjs', preload: [] },
  wechat4u: { file: 'contenders/wechat4u.cjs', preload: ['-r', path.join(ROOT, 'redirect-wechat4u.cjs')] },
  minimal: { file: 'contenders/minimal.cjs', preload: [] },
};

/**
 * Fork a contender, approve its QR login on the simulator when it asks, and resolve once it is
 * ready: `{ child, confirmedAt, ready, request(type) }`. `ready.at - confirmedAt` is the time from
 * the phone's confirmation to a usable bot.
 */
async function launch(name, sim, { timeoutMs = 120_000, env: extraEnv = {} } = {}) {
  const spec = SCRIPTS[name];
  const env = { ...process.env, ...extraEnv, WX_SIM_ENDPOINT: sim.url, DEBUG: '' };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'WXBOT_ENDPOINT']) delete env[k];
  const child = fork(path.join(ROOT, spec.file), [], {
    // BENCH_EXEC_PATH: run the contender under a wrapper (strace, perf) that execs node.
    execPath: process.env.BENCH_EXEC_PATH || process.execPath,
    env,
    execArgv: ['--expose-gc', ...spec.preload, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const waiters = [];
  const inbox = [];
  child.on('message', (m) => {
    const i = waiters.findIndex((w) => w.type === m.type || m.type === 'failed');
    if (i >= 0) waiters.splice(i, 1)[0].resolve(m);
    else inbox.push(m);
  });
  const next = (type, ms = timeoutMs) => {
    const j = inbox.findIndex((m) => m.type === type || m.type === 'failed');
    if (j >= 0) return Promise.resolve(inbox.splice(j, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no '${type}' within ${ms} ms${stderr ? `; stderr: ${stderr.slice(-500)}` : ''}`)), ms);
      const w = { type, resolve: (m) => { clearTimeout(timer); m.type === 'failed' ? reject(new Error(`${name} failed: ${m.error}`)) : resolve(m); } };
      waiters.push(w);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}) before '${type}'${stderr ? `; stderr: ${stderr.slice(-500)}` : ''}`)); });
    });
  };
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.send({ type: 'exit' });
    setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 1000).unref();
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
  });
  try {
    await next('qr');
    sim.scan();
    sim.confirm();
    const confirmedAt = nowMs();
    const ready = await next('ready');
    const request = async (type, reply) => {
      child.send({ type });
      return next(reply);
    };
    return { child, confirmedAt, ready, request, stop, stderr: () => stderr };
  } catch (err) {
    await stop();
    throw err;
  }
}

module.exports = { launch };
