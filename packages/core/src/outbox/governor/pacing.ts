/**
 * Human-like pacing of sends: a reply goes out only after the time a person would need to type
 * it (longer for longer texts, with jitter), and one chat never gets two sends closer than
 * `chatGapMs`. On by default; `outbox: { limits: false }` (tests, benchmarks) or `pacing: false`
 * switches it off.
 * @example
 * new Bot({ outbox: { pacing: { perCharMs: 80, maxMs: 6000 } } });
 */
export interface PacingOptions {
  /** Fixed part of the typing delay of a text, and the whole delay of a media send. Default 300 ms. */
  baseMs?: number;
  /** Typing delay per character of a text. Default 40 ms (~25 characters a second). */
  perCharMs?: number;
  /** Longest typing delay, whatever the length. Default 4000 ms. */
  maxMs?: number;
  /** Random spread of the delay, as a fraction: 0.25 is ±25%. Default 0.25. */
  jitter?: number;
  /** Least time between two sends to the same chat. Default 800 ms. */
  chatGapMs?: number;
}

export const DEFAULT_PACING: Required<PacingOptions> = { baseMs: 300, perCharMs: 40, maxMs: 4000, jitter: 0.25, chatGapMs: 800 };

/** The kinds that put a message in a chat (and so are paced like a person typing). */
const SEND_KINDS = new Set(['text', 'send-image', 'send-file', 'send-video', 'send-emoticon']);

/**
 * The typing delay of a send: `baseMs + perCharMs × length`, capped at `maxMs`, spread by
 * `jitter` (`random` in [0, 1)). Media (length 0) get `baseMs`.
 * @example typingDelayMs(20, DEFAULT_PACING, () => 0.5); // 300 + 40 × 20 = 1100
 */
export function typingDelayMs(length: number, p: Required<PacingOptions>, random: () => number): number {
  const plain = Math.min(p.maxMs, p.baseMs + p.perCharMs * Math.max(0, length));
  return Math.max(0, Math.round(plain * (1 + p.jitter * (2 * random() - 1))));
}

/** What pacing needs to know of an action. */
export interface PacedAction {
  readonly kind: string;
  readonly key: string;
  readonly createdAt: number;
  readonly payload?: unknown;
}

/** Characters of a text payload (code points, so an emoji is one). */
function lengthOf(payload: unknown): number {
  const text = (payload as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? [...text].length : 0;
}

/** Keeps each action's typing delay (fixed once, so jitter does not move it) and each chat's last send. */
export class Pacing {
  private readonly ready = new WeakMap<object, number>();
  private readonly lastSent = new Map<string, number>();

  constructor(
    readonly options: Required<PacingOptions>,
    private readonly random: () => number,
  ) {}

  /** Not before this time: its typing delay after it was queued, and the chat's gap. */
  readyAt(a: PacedAction): number {
    if (!SEND_KINDS.has(a.kind)) return 0;
    let typed = this.ready.get(a);
    if (typed === undefined) {
      typed = a.createdAt + typingDelayMs(a.kind === 'text' ? lengthOf(a.payload) : 0, this.options, this.random);
      this.ready.set(a, typed);
    }
    const last = this.lastSent.get(a.key);
    return Math.max(typed, last === undefined ? 0 : last + this.options.chatGapMs);
  }

  /** A send to `a.key` starts now. */
  started(a: PacedAction, now: number): void {
    if (!SEND_KINDS.has(a.kind)) return;
    if (this.lastSent.size >= 1000) for (const [k, t] of this.lastSent) if (now - t >= this.options.chatGapMs) this.lastSent.delete(k);
    this.lastSent.set(a.key, now);
  }
}
