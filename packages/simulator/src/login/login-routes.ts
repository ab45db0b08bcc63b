import type { SimCore } from '../core';
import type { Handler } from '../routes/context';
import { errorPage, javascript, type SimResponse } from '../util/response';
import { sleep } from '../util/waiters';
import type { PendingLogin } from './login-registry';
import { qrJpeg } from './qr-image';

/** `GET|POST https://LOGIN/jslogin` (docs/protocol.md 4.1). Note the two Content-Type headers. */
export const jslogin: Handler = (core, ctx) => {
  const desktop = (ctx.query.get('redirect_uri') ?? '').includes('mod=desktop');
  const lang = ctx.query.get('lang');
  const login = core.logins.create(desktop, lang === 'en_US' ? 'en_US' : 'zh_CN');
  return {
    status: 200,
    headers: { 'Content-Type': ['text/javascript', 'text/html; charset=gbk'], 'Cache-Control': 'no-cache, must-revalidate' },
    body: `window.QRLogin.code = 200; window.QRLogin.uuid = "${login.uuid}";`,
  };
};

/** `GET https://login.weixin.qq.com/qrcode/<uuid>` → image/jpeg. */
export const qrcode: Handler = (core, ctx) => {
  const uuid = decodeURIComponent(ctx.path.slice('/qrcode/'.length));
  if (!core.logins.get(uuid)) return errorPage(404);
  return { status: 200, headers: { 'Content-Type': 'image/jpeg' }, body: qrJpeg() };
};

function answer(core: SimCore, login: PendingLogin, withIcon: boolean): SimResponse | undefined {
  if (login.status === 'cancelled') return javascript('window.code=202;');
  const seen = login.status === 'scanned' || login.status === 'confirmed';
  if (seen && !login.told201) {
    login.told201 = true;
    const avatar = withIcon ? `window.userAvatar = 'data:img/jpg;base64,${qrJpeg().toString('base64')}';` : '';
    return javascript(`window.code=201;${avatar}`);
  }
  if (login.status === 'confirmed') {
    const uri = `https://${core.family.main}/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=${login.ticket}&uuid=${login.uuid}&lang=${login.lang}&scan=${login.scanTime}`;
    return javascript(`window.code=200;\nwindow.redirect_uri="${uri}";`);
  }
  return undefined;
}

/** The phone of `autoConfirm`: scans, then confirms, shortly after the first poll. */
async function autoConfirm(core: SimCore, login: PendingLogin): Promise<void> {
  const delay = core.options.autoConfirmDelayMs;
  await sleep(delay, core.signal);
  if (core.signal.aborted) return;
  core.logins.scan(login);
  await sleep(delay, core.signal);
  if (!core.signal.aborted) core.logins.confirm(login);
}

/**
 * `GET https://LOGIN/cgi-bin/mmwebwx-bin/login?loginicon=true&uuid=…&tip=…`:
 * holds up to `loginPollMs` then `408`; answers at once on scan (201),
 * confirm (200 + redirect_uri) or cancel (202); unknown/expired uuid → 400.
 */
export const loginPoll: Handler = async (core, ctx) => {
  if (ctx.forced?.type === 'login-code' || ctx.forced?.type === 'ret') {
    return javascript(`window.code=${ctx.forced.code ?? ctx.forced.ret ?? 500};`);
  }
  const login = core.logins.get(ctx.query.get('uuid') ?? '');
  if (!login || login.status === 'redeemed') return javascript('window.code=400;');
  if (!login.polled) {
    login.polled = true;
    if (core.options.autoConfirm) void autoConfirm(core, login);
  }
  const withIcon = ctx.query.get('loginicon') === 'true';
  const deadline = Date.now() + core.options.loginPollMs;
  for (;;) {
    const ready = answer(core, login, withIcon);
    if (ready) return ready;
    const left = deadline - Date.now();
    if (left <= 0 || !(await login.waiters.wait(left, ctx.signal))) return javascript('window.code=408;');
  }
};
