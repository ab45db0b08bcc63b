import { startSimulator, type Simulator } from '../../src';
import { login, type LoggedIn } from '../helpers';
import { md5, upload } from '../upload-helpers';

describe('sim.uploads()', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => {
    sim = await startSimulator({ loginPollMs: 100, longPollMs: 100, seed: 17 });
    me = await login(sim);
  });
  afterEach(() => sim.close());

  it('lists each upload in order with its name, type, size, md5 and MediaId; a 1205 placeholder is marked', async () => {
    const pdf = Buffer.from('%PDF-1.4 report');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(30, 1)]);
    const [first] = await upload(sim, me, pdf, { name: '报告.pdf', type: 'application/pdf' });
    const [second] = await upload(sim, me, png, { name: 'a.png', type: 'image/png', mediatype: 'pic' });
    sim.faults.add({ kind: 'uploadmedia', type: 'ret', ret: 1205 });
    const [limited] = await upload(sim, me, Buffer.from('x'), { name: 'c.txt', type: 'text/plain' });
    expect(limited?.['BaseResponse'].Ret).toBe(1205);
    expect(sim.uploads()).toEqual([
      { mediaId: first?.['MediaId'], name: '报告.pdf', mime: 'application/pdf', mediaType: 'doc', size: pdf.length, md5: md5(pdf), placeholder: false },
      { mediaId: second?.['MediaId'], name: 'a.png', mime: 'image/png', mediaType: 'pic', size: png.length, md5: md5(png), placeholder: false },
      // the MediaId a 1205 answers names a stored placeholder picture, not the file sent
      expect.objectContaining({ mediaId: limited?.['MediaId'], name: 'placeholder.jpg', mime: 'image/jpeg', placeholder: true }),
    ]);
    expect(sim.state().uploads).toBe(3);
  });
});
