import http from 'node:http';
import net from 'node:net';

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
 * A keep-alive agent that opens a plain TCP connection to `target` whatever host a request
 * names. The request itself (URL, Host header, cookies) stays that of the real `https://`
 * host, so the cookie jar, Referer and host selection behave exactly as against the real
 * servers; only the bytes go elsewhere (to the simulator). Pools stay per real host (the
 * agent's key is the request's host), as they would against the real servers.
 */
export class EndpointAgent extends http.Agent {
  private readonly target: EndpointTarget;

  constructor(options: http.AgentOptions & { target: EndpointTarget; protocol: 'http:' | 'https:' }) {
    const { target, protocol, ...agentOptions } = options;
    super(agentOptions);
    this.target = target;
    // Node's ClientRequest checks the URL's protocol against the agent's: an https:// URL needs
    // an agent that says https:, though the bytes it carries are plain.
    Object.assign(this, { protocol, defaultPort: protocol === 'https:' ? 443 : 80 });
  }

  override createConnection(): net.Socket {
    const socket = net.connect({ host: this.target.host, port: this.target.port });
    // Small request/response pairs: Nagle would add a round trip of latency to each.
    socket.setNoDelay(true);
    // TCP probes notice a peer that vanished under an idle pooled connection.
    socket.setKeepAlive(true, 60_000);
    return socket;
  }
}
