import { QrRenderer } from '../src/qr-image';

const pngWidth = (dataUrl: string): number => {
  const png = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return png.readUInt32BE(16); // IHDR width
};

// One renderer across the tests: each PNG render costs a noticeable fraction of a second.
describe('QrRenderer', () => {
  const renderer = new QrRenderer();
  const u1 = { uuid: 'u1', url: 'https://login.weixin.qq.com/l/u1' };

  it('renders the login URL as an SVG and a 320 px PNG data URL', async () => {
    const qr = await renderer.render(u1);
    expect(qr.uuid).toBe('u1');
    expect(qr.url).toBe('https://login.weixin.qq.com/l/u1');
    expect(qr.svg).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qr.svg.split(',')[1] ?? '', 'base64').toString()).toMatch(/^<svg[\s\S]*<path[\s\S]*<\/svg>\s*$/);
    expect(qr.png).toMatch(/^data:image\/png;base64,/);
    expect(pngWidth(qr.png)).toBe(320);
  });

  it('renders once per uuid: the same uuid gets the cached image, a new uuid a new one', async () => {
    const a = renderer.render(u1);
    expect(renderer.render({ ...u1 })).toBe(a);
    const b = await renderer.render({ uuid: 'u2', url: 'https://login.weixin.qq.com/l/u2' });
    expect(b.uuid).toBe('u2');
    expect(b.svg).not.toBe((await a).svg);
    // Only the last uuid is kept: u1 again is a new render.
    const again = renderer.render(u1);
    expect(again).not.toBe(a);
    expect((await again).svg).toBe((await a).svg);
  });
});
