import { canRevoke, RevokeExpiredError } from '@wxbot/protocol';
import type { ContactStore } from '../contacts/contact-store';
import { downloadMedia, downloadMediaTo } from '../media/download-media';
import type { MediaStash } from '../media/media-stash';
import { stageMedia } from '../media/stage-media';
import type { FriendRequestInfo, Message } from '../message/types';
import type { Outbox } from '../outbox/types';
import { isCardOutgoing, isLinkOutgoing, isMediaOutgoing, mediaKindOf } from '../pipeline/outgoing';
import { fetchAvatar } from '../media/avatar';
import type { Avatar, AvatarOptions, BotApi, DownloadedMedia, DownloadOptions, FriendActions, Outgoing, OutgoingMedia, RoomActions, SentMessage } from '../pipeline/types';
import type { LiveSession } from '../session/bring-up';
import { fetchByUserName } from '../session/contact-loader';
import { submitTo, type Submit } from './action-kinds';
import { friendActions, roomActions } from './bot-actions';
import { FriendRequestBook } from './friend-requests';
import { revokeExpired } from './bot-errors';
import { forwardPayloadOf } from './forward';
import { withMentions } from './mentions-out';
import { cardUnsupported, linkPayloadOf } from './send-link';
import { normaliseOutgoing, toSentMessage } from './sender';

export interface SendsDeps {
  outbox: Outbox;
  contacts: ContactStore;
  /** Where media to send is staged (so a queued send holds no buffer and survives a restart). */
  home: string;
  /** The live session, or WXBOT_NOT_RUNNING naming `what` (the one "is the bot running" check). */
  live(what: string): LiveSession;
  /** The session if there is one (queued actions need no running bot). */
  session(): LiveSession | undefined;
  /** Where media bytes wait for their send besides the staged file (BotOptions.mediaStash). */
  stash?: MediaStash | undefined;
  /** download() refuses media above this many bytes (default: the media module's). */
  maxDownloadBytes?: number | undefined;
}

/**
 * Everything the bot sends or fetches on request: texts (with mentions), media, revokes,
 * downloads, friend and group operations. Every outgoing action goes through the outbox, via a
 * Submit: the bot's own adds nothing; a message's (`scoped`) adds the idempotency keys.
 */
export class Sends {
  readonly friends: FriendActions;
  readonly rooms: RoomActions;
  /** The friend requests of this session (`friends.pending()`); emptied at every login. */
  readonly requests = new FriendRequestBook();
  private readonly submit: Submit;

  constructor(private readonly d: SendsDeps) {
    this.submit = submitTo(d.outbox);
    this.friends = friendActions(this.actionDeps(this.submit));
    this.rooms = roomActions(this.actionDeps(this.submit));
  }

  /** A friend request arrived: remember it as pending; what its `friendship` event can do with it. */
  friendRequest(request: FriendRequestInfo): { accept(): Promise<void>; reject(): Promise<void>; ignore(): void } {
    this.requests.add(request);
    return { accept: () => this.friends.accept(request), reject: () => this.friends.reject(request), ignore: () => this.friends.ignore(request) };
  }

  /** Send text or media to a chat by UserName; resolves once the server accepted it. */
  async send(to: string, outgoing: Outgoing, submit: Submit = this.submit): Promise<SentMessage> {
    this.d.live('send');
    if (isMediaOutgoing(outgoing)) return this.sendMedia(submit, to, outgoing);
    if (isCardOutgoing(outgoing)) throw cardUnsupported();
    if (isLinkOutgoing(outgoing)) {
      const payload = linkPayloadOf(outgoing.to ?? to, outgoing.link);
      return toSentMessage(await submit({ kind: 'send-link', key: payload.to, payload }));
    }
    const { to: target, text } = normaliseOutgoing(to, outgoing);
    const mentions = typeof outgoing === 'object' ? outgoing.mentions : undefined;
    const payload = mentions?.length ? withMentions(this.d.contacts, target, text, mentions) : { to: target, text };
    // After a crash the outbox may answer with the saved JSON copy of the outcome: rebuild it.
    return toSentMessage(await submit({ kind: 'text', key: target, payload }));
  }

