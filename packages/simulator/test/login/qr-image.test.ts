import { qrJpeg } from '../../src/login/qr-image';

describe('QR image', () => {
  it('is a complete baseline JPEG: SOI, quantisation and Huffman tables, a 1x1 frame, scan, EOI', () => {
    const jpeg = qrJpeg();
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(jpeg.subarray(-2).toString('hex')).toBe('ffd9');
    const markers: string[] = [];
    for (let at = 2; at < jpeg.length - 2; ) {
      expect(jpeg[at]).toBe(0xff);
      const marker = jpeg[at + 1]!.toString(16);
      markers.push(marker);
      const length = jpeg.readUInt16BE(at + 2);
      at += 2 + length;
      if (marker === 'da') break;
    }
    expect(markers).toEqual(['e0', 'db', 'c0', 'c4', 'c4', 'da']);
    const sof = jpeg.indexOf(Buffer.from('ffc0', 'hex'));
    expect([jpeg.readUInt16BE(sof + 5), jpeg.readUInt16BE(sof + 7)]).toEqual([1, 1]);
    expect(qrJpeg()).not.toBe(jpeg);
  });
});
