import { startRig, until, type Rig } from '../helpers';

type Status = { state: string; account: { id: string; name: string } | null; loginMethod: string | null; counts: { contacts: number; groups: number; queued: number }; qrPending: boolean; plugins: string[] };

// GET /api/status and /api/qr through a login on the simulator (the logged-in answers are also
// checked in test/server.test.ts, a rescue QR in test/qr-rescue.test.ts).
describe('GET /api/status and /api/qr', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ sim: { autoConfirm: false }, start: false });
  });
  afterAll(() => rig.close());

  const status = async (): Promise<Status> => (await (await rig.api('/api/status')).json()) as Status;

  it('show no account before the login, the live QR while a scan is needed, and the account after it', async () => {
    const idle = await status();
    expect(idle).toMatchObject({ account: null, loginMethod: null, counts: { contacts: 0, groups: 0, queued: 0 }, qrPending: false, plugins: ['echo'] });
    const noQr = await rig.api('/api/qr');
    expect(noQr.status).toBe(404);
    expect(await noQr.json()).toEqual({ error: { code: 'WXBOT_API_NOT_FOUND', message: `no QR code to scan: the bot is ${idle.state}` } });

    const starting = rig.bot.start();
    const qr = await until(async () => {
      const res = await rig.api('/api/qr');
      return res.status === 200 ? ((await res.json()) as { uuid: string; url: string; svg: string; png: string }) : undefined;
    }, 'the QR');
    expect(qr.url).toContain(qr.uuid);
    expect(qr.png).toMatch(/^data:image\/png;base64,/);
    expect(await status()).toMatchObject({ account: null, qrPending: true });

    rig.sim.scan();
    rig.sim.confirm();
    await starting;
    const running = await status();
    expect(running).toMatchObject({ state: 'running', account: { id: rig.bot.contacts.self.id, name: 'wxbot' }, loginMethod: 'qr', qrPending: false });
    expect(running.counts.contacts).toBe(rig.bot.contacts.size.contacts);
    expect(running.counts.contacts).toBeGreaterThan(0);
    const after = await rig.api('/api/qr');
    expect(after.status).toBe(404);
    expect(((await after.json()) as { error: { message: string } }).error.message).toBe('no QR code to scan: the bot is running as wxbot');
  });
});
