/// <reference path="../types/proxy-from-env.d.ts" />
import { getProxyForUrl } from 'proxy-from-env';
import { ProxyConfigError } from '../errors';

/** The variables proxy-from-env reads (lower case first), and the order we check them in. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'] as const;

/** A proxy URL with its password (if any) hidden, for messages. */
function redact(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//***@');
}

/**
 * Check one proxy URL and return it with a scheme (none means http://); throws
 * ProxyConfigError naming `variable`.
 */
export function checkProxyUrl(variable: string, value: string): string {
  const withScheme = value.includes('://') ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxyConfigError(variable, redact(value), 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(variable, redact(value), `unsupported proxy scheme ${url.protocol} (only http: and https: proxies are supported)`);
  }
  if (!url.hostname) throw new ProxyConfigError(variable, redact(value), 'no proxy host');
  return withScheme;
}

/**
 * Which proxy (if any) each request goes through.
 * - `proxy: 'http://…'`: that proxy for every host;
 * - `proxy: false`: none, whatever the environment says;
 * - not given: the environment, as curl and most tools read it: `HTTPS_PROXY` for https://
 *   targets, `HTTP_PROXY` for http://, `ALL_PROXY` for both, hosts in `NO_PROXY` directly.
 * Every value is checked when this is built, so a malformed one stops startup.
 */
export class ProxyChoice {
  private readonly explicit: string | false | undefined;
  // A bot talks to a handful of hosts: the answer is kept per origin.
  private readonly byOrigin = new Map<string, string | undefined>();

  constructor(proxy: string | false | undefined, env: NodeJS.ProcessEnv = process.env) {
    this.explicit = typeof proxy === 'string' ? checkProxyUrl('proxy', proxy) : proxy;
    if (this.explicit === undefined) {
      for (const name of PROXY_VARIABLES) {
        const value = env[name];
        if (value) checkProxyUrl(name, value);
      }
    }
  }

  /** The proxy URL for a request to `url`, or undefined to connect directly. */
  for(url: URL): string | undefined {
    if (this.explicit !== undefined) return this.explicit || undefined;
    const origin = `${url.protocol}//${url.host}`;
    if (this.byOrigin.has(origin)) return this.byOrigin.get(origin);
    const proxy = getProxyForUrl(url.href) || undefined;
    this.byOrigin.set(origin, proxy);
    return proxy;
  }
}
