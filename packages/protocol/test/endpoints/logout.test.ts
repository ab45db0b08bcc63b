import { startSimulator, type Simulator } from '@wxbot/simulator';
import { logout, ServerRetError, syncCheck, webwxInit } from '@wxbot/protocol';
import { login } from '../helpers/sim-login';

describe('webwxlogout against the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 200 });
  });
  afterAll(() => sim.close());

  it('ends the session: the redirect is accepted, then synccheck says 1100 and APIs refuse', async () => {
    const s = await login(sim);
    try {
      await expect(logout(s.ctx)).resolves.toBeUndefined();
      for (const call of [() => syncCheck(s.ctx, s.sync.syncCheckKey), () => webwxInit(s.ctx)]) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ServerRetError);
        expect([(err as ServerRetError).ret, (err as ServerRetError).sessionEnded]).toEqual([1100, true]);
      }
    } finally {
      s.http.close();
    }
  });
});
