'use strict';
// Watches the simulator's answers from inside its process (diagnostics_channel, same clock as the
// injector): `on(kind, (text, at) => …)` for answers whose URL contains `kind`, with the body
// decoded the way the client decodes it (the simulator gzips JSON for clients that accept it).
const dc = require('node:diagnostics_channel');
const zlib = require('node:zlib');
const { nowMs } = require('./common.cjs');

// By magic bytes: the simulator passes its headers to writeHead, which getHeader() does not see.
function decode(body) {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (buf[0] === 0x1f && buf[1] === 0x8b) return zlib.gunzipSync(buf).toString('utf8');
  if (buf[0] === 0x78 && (buf[0] * 256 + buf[1]) % 31 === 0) return zlib.inflateSync(buf).toString('utf8');
  return buf.toString('utf8');
}

/** Subscribe; returns `close()`. `taps`: [[urlPart, (text, at) => void], …]. */
function tap(taps) {
  const onStart = ({ request, response }) => {
    const hit = taps.find(([part]) => request.url.includes(part));
    if (!hit) return;
    const end = response.end;
    response.end = function tappedEnd(body, ...rest) {
      const at = nowMs();
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        let text;
        try {
          text = decode(body);
        } catch {
          text = ''; // a fault-mangled body
        }
        hit[1](text, at);
      }
      return end.call(this, body, ...rest);
    };
  };
  dc.subscribe('http.server.request.start', onStart);
  return () => dc.unsubscribe('http.server.request.start', onStart);
}

module.exports = { tap };
