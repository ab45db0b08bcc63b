import { html, textResponse, wireJson } from '../util/response';
import type { Handler } from './context';
import { baseResponse } from './json-api';

/**
 * `GET|POST /cgi-bin/mmwebwx-bin/webwxlogout?redirect=1&type=…&skey=…`
 * (docs/protocol.md 12.1): ends the session named by the cookies; its synccheck
 * then answers 1100 ("session does not exist"). Answers a small HTML page
 * that navigates to MAIN, not an HTTP redirect, so clients that follow
 * redirects never leave the simulator.
 */
export const webwxlogout: Handler = (core, ctx) => {
  // The official client posts an HTML form with `sid` and `uin`; others rely on the cookies.
  const sid = ctx.cookies.get('wxsid') ?? new URLSearchParams(ctx.body.toString('utf8')).get('sid');
  const session = sid ? core.findSession(sid) : undefined;
  session?.end(1100);
  const home = `https://${core.family.main}/?lang=zh_CN`;
  return html(`<html><head><meta http-equiv="refresh" content="0;url=${home}"></head><body><script>location.href="${home}";</script></body></html>`);
};

/**
 * `GET /cgi-bin/mmwebwx-bin/webwxpushloginurl?uin=…` (docs/protocol.md 4.5):
 * string-valued ret. Needs the long-lived `wxuin` + `webwx_auth_ticket`
 * cookies ("1" args error when missing, "3" device authinfo invalid when they
 * do not match the account); success issues a uuid the phone must confirm.
 */
export const webwxpushloginurl: Handler = (core, ctx) => {
  const json = (value: Record<string, string>) => textResponse(JSON.stringify(value), 'text/plain');
  if (ctx.forced?.type === 'ret') return json({ ret: String(ctx.forced.ret ?? 2), msg: ctx.forced.message ?? 'antispam' });
  const uin = ctx.cookies.get('wxuin') ?? '';
  const ticket = ctx.cookies.get('webwx_auth_ticket') ?? '';
  if (!uin || !ticket) return json({ ret: '1', msg: 'args error' });
  const queryUin = ctx.query.get('uin');
  if (uin !== String(core.account.uin) || ticket !== core.account.authTicket || (queryUin !== null && queryUin !== uin)) {
    return json({ ret: '3', msg: 'device authinfo invalid' });
  }
  // Pushed to this account's own phone: the uuid can only log into this account.
  const login = core.logins.create(ctx.query.get('mod') === 'desktop', undefined, core.name);
  return json({ ret: '0', msg: 'all ok', uuid: login.uuid });
};

/** `GET https://MAIN/`: the page shell whose `isLogin` tells whether the cookies still hold a session (4.6). */
export const indexPage: Handler = (core, ctx) => {
  const sid = ctx.cookies.get('wxsid');
  const session = sid ? core.findSession(sid) : undefined;
  const live = session !== undefined && session.ended === undefined && String(session.uin) === ctx.cookies.get('wxuin');
  return html(
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>微信网页版</title></head><body>\n<script>\nwindow.MMCgi = { isLogin: !!"${live ? '1' : ''}" }\n</script>\n</body></html>\n`,
  );
};

/** `POST /cgi-bin/mmwebwx-bin/webwxstatreport`: telemetry, accepted and ignored [UNSURE of the real answer]. */
export const webwxstatreport: Handler = () => wireJson({ BaseResponse: baseResponse() });
