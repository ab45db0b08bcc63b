import { startRig, until, type Rig } from '../helpers';

// GET /api/governor against a bot on the simulator: the same state as bot.governor.status().

describe('GET /api/governor', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  it('needs the token', async () => {
    const res = await fetch(`${rig.server.url}/api/governor`);
    expect(res.status).toBe(401);
  });

  it('shows the caps, and a breaker that a real 1205 opened', async () => {
    const before = (await (await rig.api('/api/governor')).json()) as { caps: Record<string, { cap: number; used: number; remaining: number }>; pacing: boolean; quietHours: { configured: boolean; nextChange: number | null } };
    // The rig runs with limits: false: only the risky cap, no pacing, no quiet hours.
    expect(before).toMatchObject({ caps: { risky: { cap: 30, used: 0, remaining: 30 } }, pacing: false, quietHours: { configured: false, quiet: false, policy: 'wait', nextChange: null } });

    rig.sim.faults.add({ kind: 'sendmsg', type: 'ret', ret: 1205 });
    const alice = rig.bot.contacts.findContacts('Alice')[0]?.id ?? '';
    const report = await rig.bot.broadcast([alice], 'hello');
    expect(report.stoppedBy).toBe('WXBOT_TOO_FREQUENT');
    const after = await until(async () => {
      const body = (await (await rig.api('/api/governor')).json()) as { breakers: Record<string, { state: string; trips: number; openUntil: number }> };
      return body.breakers['text'] ? body : undefined;
    }, 'the text breaker');
    expect(after.breakers['text']).toEqual({ state: 'open', trips: 1, openUntil: expect.any(Number) });
    expect(after).toEqual(JSON.parse(JSON.stringify({ ...rig.bot.governor.status(), quietHours: { ...rig.bot.governor.status().quietHours, nextChange: null } })));
  });
});
