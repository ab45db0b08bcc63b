import { parseStringPromise } from 'xml2js';
import { LoginRefusedError, MalformedBodyError } from '../errors';

/** Session credentials from webwxnewloginpage. Secrets: never log them. */
export interface Credentials {
  /** wxuin, numeric. */
  uin: number;
  /** wxsid. */
  sid: string;
  /** skey (`@crypt_...`); replaced when init/sync return a non-empty SKey. */
  skey: string;
  /** pass_ticket as given in the XML (already URL-encoded once, as the server sends it). */
  passTicket: string;
}

export interface LoginTicket extends Credentials {
  /** `<redirecturl>` when the server asks for a navigation elsewhere (rare). */
  redirectUrl?: string;
}

const ENDPOINT = 'webwxnewloginpage';

function field(root: Record<string, unknown>, name: string): string | undefined {
  const v = root[name];
  return typeof v === 'string' ? v.trim() : undefined;
}

/**
 * Parse the `<error>...</error>` XML of webwxnewloginpage (the root is `error` even on success).
 * `ret != 0` becomes a LoginRefusedError quoting the server's message.
 */
export async function parseLoginTicketXml(body: string): Promise<LoginTicket> {
  let doc: unknown;
  try {
    doc = await parseStringPromise(body, { explicitArray: false, explicitRoot: true, trim: true, emptyTag: '' });
  } catch (err) {
    throw new MalformedBodyError(ENDPOINT, 'not XML', body, { cause: err });
  }
  const root = (doc as { error?: unknown } | null)?.error;
  if (root === null || typeof root !== 'object') throw new MalformedBodyError(ENDPOINT, 'no <error> root element', body);
  const r = root as Record<string, unknown>;
  const retText = field(r, 'ret');
  if (retText === undefined || !/^-?\d+$/.test(retText)) throw new MalformedBodyError(ENDPOINT, 'no numeric <ret>', body);
  const ret = Number(retText);
  if (ret !== 0) throw new LoginRefusedError(ret, field(r, 'message') ?? '');

  const skey = field(r, 'skey');
  const sid = field(r, 'wxsid');
  const uinText = field(r, 'wxuin');
  const passTicket = field(r, 'pass_ticket');
  const missing = [
    ['skey', skey],
    ['wxsid', sid],
    ['wxuin', uinText],
    ['pass_ticket', passTicket],
  ].filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0 || !skey || !sid || !uinText || !passTicket) {
    throw new MalformedBodyError(ENDPOINT, `ret 0 but missing ${missing.join(', ')}`, body);
  }
  if (!/^\d+$/.test(uinText)) throw new MalformedBodyError(ENDPOINT, 'wxuin is not numeric', body);
  const ticket: LoginTicket = { uin: Number(uinText), sid, skey, passTicket };
  const redirect = field(r, 'redirecturl');
  if (redirect) ticket.redirectUrl = redirect;
  return ticket;
}
