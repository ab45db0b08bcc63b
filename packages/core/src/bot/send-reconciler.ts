import { createHash } from 'node:crypto';
import type { WireMessage } from '@wxbot/protocol';
import type { Logger } from 'pino';
import { MsgType, SUB_MSG_TYPE_LOCATION } from '../message/message-kind';
import type { Settled, Settler } from '../outbox/types';
import type { StoredAction } from '../outbox/outbox-store';
import type { StateStore } from '../storage/state-store';
import { decodeText } from '../util/decode-text';

/** The reconciler's section of the state store. */
export const ECHOES_SECTION = 'echoes';
/** Own echoes kept unclaimed (newest win). */
const ECHOES_KEPT = 1000;
/** Echoes older than this cannot settle anything (no crash is that long). */
const ECHO_TTL_MS = 24 * 3600_000;
/** A send whose outcome is unknown is sent again after this long without any sign (logged). */
const DEFAULT_MAX_WAIT_MS = 60_000;
/** Successful sends remembered, to recognise their echoes. */
const CLAIMS_KEPT = 2000;

/** An echo of the account's own send, as seen in webwxsync and kept until it settles something. */
interface EchoRecord {
  /** Target UserName, MsgType, and a hash of the decoded text (texts only). */
  sig: string;
  msgId: string;
  /** Local time it was received. */
  at: number;
}

type EchoLogRecord = { e: EchoRecord } | { c: string };

interface Waiter {
  sig: string;
  action: StoredAction;
  /** When it started waiting: a marker or an idle poll counts only if it began after this. */
  since: number;
  resolve(settled: Settled): void;
  timer: NodeJS.Timeout;
}

/**
 * What the echo of each send kind looks like, as a group of webwxsync MsgTypes: a GIF sent as
 * an image goes as an emoticon, so images and emoticons share one group.
 */
const ECHO_GROUP_OF_KIND: Readonly<Record<string, string>> = {
  text: 'text',
  'send-image': 'picture',
  'send-emoticon': 'picture',
  'send-video': 'video',
  'send-file': 'app',
  // Outgoing surface (issue 18): a link card echoes as an app message; a forward as what it re-sends.
  'send-link': 'app',
  forward: 'forward',
};
/** A forward's echo group, by how it is sent (bot/forward.ts). */
const ECHO_GROUP_OF_FORWARD: Readonly<Record<string, string>> = { text: 'text', location: 'location', image: 'picture', emoticon: 'picture', video: 'video', app: 'app' };
const ECHO_GROUP_OF_TYPE: ReadonlyMap<number, string> = new Map([
  [MsgType.TEXT, 'text'],
  [MsgType.IMAGE, 'picture'],
  [MsgType.EMOTICON, 'picture'],
  [MsgType.VIDEO, 'video'],
  [MsgType.APP, 'app'],
  [MsgType.LOCATION, 'location'],
]);
const SEND_ENDPOINT = /^webwxsend/;

const hash = (text: string): string => createHash('sha1').update(text.replace(/\r\n/g, '\n')).digest('base64').slice(0, 16);

/**
 * Settles sends whose outcome is unknown from the server's echoes, so that "a reply happens
 * once" does not depend on the server dropping ClientMsgId repeats (docs/reliability.md):
 *
 * - Every accepted send comes back through webwxsync as a message from the account itself. Own
 *   echoes that no known send claims are kept in the state store (written before the batch's
 *   keys), so an echo the previous process read before it died still counts after a restart.
 * - An uncertain send (resumed after a crash, or its answer lost) is settled as sent by the
 *   first unclaimed echo with its target, type and (texts) content, received after it was
 *   written ahead; identical texts to one chat each take one echo.
 * - It is settled as not sent, and sent again, once the server has shown everything it held
 *   when the send could have happened: the echo of a later send (the log is in order), or a
 *   poll that found nothing new, started after the wait began. After `maxWaitMs` without either,
 *   it is sent again with a warning.
 * @example
 * const reconciler = new SendReconciler(store, log);
 * new ReliableOutbox({ ..., settler: reconciler });
 * reconciler.observe(ownEchoes); reconciler.idle(pollStartedAt);
 */
