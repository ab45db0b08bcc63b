import { startRig, until, type Rig } from '../helpers';

// POST /api/logout against a bot on the simulator.
describe('POST /api/logout', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.close());

  it('needs the token', async () => {
    expect((await fetch(`${rig.server.url}/api/logout`, { method: 'POST' })).status).toBe(401);
    expect(rig.bot.state).toBe('running');
  });

  it('answers 202 with the state it had, then logs out on the server and stops the bot', async () => {
    const res = await rig.api('/api/logout', { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true, state: 'running' });
    await until(() => rig.bot.state === 'stopped', 'the bot stopped after the logout');
    // The session ended on the server too (what the phone shows), not only in this process.
    expect(rig.sim.state().session?.ended).toEqual(expect.any(Number));
  });
});
