import { EventEmitter } from 'node:events';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { logout as webwxLogout } from '@wxbot/protocol';
import { ContactStore } from '../contacts/contact-store';
import { IdentityIndex } from '../contacts/identity-index';
import type { ContactDirectory } from '../contacts/types';
import { WxbotError } from '../errors/wxbot-error';
import { RECENT_ID_CAPACITY } from '../limits';
import type { Message } from '../message/types';
import { ReliableOutbox } from '../outbox/reliable-outbox';
import type { ExecutorContext } from '../outbox/types';
import type { Avatar, AvatarOptions, BotApi, DownloadedMedia, DownloadOptions, Outgoing, SentMessage } from '../pipeline/types';
import type { PluginEntry } from '../plugin/plugin-host';
import type { LiveSession } from '../session/bring-up';
import { InboxJournal, type JournalEntry } from '../storage/journal';
import { ensurePrivateDir } from '../storage/secure-file';
import { SessionStore } from '../storage/session-store';
import { StateLog } from '../storage/state-log';
import { PluginSection } from '../storage/plugin-section';
import type { PluginStorage, StableIdOf } from '../storage/plugin-storage';
import type { StateStore } from '../storage/state-store';
import { registerActionKinds } from './action-kinds';
import { broadcast, type BroadcastReport } from './broadcast';
import type { Governor } from '../outbox/governor/governor';
import { DryRunLog, registerDryRunKinds } from './dry-run';
import { MessageLog } from './message-log';
import type { FriendActions, RoomActions } from '../pipeline/types';
import type { BotEvents, BotState } from '../events/bot-events';
import type { BotOptions } from './bot-options';
import { EventHub } from './event-hub';
import { MessageRunner } from './message-runner';
import { createMessagePipeline, type MessagePipeline } from './pipeline-adapter';
import { Receiver } from './receiver';
import { Retargeter } from './retarget';
import { Sends } from './sends';
import { SendReconciler } from './send-reconciler';
import { SessionRunner } from './session-runner';
import { SessionSaver } from './session-saver';

/**
 * One WeChat account: its session, contacts, plugin pipeline and sends. The Bot is the
 * lifecycle shell; each part owns its state (docs/architecture.md): SessionRunner (login, sync
 * loop, re-login), Receiver (the receive path), SessionSaver, MessageRunner, Sends, EventHub.
 * @example
 * const bot = new Bot({ plugins: [echo()], logger });
 * bot.on('qr', ({ url }) => console.log(url));
 * await bot.start(); // resolves once logged in and ready
 */
export class Bot extends EventEmitter<BotEvents> implements BotApi {
  readonly log: Logger;
  readonly home: string;
  /** Every outgoing action goes through here (ordering per chat, limits, retries). */
  readonly outbox: ReliableOutbox;
  /** In dry-run mode (`mode: 'dry-run'`): every action the bot would have sent; else undefined. */
  readonly dryRun: DryRunLog | undefined;
  private readonly options: BotOptions;
  private readonly plugins: PluginEntry[];
  /** Stable ids across logins (docs/identities.md), kept in the state store. */
  private readonly identities: IdentityIndex;
  private readonly contactStore: ContactStore;
  /** Everything that must survive a crash: the state log in the home, or `options.store`. */
  private readonly store: StateStore;
  /** Plugins' storage in the store (`pluginStorage: 'store'`), else files in the home. */
  private readonly pluginSection: PluginSection | undefined;
  private readonly journal: InboxJournal;
  private readonly events: EventHub;
  private readonly sends: Sends;
  private readonly runner: MessageRunner;
  private readonly session: SessionRunner;
  private readonly saver: SessionSaver;
  private currentState: BotState = 'idle';
  private pipeline: MessagePipeline | undefined;
  private readonly pollAbort = new AbortController();
  private readonly handlerAbort = new AbortController();
  private loop: Promise<void> | undefined;
  private backlog: JournalEntry[] = [];