export class SendReconciler implements Settler {
  private unclaimed: EchoRecord[] = [];
  private readonly waiters: Waiter[] = [];
  /** MsgIds of sends that succeeded (their echoes are not unclaimed), with when they went out. */
  private readonly claims = new Map<string, number>();
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly store: StateStore | undefined,
    private readonly log: Logger,
    private readonly maxWaitMs = DEFAULT_MAX_WAIT_MS,
  ) {
    store?.register(ECHOES_SECTION, () => this.unclaimed.map((e): EchoLogRecord => ({ e })));
  }

  covers(action: StoredAction, failedEndpoint?: string): boolean {
    if (!ECHO_GROUP_OF_KIND[action.kind] || typeof (action.payload as { to?: unknown })?.to !== 'string') return false;
    // A media send fails in its upload too: only a lost answer of the send itself is uncertain.
    return failedEndpoint === undefined || failedEndpoint === '' || SEND_ENDPOINT.test(failedEndpoint);
  }

  async settle(action: StoredAction): Promise<Settled> {
    await this.load();
    const sig = signature(action);
    const found = this.unclaimed.findIndex((e) => e.sig === sig && e.at >= action.createdAt - 1000);
    if (found >= 0) return this.sent(action, this.unclaimed.splice(found, 1)[0] as EchoRecord);
    return new Promise<Settled>((resolve) => {
      const waiter: Waiter = {
        sig,
        action,
        since: Date.now(),
        resolve,
        timer: setTimeout(() => {
          this.log.warn({ kind: action.kind, key: action.key, waitedMs: this.maxWaitMs }, 'no sign from the server whether an outgoing action was carried out; sending it again (the person may see it twice)');
          this.finish(waiter, { sent: false });
        }, this.maxWaitMs),
      };
      waiter.timer.unref();
      this.waiters.push(waiter);
    });
  }

  succeeded(action: StoredAction, result: unknown, startedAt: number): void {
    const msgId = (result as { msgId?: unknown } | undefined)?.msgId;
    if (!ECHO_GROUP_OF_KIND[action.kind] || typeof msgId !== 'string' || msgId === '') return;
    // Its echo may have come first: it is this send's, not an unknown one.
    const i = this.unclaimed.findIndex((e) => e.msgId === msgId);
    if (i >= 0) {
      this.unclaimed.splice(i, 1);
      void this.store?.append(ECHOES_SECTION, { c: msgId } satisfies EchoLogRecord);
    }
    this.claims.set(msgId, startedAt);
    if (this.claims.size > CLAIMS_KEPT) this.claims.delete(this.claims.keys().next().value as string);
  }

  /**
   * The account's own messages of one batch (FromUserName = self), in server order. Unclaimed
   * ones settle waiters or are kept (their record is appended now, before the batch's keys).
   */
  observe(own: readonly WireMessage[]): void {
    const now = Date.now();
    for (const m of own) {
      const sentAt = this.claims.get(m.MsgId);
      if (sentAt !== undefined) {
        this.claims.delete(m.MsgId);
        // The log is in order: whatever was carried out before this send went out is read by now.
        this.passed(sentAt);
        continue;
      }
      const echo: EchoRecord = { sig: echoSignature(m), msgId: m.MsgId, at: now };
      const w = this.waiters.find((x) => x.sig === echo.sig);
      if (w) {
        this.finish(w, this.sent(w.action, echo));
        continue;
      }
      // Delivered again (the keys of its batch were not saved before a crash): kept once.
      if (this.unclaimed.some((e) => e.msgId === echo.msgId)) continue;
      this.unclaimed.push(echo);
      void this.store?.append(ECHOES_SECTION, { e: echo } satisfies EchoLogRecord);
    }
    if (this.unclaimed.length > ECHOES_KEPT + 100) this.unclaimed.splice(0, this.unclaimed.length - ECHOES_KEPT);
  }

  /** A poll that began at `startedAt` found nothing new: the server holds nothing older. */
  idle(startedAt: number): void {
    this.passed(startedAt);
  }

  /** Waiters that began before `at` will see no echo: not sent. */
  private passed(at: number): void {
    if (this.waiters.length === 0) return; // every echo of a known send passes here: keep it cheap
    for (const w of this.waiters.filter((x) => x.since <= at)) this.finish(w, { sent: false });
  }

  private finish(w: Waiter, settled: Settled): void {
    const i = this.waiters.indexOf(w);
    if (i < 0) return;
    this.waiters.splice(i, 1);
    clearTimeout(w.timer);
    this.log.info({ kind: w.action.kind, key: w.action.key, sent: settled.sent }, settled.sent ? 'the server shows the outgoing action was carried out; not sending it again' : 'the server shows the outgoing action was not carried out; sending it');
    w.resolve(settled);
  }

  private sent(action: StoredAction, echo: EchoRecord): Settled {
    void this.store?.append(ECHOES_SECTION, { c: echo.msgId } satisfies EchoLogRecord);
    const to = (action.payload as { to: string }).to;
    return { sent: true, result: { msgId: echo.msgId, localId: action.clientMsgId, to, sentAt: new Date(echo.at).toISOString() } };
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.store) return;
      const claimed = new Set<string>();
      const kept: EchoRecord[] = [];
      for (const r of ((await this.store.open()).get(ECHOES_SECTION) ?? []) as Array<Partial<Record<'e' | 'c', unknown>>>) {
        if (typeof r?.c === 'string') claimed.add(r.c);
        const e = r?.e as EchoRecord | undefined;
        if (e && typeof e.sig === 'string' && typeof e.msgId === 'string' && typeof e.at === 'number') kept.push(e);
      }
      const cutoff = Date.now() - ECHO_TTL_MS;
      const known = new Set(this.unclaimed.map((e) => e.msgId));
      this.unclaimed.unshift(...kept.filter((e) => !claimed.has(e.msgId) && !known.has(e.msgId) && e.at >= cutoff));
    })();
    return this.loaded;
  }
}

/** What an action's echo will look like: target, type group, and for texts the content. */
function signature(action: StoredAction): string {
  const p = action.payload as { to: string; text?: string; via?: string };
  const kindGroup = ECHO_GROUP_OF_KIND[action.kind] ?? action.kind;
  const group = kindGroup === 'forward' ? (ECHO_GROUP_OF_FORWARD[p.via ?? ''] ?? 'forward') : kindGroup;
  return group === 'text' ? `${p.to}|text|${hash(p.text ?? '')}` : `${p.to}|${group}`;
}

function echoSignature(m: WireMessage): string {
  // A location comes back as received ones look: MsgType 1 + SubMsgType 48 (docs/protocol.md 7.4).
  const location = m.MsgType === MsgType.TEXT && m.SubMsgType === SUB_MSG_TYPE_LOCATION;
  const group = location ? 'location' : (ECHO_GROUP_OF_TYPE.get(m.MsgType) ?? String(m.MsgType));
  return group === 'text' ? `${m.ToUserName}|text|${hash(decodeText(m.Content))}` : `${m.ToUserName}|${group}`;
}
