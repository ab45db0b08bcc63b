import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface FloodRun {
  failed?: string;
  messages: number;
  answered: number;
  lost: number;
  probeAnswered: number;
  cpuSecPer1k: number;
  peakRssMb: number;
}
interface BurstRun {
  failed?: string;
  messages: number;
  answered: number;
  lost: number;
  syncRounds: number;
  fetchP50Ms: number;
  availableP50Ms: number;
  cpuSecPer1k: number;
  peakRssMb: number;
  idleRssMb: number;
}
interface LoginRun {
  who: string;
  r: { failed?: string; readyMs: number; rssMb: number; loaded?: { groups: number; groupsWithMembers: number } };
}
interface DensityRun {
  failed?: string;
  accounts: number;
  accountsLoggedIn: number;
  totalRssMb: number;
  perExtraAccountMb: number;
  idleCpuPctPerAccount: number;
  restartReadyMs: number;
  restartQr: number;
}
interface Results {
  quick: boolean;
  pipeline: { failed?: string; main: { messages: number; medianUs: number } };
  flood: Record<'minimal' | 'wxbot' | 'wechat4u', FloodRun>;
  burst: Record<'minimal' | 'wxbot' | 'wechat4u', BurstRun>;
  login: LoginRun[];
  density: Record<'wxbot' | 'wechat4u', DensityRun>;
}

// `pnpm bench --quick`, the documented CI smoke run, as a real process against real simulators:
// every contender (wxbot, unmodified wechat4u, the minimal client) must answer every message.
// Figures are only checked for being measured, never against thresholds (the machine is shared).
describe('bench --quick', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs pipeline, flood, burst, login and density for every contender and writes the results', async () => {
    const out = path.join(dir, 'latest.json');
    const root = path.join(__dirname, '..', '..');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [path.join(root, 'bench', 'run.cjs'), '--quick', `--out=${out}`], { cwd: root, timeout: 300_000, maxBuffer: 1 << 24 }, (err, so, se) => (err ? reject(new Error(`${err.message}\n${se}`)) : resolve(so)));
    });
    expect(stdout).toContain('wxbot/wechat4u');
    const r = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(r.quick).toBe(true);
    expect(r.pipeline.failed).toBeUndefined();
    expect(r.pipeline.main.messages).toBe(20_000);
    expect(r.pipeline.main.medianUs).toBeGreaterThan(0);
    for (const who of ['minimal', 'wxbot', 'wechat4u'] as const) {
      const run = r.flood[who];
      expect({ who, failed: run.failed, lost: run.lost, answered: run.answered, probe: run.probeAnswered }).toEqual({ who, failed: undefined, lost: 0, answered: run.messages, probe: 200 });
      expect(run.cpuSecPer1k).toBeGreaterThan(0);
      expect(run.peakRssMb).toBeGreaterThan(0);
    }
    // The burst: every message released at once, over gzip'd JSON; each contender answers all.
    for (const who of ['minimal', 'wxbot', 'wechat4u'] as const) {
      const run = r.burst[who];
      expect({ who, failed: run.failed, lost: run.lost, answered: run.answered }).toEqual({ who, failed: undefined, lost: 0, answered: run.messages });
      expect(run.syncRounds).toBeGreaterThan(0);
      // A reply comes after its message was fetched, which comes after it was available.
      expect(run.fetchP50Ms).toBeGreaterThan(0);
      expect(run.availableP50Ms).toBeGreaterThanOrEqual(run.fetchP50Ms);
      expect(run.cpuSecPer1k).toBeGreaterThan(0);
      expect(run.peakRssMb).toBeGreaterThanOrEqual(run.idleRssMb);
    }
    expect(r.login.map((l) => l.who)).toEqual(['wxbot', 'wechat4u', 'wxbot', 'wechat4u']);
    for (const l of r.login) {
      expect(l.r.failed).toBeUndefined();
      expect(l.r.readyMs).toBeGreaterThan(0);
    }
    // wxbot is ready only with every group's members loaded.
    for (const l of r.login.filter((x) => x.who === 'wxbot')) expect(l.r.loaded?.groupsWithMembers).toBe(l.r.loaded?.groups);
    // Density: every account of one process logged into its own simulator account, and came back
    // after the process restart from its saved session, without a QR code.
    for (const who of ['wxbot', 'wechat4u'] as const) {
      const d = r.density[who];
      expect({ who, failed: d.failed, loggedIn: d.accountsLoggedIn, qr: d.restartQr }).toEqual({ who, failed: undefined, loggedIn: d.accounts, qr: 0 });
      expect(d.totalRssMb).toBeGreaterThan(0);
      expect(d.idleCpuPctPerAccount).toBeGreaterThanOrEqual(0);
      expect(d.restartReadyMs).toBeGreaterThan(0);
    }
  }, 360_000);
});
