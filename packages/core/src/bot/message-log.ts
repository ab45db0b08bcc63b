import type { Logger } from 'pino';
import type { ContactDirectory } from '../contacts/types';
import type { Message } from '../message/types';

/** Longest excerpt of a text in a message line; the rest is cut with an ellipsis. */
const EXCERPT = 60;

/** A text as one short line: whitespace folded, cut at {@link EXCERPT} characters. */
export function excerpt(text: string, max = EXCERPT): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The lines a person watching the bot reads (`BotOptions.logMessages`): one info line per
 * incoming message the plugins handle and one per action carried out, with the chat, the
 * sender, the kind and a short excerpt; never ids of the session beyond the chat's UserName.
 */
export class MessageLog {
  constructor(
    private readonly contacts: ContactDirectory,
    private readonly log: Logger,
  ) {}

  incoming(m: Message): void {
    const from = m.isGroup ? `${m.sender.name || '?'} in ${m.chat.name}` : m.chat.name;
    const what = m.kind === 'text' ? excerpt(m.text) : `[${m.kind}]`;
    this.log.info({ chat: m.chat.name, from: m.sender.name, kind: m.kind, msgId: m.id }, `<- ${from}: ${what}`);
  }

  sent(kind: string, payload: unknown): void {
    const p = (payload ?? {}) as Record<string, unknown>;
    const id = String(p['to'] ?? p['room'] ?? p['userName'] ?? '');
    let to = id;
    try {
      to = this.contacts.group(id)?.name ?? this.contacts.contact(id)?.name ?? id;
    } catch {
      // Before webwxinit the store has no self: the UserName will do.
    }
    const what = kind === 'text' ? excerpt(String(p['text'] ?? '')) : kind.startsWith('send-') ? `[${kind.slice(5)}] ${String(p['name'] ?? '')}` : `[${kind}]`;
    this.log.info({ chat: to, kind }, `-> ${to}: ${what}`);
  }
}
