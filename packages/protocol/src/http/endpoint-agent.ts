import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { createCookieAgent } from 'http-cookie-agent/http';

/** Where `WXBOT_ENDPOINT` points: every connection goes here over plain HTTP. */
export interface EndpointTarget {
  host: string;
  port: number;
}

/**
 * An agent for `https:` URLs that opens a plain TCP connection to a fixed address.
 * The request itself (path, query, Host header, cookies) is built for the real host,
 * so the cookie jar, Referer and host selection behave exactly as against the real
 * servers; only the bytes go elsewhere (to the simulator).
 */
export class EndpointAgent extends http.Agent {
  private readonly target: EndpointTarget;

  constructor(options: http.AgentOptions & { target: EndpointTarget; protocol: 'http:' | 'https:' }) {
    super(options);
    this.target = options.target;
    // Node's ClientRequest checks the URL's protocol against the agent's.
    (this as unknown as { protocol: string }).protocol = options.protocol;
    (this as unknown as { defaultPort: number }).defaultPort = options.protocol === 'https:' ? 443 : 80;
  }

  override createConnection(): net.Socket {
    const socket = net.createConnection({ host: this.target.host, port: this.target.port });
    socket.setNoDelay(true);
    return socket;
  }
}

const CookieEndpointAgent = createCookieAgent(EndpointAgent);
const CookieHttpsAgent = createCookieAgent(https.Agent);
const CookieHttpAgent = createCookieAgent(http.Agent);

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

export interface CookieAgents {
  httpAgent: http.Agent;
  httpsAgent: http.Agent;
}

/**
 * Agents that read and write `jar` for every request, keyed on the real URL.
 * We build them with http-cookie-agent (the library axios-cookiejar-support wraps)
 * because axios-cookiejar-support refuses custom agents, and the endpoint override
 * needs one.
 */
export function createCookieAgents(jar: unknown, endpoint: EndpointTarget | undefined): CookieAgents {
  const common = { keepAlive: true, maxSockets: 16, cookies: { jar } } as const;
  if (endpoint) {
    return {
      httpsAgent: new CookieEndpointAgent({ ...common, target: endpoint, protocol: 'https:' } as never),
      httpAgent: new CookieEndpointAgent({ ...common, target: endpoint, protocol: 'http:' } as never),
    };
  }
  return {
    httpsAgent: new CookieHttpsAgent(common as never),
    httpAgent: new CookieHttpAgent(common as never),
  };
}
