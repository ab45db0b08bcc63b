// proxy-from-env ships no types. Its one export: the proxy for a URL per *_PROXY / NO_PROXY, or ''.
declare module 'proxy-from-env' {
  export function getProxyForUrl(url: string | URL): string;
}
