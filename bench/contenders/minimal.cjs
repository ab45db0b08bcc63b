'use strict';
// The ceiling: the least a webwx echo bot must do, with keep-alive HTTP and nothing else
// (no contact list, no parsing beyond the group prefix, no plugins, no persistence, no retries).
// Written only to find what the simulator allows on this machine; not a usable client.
const http = require('node:http');
const zlib = require('node:zlib');
const { answerParent, nowMs, waitFor, send } = require('../lib/common.cjs');

const target = new URL(process.env.WX_SIM_ENDPOINT);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const cookies = new Map();
let errors = 0;

function request(method, url, body) {
  const u = new URL(url);
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  // Accept-Encoding as a browser sends it: the server then gzips its JSON (what every real client pays).
  const headers = { Host: u.host, 'Accept-Encoding': 'gzip, deflate', Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (data) {
    headers['Content-Type'] = 'application/json;charset=UTF-8';
    headers['Content-Length'] = data.length;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method, path: u.pathname + u.search, headers, agent }, (res) => {
      for (const c of res.headers['set-cookie'] ?? []) {
        const m = /^([^=]+)=([^;]*)/.exec(c);
        if (m) cookies.set(m[1], m[2]);
      }
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const coding = res.headers['content-encoding'];
        const body = coding === 'gzip' ? zlib.gunzipSync(raw) : coding === 'deflate' ? zlib.inflateSync(raw) : raw;
        resolve({ status: res.statusCode, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

const deviceId = () => 'e' + String(Math.random()).slice(2, 17).padEnd(15, '0');

async function main() {
  const jsl = await request('GET', `https://login.wx.qq.com/jslogin?appid=wx782c26e4c19acffb&redirect_uri=${encodeURIComponent('https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage')}&fun=new&lang=en_US&_=${Date.now()}`);
  const uuid = /uuid = "([^"]+)"/.exec(jsl.text)[1];
  send({ type: 'qr' });
  let redirectUri;
  for (;;) {
    const r = await request('GET', `https://login.wx.qq.com/cgi-bin/mmwebwx-bin/login?loginicon=true&uuid=${uuid}&tip=0&r=${~Date.now()}&_=${Date.now()}`);
    const code = Number(/window.code=(\d+)/.exec(r.text)?.[1]);
    if (code === 200) {
      redirectUri = /window.redirect_uri="([^"]+)"/.exec(r.text)[1];
      break;
    }
    if (code === 400) throw new Error('uuid expired');
  }
  const page = await request('GET', `${redirectUri}&fun=new&version=v2`);
  const tag = (t) => new RegExp(`<${t}>([^<]*)</${t}>`).exec(page.text)?.[1] ?? '';
  const skey0 = tag('skey');
  const sid = tag('wxsid');
  const uin = tag('wxuin');
  const passTicket = tag('pass_ticket');
  const main = new URL(redirectUri).host;
  const push = `webpush.${main}`;
  let skey = skey0;
  const base = () => ({ Uin: Number(uin), Sid: sid, Skey: skey, DeviceID: deviceId() });
  const init = JSON.parse((await request('POST', `https://${main}/cgi-bin/mmwebwx-bin/webwxinit?r=${~Date.now()}&pass_ticket=${passTicket}`, { BaseRequest: base() })).text);
  const self = init.User.UserName;
  let syncKey = init.SyncKey;
  let checkKey = init.SyncKey;
  const fmt = (k) => k.List.map((e) => `${e.Key}_${e.Val}`).join('|');
  send({ type: 'ready', at: nowMs(), rss: process.memoryUsage().rss });

  let localId = Date.now() * 1000;
  const reply = (to, content) => {
    const id = String(++localId);
    return request('POST', `https://${main}/cgi-bin/mmwebwx-bin/webwxsendmsg?pass_ticket=${passTicket}`, {
      BaseRequest: base(),
      Msg: { Type: 1, Content: content, FromUserName: self, ToUserName: to, LocalID: id, ClientMsgId: id },
      Scene: 0,
    }).catch(() => errors++);
  };
  for (;;) {
    const sc = await request('GET', `https://${push}/cgi-bin/mmwebwx-bin/synccheck?r=${Date.now()}&skey=${encodeURIComponent(skey)}&sid=${sid}&uin=${uin}&deviceid=${deviceId()}&synckey=${encodeURIComponent(fmt(checkKey))}&_=${Date.now()}`);
    const m = /retcode:"(\d+)",selector:"(\d+)"/.exec(sc.text);
    if (!m || m[1] !== '0') throw new Error(`synccheck: ${sc.text}`);
    if (m[2] === '0') continue;
    const res = JSON.parse((await request('POST', `https://${main}/cgi-bin/mmwebwx-bin/webwxsync?sid=${sid}&skey=${encodeURIComponent(skey)}&pass_ticket=${passTicket}`, { BaseRequest: base(), SyncKey: syncKey, rr: ~Date.now() })).text);
    if (res.SyncKey?.Count > 0) syncKey = res.SyncKey;
    if (res.SyncCheckKey?.Count > 0) checkKey = res.SyncCheckKey;
    else if (res.SyncKey?.Count > 0) checkKey = res.SyncKey;
    if (res.SKey) skey = res.SKey;
    for (const msg of res.AddMsgList) {
      if (msg.MsgType !== 1 || msg.FromUserName === self) continue;
      let text = msg.Content;
      if (msg.FromUserName.startsWith('@@')) text = text.replace(/^@\w+:<br\/>/, '');
      void reply(msg.FromUserName, text); // not awaited: the next poll starts at once
    }
  }
}

answerParent(() => ({ errors }));
main().catch((err) => {
  send({ type: 'failed', error: String(err && err.stack || err) });
  process.exit(1);
});
void waitFor;
