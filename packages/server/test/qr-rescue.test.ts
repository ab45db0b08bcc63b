import { readEvents, startRig, until } from './helpers';

// A scan needed while the bot runs (session killed, resume and push login refused): the QR reaches
// GET /api/qr and the `qr` event, and the console's visitor can log the bot in again.
describe('QR rescue', () => {
  it('shows the first QR and the one after a forced logout, live, and turns each into a login', async () => {
    const rig = await startRig({ sim: { autoConfirm: false }, start: false });
    const stream = readEvents(await rig.api('/api/events'));
    try {
      const starting = rig.bot.start();
      const first = await until(async () => {
        const res = await rig.api('/api/qr');
        return res.status === 200 ? ((await res.json()) as { uuid: string; url: string; svg: string; png: string }) : undefined;
      }, 'the first QR');
      expect(first.url).toContain(first.uuid);
      expect(first.svg).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(first.svg.split(',')[1]!, 'base64').toString()).toMatch(/<svg[\s\S]*<\/svg>/);
      expect(first.png).toMatch(/^data:image\/png;base64,iVBOR/);
      expect(stream.events).toContainEqual(expect.objectContaining({ event: 'qr', data: { uuid: first.uuid, url: first.url } }));
      expect(((await (await rig.api('/api/status')).json()) as { qrPending: boolean }).qrPending).toBe(true);
      expect((await fetch(`${rig.server.url}/readyz`)).status).toBe(503);

      rig.sim.scan();
      rig.sim.confirm();
      await starting;
      expect((await rig.api('/api/qr')).status).toBe(404);
      expect(stream.events).toContainEqual(expect.objectContaining({ event: 'login', data: { account: { id: rig.bot.contacts.self.id, name: 'wxbot' }, method: 'qr' } }));

      // The phone ends the session; the saved session and push login are refused: only a scan helps.
      rig.sim.faults.add({ kind: 'pushlogin', type: 'ret', ret: 1, times: 'always' });
      rig.sim.forceLogout(1100);
      await until(() => stream.events.some((e) => e.event === 'logout' && (e.data as { code: number }).code === 1100), 'the logout event', 20_000);
      const rescue = await until(async () => {
        const res = await rig.api('/api/qr');
        if (res.status !== 200) return undefined;
        const qr = (await res.json()) as { uuid: string };
        return qr.uuid !== first.uuid ? qr : undefined;
      }, 'a new QR after the logout', 20_000);
      expect(stream.events.filter((e) => e.event === 'qr').map((e) => (e.data as { uuid: string }).uuid)).toContain(rescue.uuid);
      expect(rig.log()).toMatch(/"level":40,[^\n]*a scan is needed/);

      rig.sim.scan();
      rig.sim.confirm();
      await until(() => stream.events.filter((e) => e.event === 'login').length === 2 && rig.bot.state === 'running', 'the second login', 20_000);
      expect((await rig.api('/api/qr')).status).toBe(404);
      expect((await fetch(`${rig.server.url}/readyz`)).status).toBe(200);
    } finally {
      stream.stop();
      await rig.close();
    }
  }, 60_000);
});
