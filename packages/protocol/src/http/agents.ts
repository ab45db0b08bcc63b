import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { EndpointAgent, type EndpointTarget } from './endpoint';
import type { ProxyChoice } from './proxy';

/** Certificates to trust besides Node's bundled roots (a TLS-inspecting proxy, tests). */
export type TrustedCa = string | Buffer | ReadonlyArray<string | Buffer>;

// The bot talks to a handful of hosts (login, main, webpush, file); 16 per host leaves room
// for a burst of sends and uploads beside the long poll without opening a socket per request.
const MAX_SOCKETS_PER_HOST = 16;
// How long an idle pooled connection is kept. Node's agent would keep it until the server
// closes it; a bound frees sockets after a quiet spell, 30 s keeps them through the pauses
// of a conversation (each new one costs a TLS handshake against the real servers).
const IDLE_SOCKET_MS = 30_000;
// TCP probes notice a peer that vanished under an idle pooled connection.
const TCP_KEEPALIVE_MS = 60_000;

/**
 * The keep-alive agents of one client, and which one carries a request: the override agent
 * when `WXBOT_ENDPOINT` is set (no proxy: the override is a local address), else a proxy
 * agent when the ProxyChoice names one for the host (https:// targets through a CONNECT
 * tunnel, http:// targets as absolute-form requests to the proxy), else a direct agent.
 * Every agent pools connections per host, so keep-alive holds through a proxy too.
 */
export class TransportAgents {
  private readonly common: http.AgentOptions;
  private readonly direct = new Map<'http:' | 'https:', http.Agent>();
  private readonly viaProxy = new Map<string, http.Agent>();

  constructor(
    private readonly target: EndpointTarget | undefined,
    private readonly proxies: ProxyChoice,
    private readonly ca: TrustedCa | undefined,
  ) {
    this.common = { keepAlive: true, keepAliveMsecs: TCP_KEEPALIVE_MS, maxSockets: MAX_SOCKETS_PER_HOST, timeout: IDLE_SOCKET_MS };
  }

  /** The agent for a request to `url` (created on first use, then reused). */
  agentFor(url: URL): http.Agent {
    const protocol = url.protocol === 'http:' ? 'http:' : 'https:';
    if (this.target) return this.directAgent(protocol);
    const proxy = this.proxies.for(url);
    if (proxy === undefined) return this.directAgent(protocol);
    const key = `${protocol} ${proxy}`;
    let agent = this.viaProxy.get(key);
    if (!agent) {
      agent = protocol === 'https:' ? new HttpsProxyAgent(proxy, this.common) : new HttpProxyAgent(proxy, this.common);
      // The proxy agents clear `options`, which Node merges into every request's options and
      // so into the tunnelled TLS connection to the target: put back the target's CA and the
      // idle-socket timeout (keepAlive and maxSockets are fields, they survive).
      Object.assign((agent as unknown as { options: object }).options, { timeout: IDLE_SOCKET_MS }, this.tls());
      this.viaProxy.set(key, agent);
    }
    return agent;
  }

  /** Close every pooled connection, in use or idle (a request in flight fails at once). */
  destroy(): void {
    for (const agent of [...this.direct.values(), ...this.viaProxy.values()]) agent.destroy();
    this.direct.clear();
    this.viaProxy.clear();
  }

  private secureContext: tls.SecureContext | undefined;

  /**
   * The TLS options of connections to https:// hosts: Node's defaults, or with `ca` one secure
   * context (built once, not per connection) trusting Node's roots and `ca` (a bare `ca` option
   * would replace the roots).
   */
  private tls(): https.AgentOptions {
    if (this.ca === undefined) return {};
    this.secureContext ??= tls.createSecureContext({ ca: [...tls.rootCertificates, ...(typeof this.ca === 'string' || Buffer.isBuffer(this.ca) ? [this.ca] : this.ca)] });
    return { secureContext: this.secureContext };
  }

  private directAgent(protocol: 'http:' | 'https:'): http.Agent {
    let agent = this.direct.get(protocol);
    if (!agent) {
      if (this.target) agent = new EndpointAgent({ ...this.common, target: this.target, protocol });
      else if (protocol === 'https:') agent = new https.Agent({ ...this.common, ...this.tls() });
      else agent = new http.Agent(this.common);
      this.direct.set(protocol, agent);
    }
    return agent;
  }
}
