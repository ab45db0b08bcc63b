import type { Bot } from '@wxbot/core';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config';
import { CliError } from './cli-error';

/** The running control server, as `wxbot start` holds it. */
export interface ApiHandle {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts `@wxbot/server` for the bot. The package is loaded here, only when the config asks for the
 * API: a bot without it never loads Fastify. Prints `control API listening on http://HOST:PORT`, and
 * the console URL with the token once, when the token was just generated.
 */
export async function startApi(options: {
  bot: Bot;
  api: NonNullable<ResolvedConfig['api']>;
  webhooks: ResolvedConfig['webhooks'];
  plugins: () => readonly string[];
  write(text: string): void;
  logger: Logger;
}): Promise<ApiHandle> {
  const { startControlServer, ServerError } = await import('@wxbot/server');
  try {
    const server = await startControlServer({
      bot: options.bot,
      port: options.api.port,
      host: options.api.host,
      token: options.api.token,
      webhooks: options.webhooks,
      plugins: options.plugins,
      logger: options.logger,
    });
    options.write(`control API listening on ${server.url}\n`);
    if (server.token.source === 'generated') options.write(`web console (the token is saved in ${options.bot.home}/api-token): ${server.consoleUrl}\n`);
    else options.write(`web console: ${server.url}/ (token: ${server.token.source === 'stored' ? `${options.bot.home}/api-token` : 'api.token or WXBOT_API_TOKEN'})\n`);
    return server;
  } catch (err) {
    if (err instanceof ServerError) throw new CliError(`${err.message} [${err.code}]`);
    throw err;
  }
}
