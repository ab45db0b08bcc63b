import { WxbotError } from '@wxbot/core';

/** What the failure message may name: how the bot was trying to log in. */
export interface FailureContext {
  loginMode?: string;
  endpoint?: string | null;
}

interface CodedError {
  code: string;
  message: string;
  ret?: unknown;
  endpoint?: unknown;
}

// Protocol errors come from @wxbot/protocol, which the CLI does not import: they are known by
// their stable code (docs/errors.md), as a user's script would know them.
const coded = (error: unknown): CodedError | undefined => {
  const e = error as Partial<CodedError> | null;
  return e && typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string' ? (e as CodedError) : undefined;
};

const FIXES: Readonly<Record<string, (e: CodedError, c: FailureContext) => string>> = {
  WEBWX_LOGIN_REFUSED: (e, c) =>
    e.ret === 1203 && c.loginMode !== 'desktop'
      ? `WeChat refused the login (ret 1203): this account may not log in to Web WeChat. Fix: start with --login-mode desktop (or login: { mode: 'desktop' } in bot.config.ts, or WXBOT_LOGIN_MODE=desktop), which logs in as the desktop client; if that is refused too, use another account.`
      : `WeChat refused the login: ${e.message}. Fix: ${c.loginMode === 'desktop' ? 'this account may not log in here; use another account' : 'try --login-mode desktop, or another account'}.`,
  WEBWX_NETWORK: (e, c) =>
    `Could not reach ${c.endpoint ? `the server at ${c.endpoint}` : 'the WeChat servers'} (${e.message}), after retrying with backoff. Fix: ${c.endpoint ? 'check that a server listens at that address (--endpoint / WXBOT_ENDPOINT), or drop the setting to use the real servers' : 'check the network connection, proxy and firewall, then start again'}.`,
  WEBWX_HTTP_STATUS: (e) => `The WeChat server kept failing (${e.message}), after retrying with backoff. Fix: wait a few minutes and start again.`,
};

/** An error of the webwx protocol layer (code `WEBWX_*`), as opposed to a config error or a bug. */
export const isProtocolFailure = (error: unknown): boolean => coded(error)?.code.startsWith('WEBWX_') === true;

/**
 * The one paragraph `wxbot` prints when a command fails: what went wrong, the fix, and the
 * stable code (listed in docs/errors.md), never a stack trace. Errors without a code (bugs)
 * keep their stack, which is what a bug report needs.
 * @example
 * process.stderr.write(describeFailure(err, { loginMode: 'web' }));
 * // wxbot: WeChat refused the login (ret 1203): ... --login-mode desktop ... [WEBWX_LOGIN_REFUSED]
 */
export function describeFailure(error: unknown, context: FailureContext = {}): string {
  if (error instanceof WxbotError) return `wxbot: ${error.message} [${error.code}]\n`;
  const e = coded(error);
  if (e && e.code.startsWith('WEBWX_')) {
    const text = FIXES[e.code]?.(e, context) ?? `${e.message}. See docs/errors.md for the cause and the fix.`;
    return `wxbot: ${text} [${e.code}]\n`;
  }
  return `wxbot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
}
