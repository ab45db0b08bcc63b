import { parseArgs } from 'node:util';
import type { ConfigFlags } from '../config';

/** Parsed `wxbot start` arguments. */
export interface StartArgs {
  configPath: string | undefined;
  sim: boolean;
  /** Reload the plugins when their files or the config change. */
  watch: boolean;
  /** Chat with the bot in the terminal (implies --sim). */
  chat: boolean;
  flags: ConfigFlags;
}

/** Thrown for bad command-line input; the CLI prints it with the usage. */
export class UsageError extends Error {}

export const START_USAGE = `Usage: wxbot start [options]

  --config FILE        use this config file (default: search for bot.config.ts, .wxbotrc, ...)
  --sim                run against the built-in webwx simulator (no WeChat account needed)
  --chat               chat with the bot in this terminal (implies --sim; same as wxbot dev)
  --watch              reload the plugins when a plugin file or the config changes (stays logged in)
  --home DIR           session directory (env WXBOT_HOME, default ./.wxbot)
  --endpoint URL       send all requests to http://HOST:PORT (env WXBOT_ENDPOINT)
  --proxy URL          reach the real hosts through this proxy (default: HTTPS_PROXY, HTTP_PROXY, NO_PROXY)
  --store URL          keep the state in Redis: redis://HOST:PORT/DB (env WXBOT_STORE; default <home>/state.log)
  --account NAME       the account's name in that Redis (env WXBOT_ACCOUNT, default "default")
  --login-mode MODE    web | desktop (env WXBOT_LOGIN_MODE)
  --no-resume          do not reuse the saved session
  --log-level LEVEL    trace | debug | info | warn | error | fatal | silent (env WXBOT_LOG_LEVEL)
  --pretty, --no-pretty  human-readable or JSON logs (default: pretty in a terminal)
  --no-limits          no pacing, typing delays or default text/media caps (tests, benchmarks; env WXBOT_LIMITS=off)
  --time-zone TZ       time zone of quiet hours and daily caps, e.g. Asia/Shanghai (env WXBOT_TIME_ZONE)
  --quiet-hours H-H    send nothing in this window, e.g. 23:00-07:00, or off (env WXBOT_QUIET_HOURS)
  --skip-older-than MS do not handle messages older than this when they arrive (env WXBOT_SKIP_OLDER_THAN_MS)
  --dry-run            run every plugin but send nothing: log each would-be reply (mode: 'dry-run')
  --api [PORT]         serve the control API, web console and metrics (default port: api.port, else 8720;
                       0 = any free port; token: env WXBOT_API_TOKEN, api.token, or <home>/api-token)`;

/**
 * `--api` takes an optional port, which node:util's parseArgs cannot express: a bare `--api` (last,
 * or followed by another option) becomes `--api=default`.
 */
export function withApiValue(argv: readonly string[]): string[] {
  return argv.map((arg, i) => (arg === '--api' && !/^\d+$/.test(argv[i + 1] ?? '') ? '--api=default' : arg));
}

export function apiFlag(value: string | undefined): number | 'default' | undefined {
  if (value === undefined || value === 'default') return value;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--api expects a port number from 0 (any free port) to 65535, got ${JSON.stringify(value)}`);
  return port;
}

export function parseStartArgs(argv: readonly string[]): StartArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: withApiValue(argv),
      allowNegative: true,
      options: {
        config: { type: 'string' },
        sim: { type: 'boolean' },
        chat: { type: 'boolean' },
        watch: { type: 'boolean' },
        home: { type: 'string' },
        endpoint: { type: 'string' },
        proxy: { type: 'string' },
        store: { type: 'string' },
        account: { type: 'string' },
        'login-mode': { type: 'string' },
        resume: { type: 'boolean' },
        'log-level': { type: 'string' },
        pretty: { type: 'boolean' },
        api: { type: 'string' },
        limits: { type: 'boolean' },
        'time-zone': { type: 'string' },
        'quiet-hours': { type: 'string' },
        'skip-older-than': { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  return {
    configPath: v.config,
    sim: v.sim === true || v.chat === true,
    watch: v.watch === true,
    chat: v.chat === true,
    flags: { home: v.home, endpoint: v.endpoint, proxy: v.proxy, store: v.store, account: v.account, loginMode: v['login-mode'], resume: v.resume, logLevel: v['log-level'], pretty: v.pretty, api: apiFlag(v.api), limits: v.limits, timeZone: v['time-zone'], quietHours: v['quiet-hours'], skipOlderThan: v['skip-older-than'], dryRun: v['dry-run'] },
  };
}