  constructor(options: BotOptions = {}) {
    super();
    this.options = options;
    this.log = options.logger ?? pino({ level: 'silent' });
    this.home = path.resolve(options.home ?? process.env['WXBOT_HOME'] ?? '.wxbot');
    this.plugins = [...(options.plugins ?? [])];
    this.store = options.store ?? new StateLog(path.join(this.home, 'state.log'), { onError: (err) => this.events.error(err), durability: options.durability });
    this.pluginSection = options.pluginStorage === 'store' ? new PluginSection(this.store) : undefined;
    this.events = new EventHub(this, () => this.pipeline, (r) => this.sends.friendRequest(r), this.log);
    const sessions = new SessionStore(this.store, RECENT_ID_CAPACITY);
    this.journal = new InboxJournal(this.store);
    this.identities = new IdentityIndex(this.store);
    this.contactStore = new ContactStore(this.identities);
    const reconciler = new SendReconciler(this.store, this.log);
    this.outbox = new ReliableOutbox({ ...options.outbox, stateLog: this.store, log: this.log, settler: reconciler, onUnclaimedFailure: (err) => this.events.error(err) });
    // A dry run differs from a live bot only in its executors: they record instead of sending.
    this.dryRun = options.mode === 'dry-run' ? new DryRunLog(this.contactStore, this.log) : undefined;
    const lines = options.logMessages === true ? new MessageLog(this.contactStore, this.log) : undefined;
    if (this.dryRun) registerDryRunKinds(this.outbox, this.dryRun);
    else registerActionKinds(this.outbox, lines && ((kind, payload) => lines.sent(kind, payload)));
    const retarget = new Retargeter({ identities: this.identities, log: this.log, policy: options.identities?.unresolved ?? 'fail', report: (e) => this.events.emit('unresolved', e) });
    this.sends = new Sends({ outbox: retarget.wrap(this.outbox), contacts: this.contactStore, home: this.home, stash: options.mediaStash, live: (what) => this.live(what), session: () => this.session.session, maxDownloadBytes: options.media?.maxBytes });
    // A new session (not a resumed one) brings new requester UserNames: its old requests cannot be answered.
    this.on('login', (e) => (e.method === 'resume' ? undefined : this.sends.requests.clear()));
    this.runner = new MessageRunner({
      log: this.log,
      journal: this.journal,
      pipeline: () => this.pipeline,
      scopedApi: (prefix) => this.sends.scoped(prefix),
      forgetOutcomes: (scope) => this.outbox.forget(scope),
      handlerTimeoutMs: options.handlerTimeoutMs,
      skipOlderThanMs: options.skipOlderThanMs,
      onHandle: lines && ((m) => lines.incoming(m)),
    });
    const saver = (this.saver = new SessionSaver(this.store, sessions, this.journal));
    const receiver = new Receiver({ contacts: this.contactStore, journal: this.journal, saver, runner: this.runner, events: this.events, log: this.log, reconciler, wantsSelf: () => this.pipeline?.wantsSelf === true, tap: options.tap?.batch, retarget: (backlog) => retarget.messages(backlog) });
    this.session = new SessionRunner({
      options,
      log: this.log,
      contacts: this.contactStore,
      sessions,
      journal: this.journal,
      saver,
      receiver,
      events: this.events,
      signal: this.pollAbort.signal,
      onIdle: (startedAt) => reconciler.idle(startedAt),
      setState: (state) => this.setState(state),
      sessionEnded: () => this.outbox.pause(),
      sessionReady: () => this.outbox.resume(() => this.executorContext()),
      giveUp: () => void this.stop(),
      identitiesBound: () => retarget.queued(this.outbox),
    });
  }

  /** Current lifecycle state. */
  get state(): BotState {
    return this.currentState;
  }

  /** Contacts and groups of the logged-in account. */
  get contacts(): ContactDirectory {
    return this.contactStore;
  }

  /** Friend requests, remarks, pinning. */
  get friends(): FriendActions {
    return this.sends.friends;
  }

  /** Create groups, add/remove members, rename, quit. */
  get rooms(): RoomActions {
    return this.sends.rooms;
  }

