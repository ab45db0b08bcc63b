// Every key under which a webwx secret can travel (docs/protocol.md §3.1 BaseRequest, §3.4 cookies,
// §4.4 newloginpage credentials), in each spelling seen on the wire and in our camelCase types.
// Path redaction is exact-case, hence the variants.
const SECRET_KEYS = [
  'skey', 'Skey', 'SKey',
  'pass_ticket', 'passTicket',
  'wxsid', 'sid', 'Sid',
  'wxuin', 'uin', 'Uin',
  'cookie', 'cookies', 'Cookie', 'set-cookie', 'Set-Cookie',
  'webwx_data_ticket', 'dataTicket', 'webwx_auth_ticket', 'authTicket', 'webwxuvid',
  // The login ticket (and the redirect URL carrying it) can be exchanged for a session for minutes.
  'ticket', 'redirect_uri', 'redirectUri',
] as const;

// Containers whose every value is secret.
const SECRET_OBJECTS = ['credentials', 'BaseRequest', 'baseRequest'] as const;

const HEADER_KEYS = ['cookie', 'Cookie', 'set-cookie', 'Set-Cookie'] as const;

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

const atTopAndOneDown = (path: string): string[] => [path.replace(/^\./, ''), `*${path}`];

/**
 * pino `redact.paths` for every place a secret may appear, at the top of a log object and one level
 * down (`{ session: { skey } }`, `{ req: { headers: { cookie } } }`).
 * @example
 * pino({ redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } });
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((name) => atTopAndOneDown(key(name))),
  ...SECRET_OBJECTS.flatMap((name) => atTopAndOneDown(`${key(name)}.*`)),
  ...HEADER_KEYS.flatMap((name) => atTopAndOneDown(`.headers${key(name)}`)),
];

/** What replaces a redacted value. */
export const CENSOR = '[redacted]';

const SECRET_QUERY = /([?&](?:skey|sid|uin|pass_ticket|ticket|wxsid|wxuin|webwx_data_ticket)=)[^&#]*/gi;

/**
 * Censors secret query parameters in a URL string (`synccheck?skey=...&sid=...`), which path-based
 * redaction cannot reach. Used as the pino serializer for `url` and `uri`.
 * @example
 * redactUrl('https://wx.qq.com/x?skey=@crypt_1&r=2'); // 'https://wx.qq.com/x?skey=[redacted]&r=2'
 */
export const redactUrl = (url: unknown): unknown => (typeof url === 'string' ? url.replace(SECRET_QUERY, `$1${CENSOR}`) : url);
