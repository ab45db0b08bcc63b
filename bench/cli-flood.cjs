'use strict';
// bench/cli-flood: 5,000 messages through `npx wxbot start --sim --config <file>` where the file
// says `outbox: { limits: false }` (the config file alone switches the pacing off), against the
// simulator the CLI runs in its own process. The injector keeps `window` messages outstanding over
// the control API and waits until every one has its echo. Prints the figures; asserts nothing but
// "every message answered once" (exit 1 otherwise).
//   node bench/cli-flood.cjs [total=5000] [window=32]
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const total = Number(process.argv[2] ?? 5000);
const window = Number(process.argv[3] ?? 32);
const bin = path.join(__dirname, '..', 'packages', 'cli', 'bin', 'wxbot.js');
const FRIENDS = ['Alice', 'Bob', 'Carol', 'Dave', 'Eve🌙', '张伟'];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxbot-cli-flood-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"cli-flood","private":true}');
  fs.writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify({ plugins: ['echo'], outbox: { limits: false }, home: './home', log: { level: 'warn' } }));
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.WXBOT_ENDPOINT;
  delete env.WXBOT_HOME;
  const child = spawn(process.execPath, [bin, 'start', '--sim', '--config', 'bot.config.json', '--no-pretty', '--log-level', 'info'], { cwd: dir, env });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const until = async (re, ms) => {
    const end = Date.now() + ms;
    for (;;) {
      const m = out.match(re);
      if (m) return m;
      if (child.exitCode !== null || Date.now() > end) throw new Error(`no ${re}:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  try {
    const [, url] = await until(/webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
    await until(/"msg":"logged in as wxbot/, 30_000);
    const inject = async (i) => {
      const res = await fetch(`${url}/__sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: FRIENDS[i % FRIENDS.length], text: `flood #${i}#` }) });
      if (res.status !== 200) throw new Error(`inject ${i}: ${res.status}`);
    };
    const answeredNow = async () => {
      const sent = await (await fetch(`${url}/__sim/sent`)).json();
      const tokens = sent.map((s) => /^flood #(\d+)#$/.exec(s.content)?.[1]).filter(Boolean);
      return { unique: new Set(tokens).size, all: tokens.length };
    };
    const started = process.hrtime.bigint();
    let injected = 0;
    let answered = { unique: 0, all: 0 };
    let lastProgress = Date.now();
    while (answered.unique < total) {
      const batch = [];
      while (injected < total && injected - answered.unique < window) batch.push(inject(injected++));
      await Promise.all(batch);
      const now = await answeredNow();
      if (now.unique > answered.unique) lastProgress = Date.now();
      answered = now;
      if (Date.now() - lastProgress > 30_000) throw new Error(`stalled at ${answered.unique} of ${total}`);
      if (batch.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`| figure | value |\n|:--|--:|`);
    console.log(`| messages | ${total} |`);
    console.log(`| answered (unique / replies) | ${answered.unique} / ${answered.all} |`);
    console.log(`| wall time | ${seconds.toFixed(1)} s |`);
    console.log(`| throughput | ${(total / seconds).toFixed(0)} msg/s |`);
    console.log(`| at the default pacing (1/s) it would take | ${(total / 60).toFixed(0)} min or more |`);
    if (answered.all !== total) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
