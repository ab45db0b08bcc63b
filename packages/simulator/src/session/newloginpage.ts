import type { Handler } from '../routes/context';
import type { SimResponse } from '../util/response';
import { langOf } from '../messages/wording';
import { loginCookies } from './session-cookies';

/** The 1203 text of docs/protocol.md 4.4 (accounts not allowed on web). */
export const WEB_LOGIN_REFUSED = '为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。';

function xml(body: string, status = 200, setCookie: string[] = []): SimResponse {
  const headers: Record<string, string | string[]> = { 'Content-Type': 'text/plain;charset=utf-8' };
  if (setCookie.length > 0) headers['Set-Cookie'] = setCookie;
  return { status, headers, body };
}

/** A request header that was sent with a value. */
const present = (value: string | string[] | undefined): boolean => (Array.isArray(value) ? value.join('') : (value ?? '')).trim() !== '';

const failure = (ret: number, message: string): SimResponse => xml(`<error><ret>${ret}</ret><message>${message}</message></error>`);

/**
 * `GET https://MAIN/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket&uuid&lang&scan&fun=new&version=v2`
 * (docs/protocol.md 4.4): redeems the single-use ticket, starts a session (kicking
 * the previous one) and answers the `<error>` XML plus cookies. Desktop (UOS)
 * logins get the same as an HTTP 301 without Location, if they carry the desktop
 * client's `client-version` and `extspam` headers; without them, ret 1203.
 */
export const newLoginPage: Handler = (core, ctx) => {
  if (ctx.forced?.type === 'ticket-ret' || ctx.forced?.type === 'ret') {
    const ret = ctx.forced.ret ?? 1203;
    return failure(ret, ctx.forced.message ?? (ret === 1203 ? WEB_LOGIN_REFUSED : ''));
  }
  const login = core.logins.redeem(ctx.query.get('ticket') ?? '', ctx.query.get('uuid') ?? '');
  // [UNSURE] the real answer to a reused/unknown ticket; -14 is the documented "ticket error".
  if (!login) return failure(-14, 'ticket error');
  const desktop = login.desktop || ctx.query.get('mod') === 'desktop';
  // A desktop (UOS) login must present as the desktop client (protocol.md 12.3): the real
  // server refuses one without `client-version` and `extspam` like a refused web login.
  if (desktop && !(present(ctx.headers['client-version']) && present(ctx.headers['extspam']))) return failure(1203, WEB_LOGIN_REFUSED);
  if (core.account.webLoginBlocked && !(desktop && core.account.desktopCapable)) return failure(1203, WEB_LOGIN_REFUSED);

  const session = core.startSession(desktop);
  session.lang = langOf(ctx.query.get('lang') ?? login.lang);
  const body =
    `<error><ret>0</ret><message></message><skey>${session.skey}</skey><wxsid>${session.sid}</wxsid>` +
    `<wxuin>${session.uin}</wxuin><pass_ticket>${encodeURIComponent(session.passTicket)}</pass_ticket>` +
    `<isgrayscale>1</isgrayscale></error>`;
  return xml(body, desktop ? 301 : 200, loginCookies(core, session));
};
