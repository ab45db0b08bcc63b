'use strict';
// bench/fleet-leases: what a FileFleetStore costs a worker holding N accounts, in CPU, per lease
// cycle (the idle cost bench/density-fleet attributes to leases: every account's lease is renewed
// every TTL/3, 5 s by default, and each supervisor scan reads every lease file). Runs the built
// store (packages/cli/dist) on a temporary directory on this machine's disk.
//   node bench/fleet-leases.cjs [accounts=100] [rounds=5]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { FileFleetStore } = require(path.join(__dirname, '..', 'packages', 'cli', 'dist', 'fleet', 'file-fleet-store.js'));
const { median } = require('./lib/common.cjs');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function fleetLeases(n = 100, rounds = 5) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxbot-fleet-leases-'));
  try {
    const store = new FileFleetStore(dir);
    const names = Array.from({ length: n }, (_, i) => `a-${i}`);
    for (const a of names) await store.register(a);
    const tokens = [];
    for (const a of names) {
      const claim = await store.acquire(a, 'w1', 15_000);
      claim.lease.abandon(); // renewed by hand below, not by its timer
      tokens.push(claim.lease.token);
    }
    const renew = [];
    const scan = [];
    for (let r = 0; r < rounds; r++) {
      // One at a time, as the lease timers spread them.
      let c0 = cpuMs();
      for (let i = 0; i < n; i++) await store.renew(names[i], 'w1', tokens[i], 15_000);
      renew.push(((cpuMs() - c0) * 1000) / n);
      c0 = cpuMs();
      await Promise.all([store.list(), store.holders()]); // what FleetSupervisor.scanOnce reads
      scan.push(cpuMs() - c0);
    }
    const renewUs = median(renew);
    const scanMs = median(scan);
    // Per 5 s cycle (TTL 15 s): n renewals + one scan.
    const pctPerAccount = ((renewUs / 1000) * n + scanMs) / 5000 / n * 100;
    return { accounts: n, renewUsCpu: renewUs, scanMsCpu: scanMs, idleCpuPctPerAccount: pctPerAccount };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { fleetLeases };

if (require.main === module) {
  fleetLeases(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 5)).then((r) => {
    console.log(`${r.accounts} file leases: ${r.renewUsCpu.toFixed(0)} µs CPU per renewal, ${r.scanMsCpu.toFixed(1)} ms CPU per scan (list + holders); at the default TTL (15 s: renew and scan every 5 s) ${r.idleCpuPctPerAccount.toFixed(4)}% of a core per account`);
  }, (e) => {
    console.error(e);
    process.exit(1);
  });
}
