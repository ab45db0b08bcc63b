import type { SimCore } from '../core';
import { HOUR_MS, TEN_YEARS_MS, parentDomain, setCookie } from '../util/cookies';
import type { Session } from './session';

/** Set-Cookie lines of newloginpage (docs/protocol.md 3.4, CAP §4). */
export function loginCookies(core: SimCore, session: Session): string[] {
  const main = core.family.main;
  const dot = parentDomain(main);
  const now = Date.now();
  return [
    setCookie('wxuin', String(session.uin), main, 12 * HOUR_MS, now),
    setCookie('wxsid', session.sid, main, 12 * HOUR_MS, now),
    setCookie('wxloadtime', String(session.loadTime), main, 12 * HOUR_MS, now),
    setCookie('mm_lang', session.lang, main, 12 * HOUR_MS, now),
    setCookie('webwx_data_ticket', session.dataTicket, dot, 12 * HOUR_MS, now),
    setCookie('webwxuvid', core.account.uvid, main, TEN_YEARS_MS, now),
    setCookie('webwx_auth_ticket', core.account.authTicket, main, TEN_YEARS_MS, now),
  ];
}

/** webwxsync refreshes these and marks wxloadtime `_expired` (CAP §11). */
export function syncCookies(core: SimCore, session: Session, pluginKey: number): string[] {
  const main = core.family.main;
  const now = Date.now();
  return [
    setCookie('wxloadtime', `${session.loadTime}_expired`, main, 12 * HOUR_MS, now),
    setCookie('wxpluginkey', String(pluginKey), main, 12 * HOUR_MS, now),
    setCookie('wxuin', String(session.uin), main, 3 * 24 * HOUR_MS, now),
    setCookie('wxsid', session.sid, main, 12 * HOUR_MS, now),
    setCookie('webwx_data_ticket', session.dataTicket, parentDomain(main), 12 * HOUR_MS, now),
  ];
}
