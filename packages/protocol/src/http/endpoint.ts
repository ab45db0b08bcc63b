import net from 'node:net';
import type { buildConnector } from 'undici';

/** Where `WXBOT_ENDPOINT` points: every connection goes here over plain HTTP. */
export interface EndpointTarget {
  host: string;
  port: number;
}

/** Parse `http://HOST:PORT` into a target; throws a clear error for anything else. */
export function parseEndpoint(endpoint: string): EndpointTarget {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`WXBOT_ENDPOINT must look like http://127.0.0.1:8080, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' || !url.hostname) {
    throw new Error(`WXBOT_ENDPOINT must be a plain http://HOST:PORT address, got ${JSON.stringify(endpoint)}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : 80 };
}

/**
 * An undici connector that opens a plain TCP connection to `target` whatever origin it is
 * asked for. The request itself (origin, path, Host header, cookies) stays that of the real
 * `https://` host, so the cookie jar, Referer and host selection behave exactly as against the
 * real servers; only the bytes go elsewhere (to the simulator).
 */
export function endpointConnector(target: EndpointTarget): buildConnector.connector {
  return (_options, callback) => {
    const socket = net.connect({ host: target.host, port: target.port });
    // Small request/response pairs: Nagle would add a round trip of latency to each.
    socket.setNoDelay(true);
    // TCP probes notice a peer that vanished under an idle pooled connection (as undici's own connector does).
    socket.setKeepAlive(true, 60_000);
    const onError = (err: Error): void => callback(err, null);
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      callback(null, socket);
    });
  };
}
