import { EventEmitter } from 'node:events';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { CookieJar } from 'tough-cookie';
import {
  createWebwxHttp,
  canRevoke,
  logout as webwxLogout,
  RevokeExpiredError,
  ProtocolError,
  type LoginMode,
  type WebwxHttp,
} from '@wxbot/protocol';
import { ContactStore } from '../contacts/contact-store';
import type { ContactDirectory } from '../contacts/types';
import { WxbotError } from '../errors/wxbot-error';
import { DedupeWindow } from '../message/dedupe-window';
import type { Message } from '../message/types';
import type { BotApi, DownloadedMedia, DownloadOptions, Outgoing, OutgoingMedia, SentMessage } from '../pipeline/types';
import { isMediaOutgoing, mediaKindOf } from '../pipeline/outgoing';
import { stageMedia } from '../media/stage-media';
import { ensurePrivateDir } from '../storage/secure-file';
import { downloadMedia, downloadMediaTo } from '../media/download-media';
import { registerActionExecutors } from './action-executors';
import { friendActions, roomActions, type ActionDeps, type FriendActions, type RoomActions } from './bot-actions';
import { withMentions } from './mentions-out';
import { runLoginSequence, type LoginAttempt } from './login-sequence';
import { MessageScheduler } from './message-scheduler';
import { batchEvents } from './event-bridge';
import { revokeExpired } from './bot-errors';
import { fetchByUserName } from '../session/contact-loader';
import type { OutboxAction } from '../outbox/types';
import { bringUpSession, type LiveSession } from '../session/bring-up';
import type { LoginFlowOptions } from '../session/login-flow';
import { runSyncLoop } from '../session/sync-loop';
import { SessionStore, type SavedSession } from '../storage/session-store';
import { StateLog } from '../storage/state-log';
import { handleBatch } from './batch-handler';
import { describeLogout, type BotEvents, type BotState, type LoginMethod } from './bot-events';
import type { BotOptions } from './bot-options';
import type { PluginEntry } from '../plugin/plugin-host';
import type { PluginEventName } from '../plugin/types';
import { createMessagePipeline, type MessagePipeline } from './pipeline-adapter';
import { normaliseOutgoing, sendTextOnce, toSentMessage, type TextPayload } from './sender';
import { ReliableOutbox } from '../outbox/reliable-outbox';
import type { ExecutorContext } from '../outbox/types';
import { InboxJournal, type JournalEntry } from '../storage/journal';
import { replayBacklog } from './inbox-replay';

const DEDUPE_CAPACITY = 5000;

/** Hands an action to the outbox (possibly adding its idempotency key). */
type Submit = <R = unknown>(action: OutboxAction) => Promise<R>;
/** A whole session record at least this often while running (see saveBatch). */
const WHOLE_SESSION_EVERY_MS = 60 * 60_000;

/**
 * One WeChat account: its session, contacts, plugin pipeline and sends.
 * @example
 * const bot = new Bot({ plugins: [echo()], logger });
 * bot.on('qr', ({ url }) => console.log(url));
 * await bot.start(); // resolves once logged in and ready
 */
export class Bot extends EventEmitter<BotEvents> implements BotApi {
  readonly log: Logger;
  readonly home: string;
  private readonly options: BotOptions;
  private readonly store = new ContactStore();
  private readonly sessionStore: SessionStore;
  private readonly plugins: PluginEntry[];
  private dedupe = new DedupeWindow(DEDUPE_CAPACITY);
  private currentState: BotState = 'idle';
  private http: WebwxHttp | undefined;
  private session: LiveSession | undefined;
  private pipeline: MessagePipeline | undefined;
  private pollAbort = new AbortController();
  private readonly handlerAbort = new AbortController();
  /** The abort controllers of messages being handled (stop() aborts them). */
  private readonly handlers = new Set<AbortController>();
  private loop: Promise<void> | undefined;
  /** Everything that must survive a crash (session keys, inbox journal, outbox): one append-only file. */
  private readonly stateLog: StateLog;
  /** What the last whole session record held of the credentials and cookies, and when (see saveBatch). */
  private savedFingerprint = '';
  private savedWholeAt = 0;
  /**
   * Messages are handled per chat in order, chats concurrently, outside the sync loop: a
   * handler waiting on its reply (rate limits, a re-login) never stops the bot from receiving.
   */
  private readonly scheduler: MessageScheduler;
  private readonly events = batchEvents({
    emitMessage: (m) => this.emit('message', m),
    broadcast: (name, ...args) => this.broadcast(name, ...args),
    acceptFriendRequest: (r) => this.friends.accept(r),
  });
  /** Friend requests, remarks, pinning. */
  readonly friends: FriendActions;
  /** Create groups, add/remove members, rename, quit. */
  readonly rooms: RoomActions;
  /** Every outgoing action goes through here (ordering per chat, limits, retries). */
  readonly outbox: ReliableOutbox;
  /** Messages received but not yet handled (exactly-once across crashes; docs/reliability.md). */
  private readonly journal: InboxJournal;
  private backlog: JournalEntry[] = [];
  private loginMethod: LoginMethod | undefined;

