/** Query parameters of a request; `undefined` values are left out. */
export type Query = Record<string, string | number | undefined>;

/**
 * encodeURIComponent, then `:` `$` `,` back to plain and spaces as `+`: the exact form axios
 * put on the wire before, which the simulator and the real server have been parsing
 * (`synckey=1_2%7C3_4`, `skey=%40crypt_...`, `sid=a+b`).
 */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%3A/g, ':').replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%20/g, '+');
}

/** `?a=1&b=2` to append to a path (`&a=1...` when it has a query already), or '' when nothing is left. */
export function serializeQuery(query: Query | undefined, hasQuery: boolean): string {
  if (!query) return '';
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out || hasQuery ? '&' : '?'}${encode(key)}=${encode(String(value))}`;
  }
  return out;
}

/** Request target (path and query) of `url` with `query` appended; the fragment is dropped. */
export function requestPath(url: URL, query: Query | undefined): string {
  return url.pathname + url.search + serializeQuery(query, url.search !== '');
}
