import QRCode from 'qrcode';

/** Where the phone is sent by the login QR (docs/protocol.md §4.2). */
export const loginUrl = (uuid: string): string => `https://login.weixin.qq.com/l/${uuid}`;

/**
 * Renders the login QR for a `jslogin` uuid as terminal text (two modules per character, using
 * `█ ▀ ▄` and spaces), ready to print; the same uuid always gives the same string.
 * @example
 * console.log(await renderQr(uuid));
 * console.log(loginUrl(uuid)); // for terminals whose font breaks the blocks
 */
export async function renderQr(uuid: string): Promise<string> {
  if (!/^\S+$/.test(uuid)) throw new TypeError(`renderQr: expected a login uuid, got ${JSON.stringify(uuid)}`);
  return QRCode.toString(loginUrl(uuid), { type: 'terminal', small: true });
}
