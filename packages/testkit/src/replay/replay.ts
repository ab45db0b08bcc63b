import { readFile } from 'node:fs/promises';
import {
  applyBatch,
  ContactStore,
  createDispatcher,
  DedupeWindow,
  parseMessage,
  PluginHost,
  RECENT_ID_CAPACITY,
  WxbotError,
  type BotApi,
  type FriendRequestInfo,
  type Message,
  type Outgoing,
  type PluginEntry,
  type SentMessage,
} from '@wxbot/core/internals';
import type { SyncResponse, WireContact, WireUser } from '@wxbot/wire-types';
import pino, { type Logger } from 'pino';
import { describeOutgoing } from '../recorded-send';
import type { Reply } from '../types';
import { RECORDING_VERSION, type RecordingLine } from './recording';

/** One thing the plugins would have done: a reply (as in createTestBot), or an accepted friend request. */
export interface ReplayAction extends Reply {
  /** Set for what is not a message: `'accept-friend'` or `'reject-friend'` (then `to` is the requester's nickname). */
  action?: 'accept-friend' | 'reject-friend';
}

export interface ReplayOptions {
  /** The plugins, as in bot.config.ts (`wxbot replay` passes the config's). */
  plugins: readonly PluginEntry[];
  /** Where plugin logs go. Default: silent. */
  logger?: Logger;
}

export interface ReplayResult {
  /** Everything the plugins would have sent, in order. */
  readonly actions: ReplayAction[];
  /** Every message the plugins were given, parsed, in order. */
  readonly messages: Message[];
}

function invalid(file: string, line: number, problem: string): WxbotError {
  return new WxbotError('WXBOT_RECORDING_INVALID', `${file}:${line}: ${problem}; record it again with wxbot record --out FILE`, { file, line });
}

/** Reads and checks the lines of a recording. */
export async function readRecording(file: string): Promise<RecordingLine[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new WxbotError('WXBOT_RECORDING_INVALID', `${file}: cannot read the recording (${err.code ?? err.message})`, { file });
  });
  const lines = text.split('\n').flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    try {
      return [{ n: i + 1, line: JSON.parse(raw) as RecordingLine }];
    } catch {
      throw invalid(file, i + 1, 'not a JSON line');
    }
  });
  const head = lines[0]?.line;
  if (head?.type !== 'wxbot-recording') throw invalid(file, 1, 'expected the header {"type":"wxbot-recording",...}: this is not a wxbot recording');
  if (typeof head.version !== 'number' || head.version > RECORDING_VERSION) throw invalid(file, 1, `format version ${String(head.version)} is newer than this wxbot reads (${RECORDING_VERSION}); update wxbot`);
  let self = false;
  for (const { n, line } of lines.slice(1)) {
    if (line.type === 'contacts') self ||= line.self !== undefined;
    else if (line.type === 'sync') {
      if (!self) throw invalid(file, n, 'a sync line before the first contacts line with self');
    } else throw invalid(file, n, `unknown line type ${JSON.stringify((line as { type?: unknown }).type)}`);
  }
  return lines.map((l) => l.line);
}

/**
 * Feeds a recording (`wxbot record --out FILE`) through plugins in this process, offline, on
 * core's real receive path (applyBatch, parseMessage, PluginHost, the dispatcher): what they
 * would send comes back instead of being sent. A plugin's behaviour on a recorded day becomes a
 * regression test. Replies name chats as the address book does (remark, nickname or topic).
 * @example
 * const { actions } = await replay('test/fixtures/monday.jsonl', { plugins: [keyword({ rules })] });
 * expect(actions).toEqual(await readGolden('test/fixtures/monday.golden.jsonl'));
 */
export async function replay(file: string, options: ReplayOptions): Promise<ReplayResult> {
  const recording = await readRecording(file);
  const logger = options.logger ?? pino({ level: 'silent' });
  const store = new ContactStore();
  const actions: ReplayAction[] = [];
  const messages: Message[] = [];
  const nameOf = (id: string): string => store.group(id)?.name ?? store.contact(id)?.name ?? id;
  let sends = 0;
  // Loosely written (and cast), as the testkit's in-process bot: every action is recorded.
  const api = {
    contacts: store,
    async send(to: string, outgoing: Outgoing): Promise<SentMessage> {
      actions.push(describeOutgoing(nameOf(to), outgoing));
      sends += 1;
      return Object.freeze({ msgId: `replay-${sends}`, localId: `replay-${sends}`, to, sentAt: new Date() });
    },
    async acceptFriendRequest(request: FriendRequestInfo): Promise<void> {
      actions.push({ to: request.nickName, text: '', action: 'accept-friend' });
    },
    async download(): Promise<never> {
      throw new WxbotError('WXBOT_MEDIA_UNAVAILABLE', 'a replay has no media bytes (recordings keep none)');
    },
    async revoke(): Promise<void> {},
  };
  const bot = api as unknown as BotApi;
  const host = new PluginHost({ bot, logger });
  await host.load(options.plugins);
  const wantsSelf = host.chains.some((c) => c.includeSelf);
  const dispatcher = createDispatcher({ plugins: host.chains, bot, logger });
  const dedupe = new DedupeWindow(RECENT_ID_CAPACITY);
  try {
    for (const line of recording) {
      if (line.type === 'contacts') {
        if (line.self) {
          store.clear();
          store.setSelf(line.self as unknown as WireUser);
        }
        store.upsertMany(line.contacts as WireContact[]);
      } else if (line.type === 'sync') {
        const batch = applyBatch(line as unknown as SyncResponse, store, dedupe, logger);
        for (const change of batch.changes) await host.emit(change.name, change.event as never);
        for (const wire of batch.fresh) {
          if (!wantsSelf && (wire.FromUserName === store.self.id || wire.FromUserName === '')) continue;
          const message = parseMessage(wire, { selfId: store.self.id, contacts: store });
          messages.push(message);
          const request = message.friendRequest;
          if (message.kind === 'friend-request' && request) {
            const reject = async (): Promise<void> => {
              actions.push({ to: request.nickName, text: '', action: 'reject-friend' });
            };
            // ignore() sends nothing, so a replay records nothing for it either.
            await host.emit('friendship', { type: 'request', request, message, accept: () => api.acceptFriendRequest(request), reject, ignore: () => undefined });
          }
          await dispatcher.dispatch(message);
        }
      }
    }
  } finally {
    await host.dispose();
  }
  return { actions, messages };
}
