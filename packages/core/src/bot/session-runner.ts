import { createWebwxHttp, ProtocolError, type LoginMode, type WebwxHttp } from '@wxbot/protocol';
import type { Logger } from 'pino';
import type { CookieJar } from 'tough-cookie';
import type { ContactStore } from '../contacts/contact-store';
import { WxbotError } from '../errors/wxbot-error';
import { bringUpSession, type LiveSession } from '../session/bring-up';
import type { LoginFlowOptions } from '../session/login-flow';
import { SyncLoop } from '../session/sync-loop';
import type { InboxJournal, JournalEntry } from '../storage/journal';
import type { SessionStore } from '../storage/session-store';
import { describeLogout, type BotState, type LoginMethod } from '../events/bot-events';
import type { BotOptions } from './bot-options';
import type { EventHub } from './event-hub';
import { runLoginSequence, type LoginAttempt } from './login-sequence';
import type { Receiver } from './receiver';
import type { SessionSaver, SessionView } from './session-saver';

export interface SessionRunnerDeps {
  options: BotOptions;
  log: Logger;
  contacts: ContactStore;
  sessions: SessionStore;
  journal: InboxJournal;
  saver: SessionSaver;
  receiver: Receiver;
  events: EventHub;
  /** A poll found nothing new (see SyncLoopOptions.onIdle). */
  onIdle(startedAt: number): void;
  /** Aborted by stop(): ends the login, the long poll and the loop. */
  signal: AbortSignal;
  setState(state: BotState): void;
  /** The outbox sends only while a session is live: paused at a logout, resumed after a login. */
  sessionEnded(): void;
  sessionReady(): void;
  /** The session is over for good (re-login refused or failed): stop the bot. */
  giveUp(): void;
  /** The login's contacts have their stable ids: re-address what an earlier session queued. */
  identitiesBound?(method: LoginMethod): Promise<void>;
}

/**
 * One account's session: log in (saved session, push login, QR), bring it up, then run the
 * sync loop until stopped; at a logout follow the re-login policy. Owns the HTTP client, the
 * live session and the sync loop (and so the sync keys).
 */
export class SessionRunner {
  private http: WebwxHttp | undefined;
  private live: LiveSession | undefined;
  private loop: SyncLoop | undefined;
  private method: LoginMethod | undefined;

  constructor(private readonly d: SessionRunnerDeps) {}

  /** The live session, if logged in. */
  get session(): LiveSession | undefined {
    return this.live;
  }

  /** What the saver reads of the session. */
  view(): SessionView | undefined {
    const session = this.live;
    const http = this.http;
    if (!session || !http) return undefined;
    return {
      session,
      http,
      mode: this.mode,
      keys: () => this.loop?.keys ?? session.initialSync,
      handledIds: () => this.d.receiver.handledIds(),
    };
  }

  /** Saved session, then push login, then QR (each step optional): see runLoginSequence. */
  async login(): Promise<void> {
    const saved = await this.d.sessions.load();
    // Journalled ids count as seen: they are handled from the journal, not again from the server.
    if (saved) this.d.receiver.restore([...saved.handledIds, ...this.d.journal.ids()]);
    await runLoginSequence({
      saved,
      options: this.d.options.login,
      log: this.d.log,
      signal: this.d.signal,
      hooks: {
        onQr: (uuid, url) => this.d.events.emit('qr', { uuid, url }),
        onScan: (avatar) => this.d.events.emit('scan', avatar ? { avatar } : {}),
      },
      newHttp: (jar) => this.newHttp(jar),
      flowOptions: (http) => this.loginFlowOptions(http),
      progress: (step) => this.d.events.emit('progress', { step }),
      bringUp: (attempt) => this.bringUp(attempt),
    });
  }

