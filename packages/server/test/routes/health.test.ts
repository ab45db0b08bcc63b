import { startRig, until, type Rig } from '../helpers';

// /healthz and /readyz of a bot on the simulator: no token, for probes.
describe('GET /healthz and /readyz', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ start: false });
  });
  afterAll(() => rig.close());

  const probe = async (path: string) => {
    const res = await fetch(`${rig.server.url}${path}`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; state: string } };
  };

  it('healthz answers while the process is up; readyz only while logged in and receiving', async () => {
    const before = rig.bot.state;
    expect(before).not.toBe('running');
    expect(await probe('/healthz')).toEqual({ status: 200, body: { ok: true, state: before } });
    expect(await probe('/readyz')).toEqual({ status: 503, body: { ok: false, state: before } });

    await rig.bot.start();
    expect(await probe('/readyz')).toEqual({ status: 200, body: { ok: true, state: 'running' } });
    expect(await probe('/healthz')).toEqual({ status: 200, body: { ok: true, state: 'running' } });

    await rig.bot.stop();
    await until(() => rig.bot.state === 'stopped', 'the bot stopped');
    expect(await probe('/readyz')).toEqual({ status: 503, body: { ok: false, state: 'stopped' } });
    expect((await probe('/healthz')).status).toBe(200);
  });
});