  constructor(options: BotOptions = {}) {
    super();
    this.options = options;
    this.log = options.logger ?? pino({ level: 'silent' });
    this.home = path.resolve(options.home ?? process.env['WXBOT_HOME'] ?? '.wxbot');
    this.stateLog = new StateLog(path.join(this.home, 'state.log'), { onError: (err) => this.reportError(err) });
    this.sessionStore = new SessionStore(this.stateLog, DEDUPE_CAPACITY);
    this.scheduler = new MessageScheduler(this.log);
    this.plugins = [...(options.plugins ?? [])];
    this.outbox = new ReliableOutbox({ ...options.outbox, stateLog: this.stateLog, log: this.log, onUnclaimedFailure: (err) => this.reportError(err) });
    this.journal = new InboxJournal(this.stateLog);
    this.outbox.register<TextPayload, SentMessage>('text', sendTextOnce);
    registerActionExecutors(this.outbox);
    this.friends = friendActions(this.actionDeps(this.submit));
    this.rooms = roomActions(this.actionDeps(this.submit));
  }

  /** Every outgoing action goes to the outbox through a Submit: this one adds nothing. */
  private readonly submit: Submit = (action) => this.outbox.submit(action);

  private actionDeps(submit: Submit): ActionDeps {
    return {
      submit,
      store: this.store,
      inviteStartCount: () => this.session?.inviteStartCount ?? 40,
      fetch: (ids: string[]) => fetchByUserName(this.liveSession('fetch groups').ctx, this.store, ids),
    };
  }

  /**
   * The bot as the handlers of one message see it (`ctx.bot`, and so `ctx.reply` and returned
   * replies): every action they submit gets the idempotency key `<prefix>#<n>`, n counting in
   * submission order. Handled again after a crash, the message's actions get the same keys and
   * the outbox recognises those already done. Explicit rather than AsyncLocalStorage, whose
   * promise hooks cost ~15% of the bot's CPU on Node 20 (flood benchmark, A/B).
   */
  private scopedApi(prefix: string): BotApi {
    let n = 0;
    const submit: Submit = (action) => this.outbox.submit({ ...action, idempotencyKey: action.idempotencyKey ?? `${prefix}#${n++}` });
    const deps = (): ActionDeps => this.actionDeps(submit);
    let friends: FriendActions | undefined;
    let rooms: RoomActions | undefined;
    return {
      contacts: this.store,
      send: (to, outgoing) => this.sendVia(submit, to, outgoing),
      download: (message, options) => this.download(message, options),
      downloadTo: (message, filePath, options) => this.downloadTo(message, filePath, options),
      revoke: (sent) => this.revokeVia(submit, sent),
      get friends() {
        return (friends ??= friendActions(deps()));
      },
      get rooms() {
        return (rooms ??= roomActions(deps()));
      },
    };
  }

  /** Current lifecycle state. */
  get state(): BotState {
    return this.currentState;
  }

  /** Contacts and groups of the logged-in account. */
  get contacts(): ContactDirectory {
    return this.store;
  }

  /** Add plugins before `start()`. */
  use(...plugins: PluginEntry[]): this {
    if (this.currentState !== 'idle') {
      throw new WxbotError('WXBOT_LATE_REGISTRATION', 'plugins must be added before bot.start(); add them to the plugins option or call use() earlier');
    }
    this.plugins.push(...plugins);
    return this;
  }

