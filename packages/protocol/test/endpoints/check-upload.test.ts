import { createHash } from 'node:crypto';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { checkUpload, ServerRetError, uploadMedia } from '@wxbot/protocol';
import { login, type LoggedIn } from '../helpers/sim-login';

describe('webwxcheckupload against the simulator', () => {
  let sim: Simulator;
  let s: LoggedIn;
  let alice: string;
  beforeAll(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 200 });
    s = await login(sim);
    alice = sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
  });
  afterAll(async () => {
    s.http.close();
    await sim.close();
  });

  it('a new file gets an AESKey and Signature to upload with; once uploaded, its MediaId (skip the upload)', async () => {
    const bytes = Buffer.from(`report ${Date.now()}`);
    const md5 = createHash('md5').update(bytes).digest('hex');
    const query = { from: s.self, to: alice, fileName: '报告.txt', size: bytes.length, md5 };
    const fresh = await checkUpload(s.ctx, query);
    expect(fresh.mediaId).toBe('');
    expect(fresh.aesKey).toMatch(/^[0-9a-f]+$/);
    expect(fresh.signature).toMatch(/^[0-9a-f]+$/);
    expect(fresh.encryFileName).toBe(encodeURIComponent('报告.txt'));
    const uploaded = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: '报告.txt', bytes, checkUpload: fresh });
    const again = await checkUpload(s.ctx, query);
    expect(again).toEqual({ mediaId: uploaded.mediaId, aesKey: '', signature: '', encryFileName: fresh.encryFileName });
  });

  it('a bad md5 is the server parameter error (Ret 1)', async () => {
    const err = await checkUpload(s.ctx, { from: s.self, to: alice, fileName: 'a', size: 1, md5: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRetError);
    expect((err as ServerRetError).ret).toBe(1);
  });
});
