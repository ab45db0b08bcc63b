import { WxbotError } from '../errors/wxbot-error';
import type { ContactDirectory } from '../contacts/types';
import type { Message } from '../message/types';
import type { Middleware } from '../pipeline/types';
import type { PluginEntry } from './plugin-host';
import type { PluginApi, PluginDefinition, PluginEventName, PluginInstance } from './types';

/** Where a canary plugin may act: chats named by group topic, remark, nickname, alias or UserName. */
export interface CanaryOptions {
  readonly chats: readonly string[];
}

/** The names a chat answers to (UserNames change at every login, names do not). */
function chatNames(id: string, contacts: ContactDirectory): string[] {
  const group = contacts.group(id);
  if (group) return [id, group.topic, group.name];
  const c = contacts.contact(id);
  return c ? [id, c.name, c.nickName, c.remarkName, c.alias] : [id];
}

function asInstance(entry: PluginEntry): PluginInstance {
  if (typeof entry === 'function' && 'definition' in entry) return entry();
  if ('definition' in entry) return entry as PluginInstance;
  if (typeof entry.name === 'string' && typeof entry.setup === 'function') return { definition: entry as PluginDefinition<unknown>, rawOptions: undefined };
  throw new WxbotError('WXBOT_UNKNOWN_PLUGIN', 'canary() expects a plugin: what definePlugin() returns, called or not');
}

/** The chat an event happens in: the group of room events, the contact of contact events. */
function eventChat(name: PluginEventName, event: unknown): string | undefined {
  const e = event as { room?: { id?: string }; contact?: { id?: string }; request?: { userName?: string } } | undefined;
  if (name === 'room-join' || name === 'room-leave' || name === 'room-topic') return e?.room?.id;
  if (name === 'contact' || name === 'friendship') return e?.contact?.id ?? e?.request?.userName;
  return undefined; // login, logout: not about a chat; the plugin gets them as usual
}

/**
 * Runs a plugin as a canary: its middleware and chat events act only in the listed chats; in
 * every other chat its middleware passes the message on (`next()`), as if it were not loaded,
 * and its chat event listeners are not called. The plugin keeps its name, options and storage.
 * @example
 * plugins: [canary(autoReply({ rules }), { chats: ['Dev Team', 'Alice'] }), echo()]
 */
export function canary(entry: PluginEntry, options: CanaryOptions): PluginInstance {
  const chats = options?.chats;
  if (!Array.isArray(chats) || chats.length === 0 || !chats.every((c) => typeof c === 'string' && c !== '')) {
    throw new WxbotError('WXBOT_INVALID_ARGUMENT', `canary needs { chats: [...] } with at least one chat name (a group topic, remark or nickname), got ${JSON.stringify(options)}`);
  }
  const listed = new Set(chats);
  const { definition, rawOptions } = asInstance(entry);
  const allowed = (id: string | undefined, contacts: ContactDirectory): boolean => id !== undefined && chatNames(id, contacts).some((n) => n !== '' && listed.has(n));
  const gate =
    (middleware: Middleware): Middleware =>
    (ctx, next) =>
      allowed((ctx.message as Message).chat.id, ctx.bot.contacts) ? middleware(ctx, next) : next();
  const setup = (api: PluginApi, opts: unknown) => {
    const gated: PluginApi = {
      ...api,
      use: (mw) => api.use(gate(mw)),
      on: (filter, mw) => api.on(filter, gate(mw as Middleware) as typeof mw),
      hears: (pattern, mw) => api.hears(pattern, gate(mw as Middleware) as typeof mw),
      onEvent: (name, listener) =>
        api.onEvent(name, ((...args: unknown[]) => {
          const chat = eventChat(name, args[0]);
          if (name === 'login' || name === 'logout' || allowed(chat, api.bot.contacts)) return (listener as (...a: unknown[]) => unknown)(...args);
          return undefined;
        }) as typeof listener),
    };
    return definition.setup(gated, opts);
  };
  return Object.freeze({ definition: { ...definition, setup } as PluginDefinition<unknown>, rawOptions });
}