  /**
   * Set up the plugins, log in (saved session, then push login, then QR) and start
   * receiving. Resolves once logged in and ready; rejects when login fails.
   */
  async start(): Promise<void> {
    if (this.currentState !== 'idle') throw new WxbotError('WXBOT_LATE_REGISTRATION', `start() called twice (state: ${this.currentState})`);
    this.setState('logging-in');
    try {
      // Tighten a home that already exists: later writes only create it when missing.
      await ensurePrivateDir(this.home);
      this.pipeline = await createMessagePipeline(this.plugins, this, this.log, path.join(this.home, 'plugins'));
      await this.outbox.load();
      this.backlog = await this.journal.load();
      // Only journalled messages can be handled again: the outcomes kept for the others' actions
      // (back from the log) would never be asked for.
      const replayable = new Set(this.backlog.map((e) => `msg:${e.id}#`));
      this.outbox.forgetScopes((scope) => scope.startsWith('msg:') && !replayable.has(scope));
      await this.login();
    } catch (err) {
      await this.teardown();
      throw err;
    }
    this.setState('running');
    this.outbox.resume(() => this.executorContext());
    this.loop = this.runLoop();
  }

  /**
   * Replace the plugins while the session stays logged in (hot reload). The new plugins are
   * validated and set up first: if that fails, the old ones keep running and this rejects.
   * Messages already in the old pipeline finish there; new ones go to the new pipeline.
   */
  async reloadPlugins(plugins: readonly PluginEntry[]): Promise<void> {
    const next = await createMessagePipeline(plugins, this, this.log, path.join(this.home, 'plugins'));
    const previous = this.pipeline;
    this.pipeline = next;
    this.plugins.splice(0, this.plugins.length, ...plugins);
    await previous?.dispose();
    this.log.info({ plugins: next.pluginNames }, 'plugins reloaded');
  }

  private executorContext(): ExecutorContext | undefined {
    const s = this.session;
    if (!s || (this.currentState !== 'running' && this.currentState !== 'reconnecting')) return undefined;
    return { session: s.ctx, selfUserName: s.selfUserName, signal: this.handlerAbort.signal };
  }