  private pluginStorage(): string | ((plugin: string, stableIdOf: StableIdOf) => PluginStorage) {
    const section = this.pluginSection;
    return section ? (plugin, stableIdOf) => section.storageFor(plugin, stableIdOf) : path.join(this.home, 'plugins');
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
      await this.pluginSection?.load();
      this.pipeline = await createMessagePipeline(this.plugins, this, this.log, this.pluginStorage());
      await this.outbox.load();
      await this.identities.load();
      this.backlog = await this.journal.load();
      // Only journalled messages can be handled again: the outcomes kept for the others' actions
      // (back from the store) would never be asked for.
      const replayable = new Set(this.backlog.map((e) => `msg:${e.id}#`));
      this.outbox.forgetScopes((scope) => scope.startsWith('msg:') && !replayable.has(scope));
      await this.session.login();
    } catch (err) {
      await this.teardown();
      throw err;
    }
    this.setState('running');
    this.outbox.resume(() => this.executorContext());
    this.loop = this.session.run(this.backlog.splice(0));
  }

  /**
   * Replace the plugins while the session stays logged in (hot reload). The new plugins are
   * validated and set up first: if that fails, the old ones keep running and this rejects.
   * Messages already in the old pipeline finish there; new ones go to the new pipeline.
   */
  async reloadPlugins(plugins: readonly PluginEntry[]): Promise<void> {
    const next = await createMessagePipeline(plugins, this, this.log, this.pluginStorage());
    const previous = this.pipeline;
    this.pipeline = next;
    this.plugins.splice(0, this.plugins.length, ...plugins);
    await previous?.dispose();
    this.log.info({ plugins: next.pluginNames }, 'plugins reloaded');
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
    const finished = (this.loop ?? Promise.resolve()).then(() => this.runner.idle());
    if ((await Promise.race([finished, timedOut])) === 'timeout') {
      this.log.warn({ deadlineMs: deadline }, 'handlers still running at the stop deadline; abandoning them');
    }
    clearTimeout(timer);
    const unsent = await this.outbox.drain(deadline);
    if (unsent > 0) this.log.warn({ unsent }, 'outgoing actions still queued at stop');
    this.outbox.pause();
    const stopped = new WxbotError('WXBOT_STOPPED', 'bot stopped');
    this.handlerAbort.abort(stopped);
    this.runner.abortAll(stopped);
    await this.outbox.close();
    await this.teardown();
  }

  /** Send a text or media to a chat by UserName. Resolves once the server accepted it. */
  send(to: string, outgoing: Outgoing): Promise<SentMessage> {
    return this.sends.send(to, outgoing);
  }

  /** Fetch the bytes of an image, voice, video, emoticon or file message (type sniffed). */
  download(message: Message, options?: DownloadOptions): Promise<DownloadedMedia> {
    return this.sends.download(message, options);
  }

  /** Stream a media message into a file without holding it in memory. */
  downloadTo(message: Message, filePath: string, options?: DownloadOptions): Promise<{ path: string; size: number; mime: string }> {
    return this.sends.downloadTo(message, filePath, options);
  }

  /** Revoke a message this bot sent, within the server's 2-minute window. */
  revoke(sent: SentMessage): Promise<void> {
    return this.sends.revoke(sent);
  }

  /**
   * Send one message to many chats, spaced (`outbox.broadcast`), stopping at the first "too
   * frequent" answer; the report says who got it, who did not, and why (docs/safety.md).
   * @example
   * const { sent, failed, notSent, stoppedBy } = await bot.broadcast(['@a', '@b'], 'Meeting at 10');
   */
  broadcast(targets: readonly string[], message: Outgoing): Promise<BroadcastReport> {
    const paced = this.options.outbox?.limits !== false;
    return broadcast({ outbox: this.outbox, clock: this.outbox.time, send: (to, m, submit) => this.sends.send(to, m, submit), options: this.options.outbox?.broadcast, paced }, targets, message);
  }

  /**
   * The safety governor: caps left today, open breakers, quiet hours (docs/safety.md).
   * @example bot.governor.status().caps.text?.remaining;
   */
  get governor(): Governor {
    return this.outbox.governor;
  }

  /**
   * Forward a received message to a chat by UserName, as the web client does (no re-upload).
   * @example bot.on('message', (m) => { if (m.kind === 'link') void bot.forward(m, 'filehelper'); });
   */
  forward(message: Message, to: string): Promise<SentMessage> {
    return this.sends.forward(message, to);
  }

  /**
  /** The avatar of a contact, group or group member (see BotApi.avatar). */
  avatar(id: string, options?: AvatarOptions): Promise<Avatar> {
    return this.sends.avatar(id, options);
  }

  /** Log out on the server (the phone sees the web session end) and stop. */
  async logout(): Promise<void> {
    const s = this.session.session;
    if (s) await webwxLogout(s.ctx).catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'logout request failed'));
    await this.saver.clear();
    this.session.forget();
    await this.stop();
  }

  /** The session while the bot is running (or reconnecting): the one check of "is the bot running". */
  private running(): LiveSession | undefined {
    return this.currentState === 'running' || this.currentState === 'reconnecting' ? this.session.session : undefined;
  }

  /** The running session, or WXBOT_NOT_RUNNING naming what could not be done. */
  private live(what: string): LiveSession {
    const s = this.running();
    if (!s) throw new WxbotError('WXBOT_NOT_RUNNING', `cannot ${what} while the bot is ${this.currentState}; wait for the 'login' event`);
    return s;
  }

  private executorContext(): ExecutorContext | undefined {
    const s = this.running();
    const stash = this.options.mediaStash;
    const fetchStashed = stash && ((key: string) => stash.get(key, path.join(this.home, 'media')));
    return s && { session: s.ctx, selfUserName: s.selfUserName, signal: this.handlerAbort.signal, ...(fetchStashed ? { fetchStashed } : {}) };
  }

  private setState(state: BotState): void {
    this.currentState = state;
    this.emit('state', state);
  }

  private async teardown(): Promise<void> {
    await this.session.save();
    await this.store.close();
    await this.pipeline?.dispose();
    this.pipeline = undefined;
    this.session.close();
    this.setState('stopped');
  }
}