  /** The running phase: replay the journal, sync until stopped; at a logout, re-login or give up. */
  async run(backlog: readonly JournalEntry[]): Promise<void> {
    const first = this.view();
    if (first) await this.d.receiver.replay(first, backlog, this.method);
    while (this.live && !this.d.signal.aborted) {
      const session = this.live;
      this.loop = new SyncLoop(
        {
          ctx: session.ctx,
          log: this.d.log,
          signal: this.d.signal,
          longPollTimeoutMs: this.d.options.longPollTimeoutMs,
          watchdogMs: this.d.options.watchdogMs,
          backoff: this.d.options.backoff,
          reinit: (keys) => this.bringUpAgain(session, keys),
          onIdle: (startedAt) => this.d.onIdle(startedAt),
          ready: () => this.d.receiver.ready(),
          onBatch: async (res, next) => {
            const view = this.view();
            if (view) await this.d.receiver.receive(view, res, next);
          },
        },
        session.initialSync,
      );
      const end = await this.loop.run();
      if (end.reason === 'stopped') return;
      if (!(await this.relogin(end.code))) return;
    }
  }

  /** Save the session whole (at stop). */
  save(): Promise<void> {
    return this.d.saver.saveWhole(this.view());
  }

  /** Forget the session here (a logout): it cannot be resumed. */
  forget(): void {
    this.live = undefined;
  }

  close(): void {
    this.http?.close();
  }

  /** After a logout: report it, then log in again unless the policy says not to. True: go on. */
  private async relogin(code: number): Promise<boolean> {
    const reason = describeLogout(code);
    this.d.log.warn({ code }, `logged out: ${reason}`);
    this.d.sessionEnded();
    this.d.events.broadcast('logout', { code, reason });
    if (this.d.options.relogin === false) {
      this.live = undefined;
      this.d.giveUp();
      return false;
    }
    this.d.setState('reconnecting');
    try {
      await this.login();
    } catch (err) {
      if (this.d.signal.aborted) return false;
      this.d.events.error(err instanceof ProtocolError || err instanceof WxbotError ? err : new WxbotError('WXBOT_LOGIN_FAILED', `re-login failed: ${(err as Error).message}`, {}, { cause: err }));
      this.live = undefined;
      this.d.giveUp();
      return false;
    }
    this.d.setState('running');
    this.d.sessionReady();
    return true;
  }

  private get mode(): LoginMode {
    return this.d.options.login?.mode ?? 'web';
  }

  private loginFlowOptions(http: WebwxHttp): LoginFlowOptions {
    const o = this.d.options;
    return {
      http,
      mode: this.mode,
      qrRetries: o.login?.qrRetries ?? 5,
      log: this.d.log,
      signal: this.d.signal,
      ...(o.login?.extspam ? { extspam: o.login.extspam } : {}),
      ...(o.loginPollTimeoutMs ? { pollTimeoutMs: o.loginPollTimeoutMs } : {}),
    };
  }

  private newHttp(jar?: CookieJar): WebwxHttp {
    this.http?.close();
    this.http = createWebwxHttp({ endpoint: this.d.options.endpoint, proxy: this.d.options.proxy, ...(jar ? { jar } : {}) });
    return this.http;
  }

  private async bringUp({ http, ticket, method, savedKeys }: LoginAttempt): Promise<void> {
    // Contacts are rebuilt from this session's init and contact list: none of an earlier
    // session (dead UserNames after a new login) survives to be found by name.
    this.d.contacts.clear();
    this.live = await bringUpSession({
      http,
      hosts: ticket.hosts,
      credentials: ticket.ticket,
      mode: this.mode,
      store: this.d.contacts,
      log: this.d.log,
      signal: this.d.signal,
      savedKeys,
      onProgress: (step, detail) => this.d.events.emit('progress', detail ? { step, detail } : { step }),
    });
    this.loop = undefined;
    this.method = method;
    const bound = await this.d.contacts.bindIdentities();
    if (bound) this.d.log.info({ ...bound }, 'stable ids bound');
    await this.d.identitiesBound?.(method);
    await this.d.saver.saveWhole(this.view());
    const contacts = this.d.contacts;
    this.d.log.info({ method, contacts: contacts.size.contacts, groups: contacts.size.groups }, 'logged in');
    this.d.events.broadcast('login', { self: contacts.self, method });
  }

  /** The watchdog's re-init: webwxinit and the contacts again, keeping the loop's keys. */
  private async bringUpAgain(session: LiveSession, keys: LiveSession['initialSync']): Promise<void> {
    const ctx = session.ctx;
    await bringUpSession({ http: ctx.http, hosts: ctx.hosts, credentials: ctx.credentials, mode: this.mode, store: this.d.contacts, log: this.d.log, signal: this.d.signal, savedKeys: keys, onProgress: () => undefined });
  }
}
