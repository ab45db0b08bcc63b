import type { Bot, Message } from '@wxbot/core';

/** Received messages kept for `{ to, forward: <message id> }` (the ids the `message` events carry). */
const CAPACITY = 500;

/**
 * The last messages the bot received, by id, so a client of the API can forward one it saw in
 * the event stream or a webhook (`POST /api/messages` with `forward`). Memory only: ids are of
 * this process, and the server's copy of the media expires anyway.
 */
export class RecentMessages {
  private readonly messages = new Map<string, Message>();
  private readonly detach: () => void;

  constructor(bot: Bot) {
    const keep = (m: Message): void => {
      this.messages.delete(m.id);
      this.messages.set(m.id, m);
      if (this.messages.size > CAPACITY) this.messages.delete(this.messages.keys().next().value as string);
    };
    bot.on('message', keep);
    this.detach = () => bot.off('message', keep);
  }

  get(id: string): Message | undefined {
    return this.messages.get(id);
  }

  close(): void {
    this.detach();
  }
}
