import { startSimulator, type Simulator } from '../../src';
import { MAIN_HOST, MM, call, login } from '../helpers';

describe('session checks on the JSON APIs', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 200, longPollMs: 200, seed: 3 });
  });
  afterEach(() => sim.close());

  it('requires cookies and a matching BaseRequest', async () => {
    const me = await login(sim);
    const post = (cookies: Record<string, string>, base: unknown) =>
      call(sim, MAIN_HOST, `${MM}/webwxinit?r=-1`, { body: JSON.stringify({ BaseRequest: base }), cookies }).then((r) => JSON.parse(r.text).BaseResponse.Ret);
    expect(await post({}, me.baseRequest)).toBe(1100);
    expect(await post(me.cookies, { ...me.baseRequest, Sid: 'other' })).toBe(1100);
    expect(await post(me.cookies, { ...me.baseRequest, Skey: 'whatever', DeviceID: 'junk' })).toBe(0);
    const strict = await startSimulator({ strict: true });
    try {
      const s = await login(strict);
      const res = await call(strict, MAIN_HOST, `${MM}/webwxinit?r=-1`, { body: JSON.stringify({ BaseRequest: { ...s.baseRequest, Skey: 'bad' } }), cookies: s.cookies });
      expect(JSON.parse(res.text).BaseResponse.Ret).toBe(1100);
    } finally {
      await strict.close();
    }
  });
});
