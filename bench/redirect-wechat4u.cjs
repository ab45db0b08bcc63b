'use strict';
// Preload (`node -r ./bench/redirect-wechat4u.cjs`): sends every https:// request of this process
// to the simulator at WX_SIM_ENDPOINT (http://HOST:PORT) over plain HTTP, keeping the path, the
// query and the real Host header. This changes wechat4u's ENVIRONMENT, not its code: it still
// builds its own URLs, cookies and headers (including its `connection: close`), and still uses
// no keep-alive agent (`httpsAgent: false` becomes a fresh plain agent per request, as before).
const http = require('node:http');
const https = require('node:https');

const endpoint = process.env.WX_SIM_ENDPOINT;
if (!endpoint) throw new Error('redirect-wechat4u: set WX_SIM_ENDPOINT=http://127.0.0.1:PORT');
const target = new URL(endpoint);

function redirect(input, options, cb) {
  // https.request(url | options, [options], [cb]) -> one options object
  if (typeof options === 'function') { cb = options; options = undefined; }
  let opts;
  if (typeof input === 'string' || input instanceof URL) {
    const u = new URL(input);
    opts = { protocol: u.protocol, hostname: u.hostname, port: u.port, path: u.pathname + u.search, ...(options || {}) };
  } else {
    opts = { ...input, ...(options || {}) };
  }
  const realHost = opts.hostname || (opts.host || '').replace(/:\d+$/, '');
  const headers = { ...(opts.headers || {}) };
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'host') delete headers[k];
  headers.Host = realHost;
  // An https.Agent cannot carry plain HTTP: false/undefined (what wechat4u uses) stay as they are.
  const agent = opts.agent instanceof https.Agent ? undefined : opts.agent;
  const out = { ...opts, protocol: 'http:', hostname: target.hostname, host: target.hostname, port: Number(target.port) || 80, headers, agent };
  delete out.agents;
  delete out.servername;
  return http.request(out, cb);
}

https.request = redirect;
https.get = function get(input, options, cb) {
  const req = redirect(input, options, cb);
  req.end();
  return req;
};
