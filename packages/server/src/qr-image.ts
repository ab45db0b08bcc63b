import QRCode from 'qrcode';

/** A login QR in the three forms a page or a script may want. */
export interface QrImage {
  uuid: string;
  /** What the code encodes: open it on the phone, or render it yourself. */
  url: string;
  /** `data:image/svg+xml;base64,...` */
  svg: string;
  /** `data:image/png;base64,...` */
  png: string;
}

/**
 * Renders the QR for `url` (cached for the last uuid: every console visitor asks for the same one).
 * @example const { png } = await qrImages.render({ uuid, url }); // <img src={png}>
 */
export class QrRenderer {
  private last: Promise<QrImage> | undefined;
  private lastUuid = '';

  render(qr: { uuid: string; url: string }): Promise<QrImage> {
    if (!this.last || this.lastUuid !== qr.uuid) {
      this.lastUuid = qr.uuid;
      this.last = (async () => {
        const svgText = await QRCode.toString(qr.url, { type: 'svg', margin: 2 });
        const png = await QRCode.toDataURL(qr.url, { margin: 2, width: 320 });
        return { uuid: qr.uuid, url: qr.url, svg: `data:image/svg+xml;base64,${Buffer.from(svgText).toString('base64')}`, png };
      })();
    }
    return this.last;
  }
}
