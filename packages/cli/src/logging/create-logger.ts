import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/types';
import { CENSOR, REDACT_PATHS, redactUrl } from './redact-paths';
import { terminalSafe, terminalSafeValue } from './terminal-safe';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /** Human-readable lines instead of JSON. Default: stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go. Default stdout. */
  destination?: DestinationStream;
  /** Colours in pretty mode. Default: pretty output goes to a terminal stdout. */
  colorize?: boolean;
}

// Synchronous on purpose: a `fatal` logged just before process.exit() must reach the terminal,
// which neither a worker transport nor pino-pretty's async stream pipeline guarantees.
// JSON escapes control characters but pino-pretty prints them decoded: pretty lines get every
// string made terminal-safe first, so a nickname cannot drive the terminal. JSON lines stay exact.
function prettyDestination(out: DestinationStream, colorize: boolean): DestinationStream {
  // Loaded here, not at the top: JSON logs (a service, --no-pretty) never need it.
  const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const format = prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  const safe = (line: string): object | string => {
    try {
      return terminalSafeValue(JSON.parse(line)) as object;
    } catch {
      return terminalSafe(line);
    }
  };
  return { write: (line: string) => out.write(format(safe(line))) };
}

/**
 * Creates the one root logger of a wxbot process; everything else logs through
 * `logger.child({...})`. Secrets (skey, sid, uin, pass_ticket, cookies, tickets, `credentials.*`,
 * `BaseRequest.*`, also one level down) are replaced by `[redacted]` before any output, and secret
 * query parameters are censored in `url`/`uri` fields.
 * @example
 * const log = createLogger({ level: config.log.level, pretty: config.log.pretty });
 * log.child({ component: 'session' }).info({ uuid }, 'waiting for scan');
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const toStdout = options.destination === undefined;
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const colorize = options.colorize ?? (toStdout && process.stdout.isTTY === true);
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers: { url: redactUrl, uri: redactUrl },
    },
    pretty ? prettyDestination(out, colorize) : out,
  );
}
