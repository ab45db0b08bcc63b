import type { Bot } from '@wxbot/core';
import type { Logger } from 'pino';
import type { ActionTable } from './action-table';
import type { EventHub } from './event-hub';
import type { QrRenderer } from './qr-image';
import type { RecentMessages } from './recent-messages';

/** What the routes share: the bot and the server's own bookkeeping. */
export interface ServerContext {
  readonly bot: Bot;
  readonly hub: EventHub;
  readonly actions: ActionTable;
  /** Received messages, by id, for forwards asked through the API. */
  readonly recent: RecentMessages;
  readonly qr: QrRenderer;
  readonly log: Logger;
  /** Names of the loaded plugins, as the CLI resolved them. */
  readonly plugins: () => readonly string[];
  readonly startedAt: number;
}
