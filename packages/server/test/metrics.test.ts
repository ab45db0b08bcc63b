import { startRig, until, type Rig } from './helpers';

/** Parses the Prometheus text format into `name{labels}` → value. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

describe('GET /metrics', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  const scrape = async (): Promise<Map<string, number>> => {
    const res = await rig.api('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(await res.text());
  };

  it('counts messages in by kind, API sends, logins, logouts; shows state, outbox depth and uptime', async () => {
    const before = await scrape();
    expect(before.get('wxbot_logins_total{method="qr"}')).toBe(1);
    expect(before.get('wxbot_state{state="running"}')).toBe(1);
    expect(before.get('wxbot_outbox_depth')).toBe(0);
    expect(before.get('wxbot_uptime_seconds')).toBeGreaterThanOrEqual(0);
    expect(before.has('wxbot_process_resident_memory_bytes')).toBe(true);

    rig.sim.injectText({ from: 'Alice', text: 'one' });
    rig.sim.injectText({ from: 'Bob', text: 'two' });
    rig.sim.inject({ kind: 'image', from: 'Alice' });
    rig.sim.injectText({ from: 'Mallory', room: 'Dev Team', text: 'three' });
    const alice = rig.bot.contacts.findContacts('Alice')[0]!;
    await rig.api('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: alice.id, text: 'counted' }) });
    const after = await until(async () => {
      const m = await scrape();
      return m.get('wxbot_messages_received_total{kind="text",chat="direct"}') === 2 && m.get('wxbot_api_sends_total{kind="text",outcome="sent"}') === 1 ? m : undefined;
    }, 'the counters');
    expect(after.get('wxbot_messages_received_total{kind="image",chat="direct"}')).toBe(1);
    expect(after.get('wxbot_messages_received_total{kind="text",chat="group"}')).toBe(1);
    // Every message from others went through the plugins: the histogram counted each.
    const handled = await until(async () => {
      const m = await scrape();
      return (m.get('wxbot_handler_seconds_count{kind="text"}') ?? 0) >= 3 ? m : undefined;
    }, 'the handler timings');
    expect(handled.get('wxbot_handler_seconds_count{kind="image"}')).toBe(1);
    expect(handled.get('wxbot_handler_seconds_bucket{le="+Inf",kind="text"}')).toBe(handled.get('wxbot_handler_seconds_count{kind="text"}'));
    expect(handled.get('wxbot_handler_seconds_sum{kind="text"}')).toBeGreaterThan(0);

    rig.sim.forceLogout(1101);
    const loginsIn = (m: Map<string, number>): number => [...m].filter(([k]) => k.startsWith('wxbot_logins_total')).reduce((n, [, v]) => n + v, 0);
    const relogged = await until(async () => {
      const m = await scrape();
      return m.get('wxbot_logouts_total{code="1101"}') === 1 && loginsIn(m) === 2 ? m : undefined;
    }, 'the logout and re-login', 20_000);
    expect(relogged.get('wxbot_logins_total{method="qr"}')).toBe(1);
  });
});