  /** Revoke a message this bot sent, within the server's 2-minute window. */
  async revoke(sent: SentMessage, submit: Submit = this.submit): Promise<void> {
    if (!canRevoke(sent.localId)) throw revokeExpired(sent);
    try {
      await submit({ kind: 'revoke', key: sent.to, payload: { svrMsgId: sent.msgId, localId: sent.localId, to: sent.to } });
    } catch (err) {
      throw err instanceof RevokeExpiredError || (err as { cause?: unknown }).cause instanceof RevokeExpiredError ? revokeExpired(sent) : err;
    }
  }

  /** Forward a received message as the web client does (bot/forward.ts); refusals are coded errors. */
  async forward(message: Message, to: string, submit: Submit = this.submit): Promise<SentMessage> {
    this.d.live('forward');
    const payload = forwardPayloadOf(message, to);
    return toSentMessage(await submit({ kind: 'forward', key: to, payload }));
  }

  // async: WXBOT_NOT_RUNNING rejects the promise, as for send(), rather than throwing at the call.
  /** A contact's, group's or member's avatar (not an outbox action: a read, like a download). */
  async avatar(id: string, options?: AvatarOptions): Promise<Avatar> {
    return fetchAvatar(this.d.live('fetch an avatar').ctx, this.d.contacts, id, options);
  }

  async download(message: Message, options?: DownloadOptions): Promise<DownloadedMedia> {
    return downloadMedia(this.d.live('download media').ctx, message, options, this.d.maxDownloadBytes);
  }

  async downloadTo(message: Message, filePath: string, options?: DownloadOptions): Promise<{ path: string; size: number; mime: string }> {
    return downloadMediaTo(this.d.live('download media').ctx, message, filePath, options);
  }

  /**
   * The bot as the handlers of one message see it (`ctx.bot`, and so `ctx.reply` and returned
   * replies): every action they submit gets the idempotency key `<prefix>#<n>`, n counting in
   * submission order. Handled again after a crash, the message's actions get the same keys and
   * the outbox recognises those already done. Explicit rather than AsyncLocalStorage, whose
   * promise hooks cost ~15% of the bot's CPU on Node 20 (flood benchmark, A/B).
   */
  scoped(prefix: string): BotApi {
    let n = 0;
    const submit = submitTo(this.d.outbox, { key: () => `${prefix}#${n++}` });
    let friends: FriendActions | undefined;
    let rooms: RoomActions | undefined;
    const deps = (): Parameters<typeof friendActions>[0] => this.actionDeps(submit);
    return {
      contacts: this.d.contacts,
      send: (to, outgoing) => this.send(to, outgoing, submit),
      download: (message, options) => this.download(message, options),
      downloadTo: (message, filePath, options) => this.downloadTo(message, filePath, options),
      revoke: (sent) => this.revoke(sent, submit),
      forward: (message, to) => this.forward(message, to, submit),
      avatar: (id, options) => this.avatar(id, options),
      get friends() {
        return (friends ??= friendActions(deps()));
      },
      get rooms() {
        return (rooms ??= roomActions(deps()));
      },
    };
  }

  private actionDeps(submit: Submit): Parameters<typeof friendActions>[0] {
    return {
      submit,
      store: this.d.contacts,
      requests: this.requests,
      inviteStartCount: () => this.d.session()?.inviteStartCount ?? 40,
      fetch: (ids: string[]) => fetchByUserName(this.d.live('fetch groups').ctx, this.d.contacts, ids),
    };
  }

  /** Media is staged as a file first, then the outbox uploads it to the FILE host and sends it. */
  private async sendMedia(submit: Submit, to: string, outgoing: OutgoingMedia): Promise<SentMessage> {
    const kind = mediaKindOf(outgoing) ?? 'file';
    const source = (outgoing as Record<string, unknown>)[kind] as Parameters<typeof stageMedia>[0];
    const target = outgoing.to ?? to;
    const staged = await stageMedia(source, this.d.home, outgoing.name, `${kind}-${Date.now()}`);
    const stash = this.d.stash ? await this.d.stash.put(staged) : undefined;
    return toSentMessage(await submit({ kind: `send-${kind}`, key: target, payload: { to: target, ...staged, ...(stash ? { stash } : {}) } }));
  }
}