  /**
   * Stop: abort the long poll, let in-flight handlers finish (up to `stopTimeoutMs`), save
   * the session, tear the plugins down in reverse order. Safe to call twice.
   */
  async stop(): Promise<void> {
    if (this.currentState === 'stopped') return;
    this.pollAbort.abort(new WxbotError('WXBOT_STOPPED', 'bot stopped'));
    const deadline = this.options.stopTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), deadline)));
    const finished = (this.loop ?? Promise.resolve()).then(() => this.scheduler.idle());
    if ((await Promise.race([finished, timedOut])) === 'timeout') {
      this.log.warn({ deadlineMs: deadline }, 'handlers still running at the stop deadline; abandoning them');
    }
    clearTimeout(timer);
    const unsent = await this.outbox.drain(deadline);
    if (unsent > 0) this.log.warn({ unsent }, 'outgoing actions still queued at stop');
    this.outbox.pause();
    this.handlerAbort.abort(new WxbotError('WXBOT_STOPPED', 'bot stopped'));
    for (const handler of this.handlers) handler.abort(this.handlerAbort.signal.reason);
    await this.outbox.close();
    await this.teardown();
  }

  /** Send a text to a chat by UserName. Resolves once the server accepted it. */
  send(to: string, outgoing: Outgoing): Promise<SentMessage> {
    return this.sendVia(this.submit, to, outgoing);
  }

  private async sendVia(submit: Submit, to: string, outgoing: Outgoing): Promise<SentMessage> {
    const session = this.session;
    if (!session || (this.currentState !== 'running' && this.currentState !== 'reconnecting')) {
      throw new WxbotError('WXBOT_NOT_RUNNING', `cannot send while the bot is ${this.currentState}; wait for the 'login' event`);
    }
    if (isMediaOutgoing(outgoing)) return this.sendMedia(submit, to, outgoing);
    const { to: target, text } = normaliseOutgoing(to, outgoing);
    const mentions = typeof outgoing === 'object' ? outgoing.mentions : undefined;
    const payload = mentions?.length ? withMentions(this.store, target, text, mentions) : { to: target, text };
    return toSentMessage(await submit({ kind: 'text', key: target, payload }));
  }

  /** Fetch the bytes of an image, voice, video, emoticon or file message (type sniffed). */
  async download(message: Message, options?: DownloadOptions): Promise<DownloadedMedia> {
    return downloadMedia(this.liveSession('download media').ctx, message, options);
  }

  /** Stream a media message into a file without holding it in memory. */
  async downloadTo(message: Message, filePath: string, options?: DownloadOptions): Promise<{ path: string; size: number; mime: string }> {
    return downloadMediaTo(this.liveSession('download media').ctx, message, filePath, options);
  }

  /** Revoke a message this bot sent, within the server's 2-minute window. */
  revoke(sent: SentMessage): Promise<void> {
    return this.revokeVia(this.submit, sent);
  }

  private async revokeVia(submit: Submit, sent: SentMessage): Promise<void> {
    if (!canRevoke(sent.localId)) throw revokeExpired(sent);
    try {
      await submit({ kind: 'revoke', key: sent.to, payload: { svrMsgId: sent.msgId, localId: sent.localId, to: sent.to } });
    } catch (err) {
      throw err instanceof RevokeExpiredError || (err as { cause?: unknown }).cause instanceof RevokeExpiredError ? revokeExpired(sent) : err;
    }
  }

  private liveSession(what: string): LiveSession {
    const s = this.session;
    if (!s || (this.currentState !== 'running' && this.currentState !== 'reconnecting')) {
      throw new WxbotError('WXBOT_NOT_RUNNING', `cannot ${what} while the bot is ${this.currentState}; wait for the 'login' event`);
    }
    return s;
  }

  /**
   * Send media: the source is staged as a file first (so a queued send holds no buffer and
   * survives a restart), then the outbox uploads it to the FILE host and sends it.
   */
  private async sendMedia(submit: Submit, to: string, outgoing: OutgoingMedia): Promise<SentMessage> {
    const kind = mediaKindOf(outgoing) ?? 'file';
    const source = (outgoing as Record<string, unknown>)[kind] as Parameters<typeof stageMedia>[0];
    const target = outgoing.to ?? to;
    const staged = await stageMedia(source, this.home, outgoing.name, `${kind}-${Date.now()}`);
    // After a crash the outbox may answer with the saved JSON copy of the outcome: rebuild it.
    return toSentMessage(await submit({ kind: `send-${kind}`, key: target, payload: { to: target, ...staged } }));
  }

  /** Log out on the server (the phone sees the web session end) and stop. */
  async logout(): Promise<void> {
    if (this.session) await webwxLogout(this.session.ctx).catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'logout request failed'));
    await this.sessionStore.clear();
    this.session = undefined;
    await this.stop();
  }

  /** Emit to the bot's listeners and to the plugins' `onEvent` listeners. */
  private broadcast<K extends PluginEventName>(name: K, ...args: BotEvents[K]): void {
    (this.emit as (n: K, ...a: BotEvents[K]) => boolean)(name, ...args);
    const pipeline = this.pipeline;
    if (pipeline) void pipeline.emit(name, ...args);
  }

  private setState(state: BotState): void {
    this.currentState = state;
    this.emit('state', state);
  }

  private reportError(err: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else this.log.error({ err }, err.message);
  }

  private get mode(): LoginMode {
    return this.options.login?.mode ?? 'web';
  }

  private loginFlowOptions(http: WebwxHttp): LoginFlowOptions {
    return {
      http,
      mode: this.mode,
      qrRetries: this.options.login?.qrRetries ?? 5,
      log: this.log,
      signal: this.pollAbort.signal,
      ...(this.options.login?.extspam ? { extspam: this.options.login.extspam } : {}),
      ...(this.options.loginPollTimeoutMs ? { pollTimeoutMs: this.options.loginPollTimeoutMs } : {}),
    };
  }

  private newHttp(jar?: CookieJar): WebwxHttp {
    this.http?.close();
    this.http = createWebwxHttp({ endpoint: this.options.endpoint, proxy: this.options.proxy, ...(jar ? { jar } : {}) });
    return this.http;
  }

  /** Saved session, then push login, then QR (each step optional): see runLoginSequence. */
  private async login(): Promise<void> {
    const saved = await this.sessionStore.load();
    if (saved) {
      // Journalled ids count as seen: they are handled from the journal, not again from the server.
      this.dedupe = new DedupeWindow(DEDUPE_CAPACITY, [...saved.handledIds, ...this.journal.ids()]);
    }
    await runLoginSequence({
      saved,
      options: this.options.login,
      log: this.log,
      signal: this.pollAbort.signal,
      hooks: {
        onQr: (uuid, url) => this.emit('qr', { uuid, url }),
        onScan: (avatar) => this.emit('scan', avatar ? { avatar } : {}),
      },
      newHttp: (jar) => this.newHttp(jar),
      flowOptions: (http) => this.loginFlowOptions(http),
      progress: (step) => this.progress(step),
      bringUp: (attempt) => this.bringUp(attempt),
    });
  }

  private async bringUp({ http, ticket, method, savedKeys }: LoginAttempt): Promise<void> {
    this.session = await bringUpSession({
      http,
      hosts: ticket.hosts,
      credentials: ticket.ticket,
      mode: this.mode,
      store: this.store,
      log: this.log,
      signal: this.pollAbort.signal,
      savedKeys,
      onProgress: (step, detail) => this.progress(step, detail),
    });
    this.loginMethod = method;
    await this.saveSession();
    this.log.info({ method, contacts: this.store.size.contacts, groups: this.store.size.groups }, 'logged in');
    this.broadcast('login', { self: this.store.self, method });
  }

  private progress(step: string, detail?: BotEvents['progress'][0]['detail']): void {
    this.emit('progress', detail ? { step, detail } : { step });
  }

  private snapshot(): SavedSession | undefined {
    const s = this.session;
    if (!s || !this.http) return undefined;
    return {
      version: 1,
      savedAt: Date.now(),
      mode: this.mode,
      credentials: { ...s.ctx.credentials },
      hosts: s.ctx.hosts,
      cookies: this.http.jar.serializeSync(),
      selfUserName: s.selfUserName,
      syncKey: s.sync.syncKey,
      syncCheckKey: s.sync.syncCheckKey,
      handledIds: this.dedupe.toArray(),
    };
  }

  /** The whole session. The log keeps appends in order, so a newer save always lands last. */
  private saveSession(): Promise<void> {
    const snap = this.snapshot();
    if (!snap) return Promise.resolve();
    this.savedFingerprint = this.fingerprint();
    this.savedWholeAt = Date.now();
    return this.sessionStore.save(snap);
  }

  /**
   * After a batch: the new sync keys and the MsgIds it added to the dedupe window, as one small
   * record. The whole session is written instead when the credentials or cookies changed (the
   * server refreshes cookies on every webwxsync, usually to the same values: that is no change),
   * and at least hourly, so the saved cookies' expiry keeps up with the refreshes.
   */
  private saveBatch(ids: readonly string[]): Promise<void> {
    const s = this.session;
    if (!s || !this.http) return Promise.resolve();
    if (this.fingerprint() !== this.savedFingerprint || Date.now() - this.savedWholeAt > WHOLE_SESSION_EVERY_MS) return this.saveSession();
    return this.sessionStore.saveKeys({ syncKey: s.sync.syncKey, syncCheckKey: s.sync.syncCheckKey }, ids);
  }

  /** What must be saved whole when it changes: the credentials, hosts, own UserName and cookies. */
  private fingerprint(): string {
    const s = this.session;
    if (!s || !this.http) return '';
    return `${this.http.cookieVersion}|${s.selfUserName}|${JSON.stringify(s.ctx.credentials)}|${JSON.stringify(s.ctx.hosts)}`;
  }

  private async handleMessage(message: Message): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    const maxAge = this.options.skipOlderThanMs;
    if (maxAge !== undefined && Date.now() - message.createdAt.getTime() > maxAge) {
      this.log.info({ msgId: message.id, ageMs: Date.now() - message.createdAt.getTime() }, 'message older than skipOlderThanMs; recorded as handled without running the plugins');
      await this.journal.complete([message.id]);
      return;
    }
    const timeoutMs = this.options.handlerTimeoutMs ?? 30_000;
    // One controller and one timer per message: aborted at the deadline, or by stop() through
    // `handlers` (cheaper than AbortSignal.any + AbortSignal.timeout, which the profile showed).
    const controller = new AbortController();
    if (this.handlerAbort.signal.aborted) controller.abort(this.handlerAbort.signal.reason);
    this.handlers.add(controller);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log.warn({ msgId: message.id, timeoutMs }, 'message handling passed its deadline; moving on');
        controller.abort(new DOMException(`handler deadline of ${timeoutMs} ms passed`, 'TimeoutError'));
        resolve();
      }, timeoutMs);
    });
    // Actions the handlers submit through ctx get idempotency keys msg:<id>#n: handled again
    // after a crash, the same message's replies are recognised by the outbox, not sent twice.
    try {
      await Promise.race([pipeline.dispatch(message, { signal: controller.signal, bot: this.scopedApi(`msg:${message.id}`) }), deadline]);
    } finally {
      clearTimeout(timer);
      this.handlers.delete(controller);
    }
    // Once durably handled it is never replayed, so the outcomes kept to dedupe its replies can
    // go. Not awaited: the completion shares a write with whatever comes next, and the chat goes on.
    void this.journal.complete([message.id]).then(() => this.outbox.forget(`msg:${message.id}#`));
  }

  /** The running phase: sync until stopped; on logout report it and follow the re-login policy. */
  private async runLoop(): Promise<void> {
    const backlog = this.backlog.splice(0);
    await replayBacklog(backlog, this.loginMethod, { store: this.store, journal: this.journal, log: this.log, handle: (m) => this.handleMessage(m), dedupe: this.dedupe, persist: (ids) => this.saveBatch(ids) });
    while (this.session && !this.pollAbort.signal.aborted) {
      const session = this.session;
      const end = await runSyncLoop({
        ctx: session.ctx,
        initial: session.sync,
        log: this.log,
        signal: this.pollAbort.signal,
        longPollTimeoutMs: this.options.longPollTimeoutMs,
        watchdogMs: this.options.watchdogMs,
        ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        reinit: async () => {
          await bringUpSession({ http: session.ctx.http, hosts: session.ctx.hosts, credentials: session.ctx.credentials, mode: this.mode, store: this.store, log: this.log, signal: this.pollAbort.signal, savedKeys: session.sync, onProgress: () => undefined });
        },
        onBatch: async (res, next) => {
          let received: string[] = [];
          await handleBatch(res, {
            // Journal first, then the keys (the log keeps that order, so one write may carry
            // both): once the keys are in, a crash cannot lose these messages.
            received: async (fresh, toHandle) => {
              received = fresh.map((m) => m.MsgId);
              const journalled = this.journal.add(toHandle);
              session.sync = next;
              await Promise.all([journalled, this.saveBatch(received)]);
            },
            store: this.store,
            dedupe: this.dedupe,
            log: this.log,
            ctx: () => session.ctx,
            ...this.events,
            dispatches: (m) => this.pipeline?.wantsSelf === true || (m.FromUserName !== this.store.self.id && m.FromUserName !== ''),
            observed: () => this.listenerCount('message') > 0,
            schedule: (m) => this.scheduler.schedule(m.chat.id, m.id, () => this.handleMessage(m)),
            unparsable: (id) => void this.journal.complete([id]),
          });
          // No new messages: save only when the keys moved (an idle sync returns empty keys,
          // which nextSyncState ignores, so the previous key objects come back unchanged).
          const moved = next.syncKey !== session.sync.syncKey || next.syncCheckKey !== session.sync.syncCheckKey || next.skey !== session.sync.skey;
          if (received.length === 0 && moved) {
            session.sync = next;
            await this.saveBatch([]);
          }
        },
      });
      if (end.reason === 'stopped') return;
      const reason = describeLogout(end.code);
      this.log.warn({ code: end.code }, `logged out: ${reason}`);
      this.outbox.pause();
      this.broadcast('logout', { code: end.code, reason });
      if (this.options.relogin === false) {
        this.session = undefined;
        void this.stop();
        return;
      }
      this.setState('reconnecting');
      try {
        await this.login();
        this.setState('running');
        this.outbox.resume(() => this.executorContext());
      } catch (err) {
        if (this.pollAbort.signal.aborted) return;
        this.reportError(err instanceof ProtocolError || err instanceof WxbotError ? err : new WxbotError('WXBOT_LOGIN_FAILED', `re-login failed: ${(err as Error).message}`, {}, { cause: err }));
        this.session = undefined;
        void this.stop();
        return;
      }
    }
  }

  private async teardown(): Promise<void> {
    await this.saveSession();
    await this.stateLog.close();
    await this.pipeline?.dispose();
    this.pipeline = undefined;
    this.http?.close();
    this.setState('stopped');
  }
}

