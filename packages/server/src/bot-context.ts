import type { Bot, StateStore } from '@wxbot/core';
import type { Logger } from 'pino';
import { ActionTable } from './action-table';
import type { ServerContext } from './context';
import { EventHub } from './event-hub';
import type { QrRenderer } from './qr-image';
import { RecentMessages } from './recent-messages';
import { startWebhooks, type WebhookConfig } from './webhooks';

/** One bot's share of a control server, from {@link openBotContext}. */
export interface OpenBotContext {
  readonly ctx: ServerContext;
  /** Ends its event streams, flushes its webhook queue, lets go of the bot's events. */
  close(): Promise<void>;
}

/**
 * What a server keeps for one bot: its event hub, recent messages, API sends, event streams and
 * webhook deliveries (in `store` when given, so they move with a fleet account; else in a file of
 * the bot's home). `account` names it in webhook payloads and logs on a fleet server.
 * @example const { ctx, close } = await openBotContext({ bot, log, qr: new QrRenderer(), qrPath: '/api/qr' });
 */
export async function openBotContext(options: {
  bot: Bot;
  log: Logger;
  qr: QrRenderer;
  /** Where the QR warning sends people: `/api/qr`, or `/api/accounts/NAME/qr`. */
  qrPath: string;
  plugins?: (() => readonly string[]) | undefined;
  hooks?: readonly WebhookConfig[] | undefined;
  store?: StateStore | undefined;
  account?: string | undefined;
}): Promise<OpenBotContext> {
  const { bot, log } = options;
  const hub = new EventHub(bot);
  const recent = new RecentMessages(bot);
  const ctx: ServerContext = { bot, hub, actions: new ActionTable(), recent, qr: options.qr, log, plugins: options.plugins ?? (() => []), startedAt: Date.now(), streams: new Set() };
  // A scan nobody sees is the 3 a.m. failure this server exists for: say it loudly, with where to look.
  const stopQrWarning = hub.subscribe((event) => {
    if (event.type === 'qr') log.warn({ uuid: (event.data as { uuid: string }).uuid }, `a scan is needed to log in${options.account ? ` account ${options.account}` : ''}: open the web console or GET ${options.qrPath}`);
  });
  const webhooks = await startWebhooks({ ctx, hooks: options.hooks ?? [], home: bot.home, store: options.store, account: options.account }).catch((err: unknown) => {
    stopQrWarning();
    hub.close();
    recent.close();
    throw err;
  });
  return {
    ctx,
    async close() {
      for (const end of [...ctx.streams]) end();
      await webhooks.close();
      stopQrWarning();
      hub.close();
      recent.close();
    },
  };
}
