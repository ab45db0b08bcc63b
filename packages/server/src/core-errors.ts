import { ServerError, type ServerErrorCode } from './errors';
import { scrub } from './views';

// The engine's codes that mean "your request", not "our bug", and what the API answers for them.
const FROM_CORE: Readonly<Record<string, ServerErrorCode>> = {
  WXBOT_UNKNOWN_CHAT: 'WXBOT_API_UNKNOWN_CHAT',
  WXBOT_INVALID_ARGUMENT: 'WXBOT_API_BAD_REQUEST',
  WXBOT_AVATAR_UNAVAILABLE: 'WXBOT_API_NOT_FOUND',
  WXBOT_NOT_ON_WEB: 'WXBOT_API_NOT_ON_WEB',
  WXBOT_NOT_RUNNING: 'WXBOT_API_NOT_LOGGED_IN',
};

/**
 * Runs an engine call for a route: a coded engine error about the request becomes the API's
 * coded error with the engine's message (which names the fix); anything else stays a 500.
 * @example return await fromCore(() => ctx.bot.avatar(id));
 */
export async function fromCore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === 'string' ? FROM_CORE[(err as { code: string }).code] : undefined;
    if (code) throw new ServerError(code, scrub((err as Error).message), { cause: err });
    throw err;
  }
}
