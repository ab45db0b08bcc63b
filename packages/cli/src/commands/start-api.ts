import type { Bot, PluginEntry, StateStore } from '@wxbot/core';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config';
import { CliError } from './cli-error';

/** The running control server, as `wxbot start` holds it. */
export interface ApiHandle {
  readonly url: string;
  close(): Promise<void>;
}

/** The API, loaded and ready to start once the bot exists. */
export interface PreparedApi {
  /** Put first in the bot's plugins: it times the others for `/metrics`. */
  readonly timingPlugin: PluginEntry;
  /** `store`: the bot's Redis state store, where webhook deliveries wait (default: a file in the home). */
  start(bot: Bot, store?: StateStore): Promise<ApiHandle>;
}

/**
 * Loads `@wxbot/server`. It is imported here, only when the config asks for the API: a bot without
 * it never loads Fastify. `start` prints `control API listening on http://HOST:PORT`, and the console
 * URL with the token once, when the token was just generated.
 */
export async function prepareApi(options: {
  api: NonNullable<ResolvedConfig['api']>;
  webhooks: ResolvedConfig['webhooks'];
  plugins: () => readonly string[];
  write(text: string): void;
  logger: Logger;
}): Promise<PreparedApi> {
  const { startControlServer, ServerError, HandlerTimer } = await import('@wxbot/server');
  const timer = new HandlerTimer();
  return {
    timingPlugin: timer.plugin,
    async start(bot, store) {
      try {
        const server = await startControlServer({
          bot,
          port: options.api.port,
          host: options.api.host,
          token: options.api.token,
          webhooks: options.webhooks,
          ...(store ? { store } : {}),
          plugins: options.plugins,
          logger: options.logger,
          handlerTimer: timer,
        });
        options.write(`control API listening on ${server.url}\n`);
        if (server.token.source === 'generated') options.write(`web console (the token is saved in ${bot.home}/api-token): ${server.consoleUrl}\n`);
        else options.write(`web console: ${server.url}/ (token: ${server.token.source === 'stored' ? `${bot.home}/api-token` : 'api.token or WXBOT_API_TOKEN'})\n`);
        return server;
      } catch (err) {
        if (err instanceof ServerError) throw new CliError(`${err.message} [${err.code}]`);
        throw err;
      }
    },
  };
}
