import type { Logger } from 'pino';
import type { ContactDirectory } from '../contacts/types';
import type { Executor, Outbox } from '../outbox/types';
import { EXECUTORS, type ActionKind } from './action-kinds';
import { excerpt } from './message-log';

/** One action a dry-run bot would have carried out, as the log and the control API show it. */
export interface DryRunAction {
  /** ISO time the outbox let it through (so pacing and caps show as in a real run). */
  readonly at: string;
  /** The action kind (`text`, `send-image`, `verify-user`, ... see ActionKinds). */
  readonly kind: string;
  /** The UserName it targets (the chat, the contact or the group), '' when it names none. */
  readonly to: string;
  /** That chat's display name (remark, nickname or topic) at the time, '' when unknown. */
  readonly toName: string;
  /** A text send's text. */
  readonly text?: string;
  /** A media send's file name. */
  readonly file?: string;
  /** Other kinds: their payload's plain fields (topic, remark, userNames...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** How many would-be actions a dry-run bot keeps for the API (the oldest are dropped first). */
export const DRY_RUN_KEEP = 1000;

/** Payload fields never shown (a friend request's ticket, ...): secrets stay out of logs and API answers. */
const SECRET_FIELD = /ticket|key|token|cookie|pass|secret|sid|uin/i;

/** The payload field that names an action's target, in the order the kinds use them. */
const TARGET_FIELDS = ['to', 'room', 'userName'] as const;

function describe(kind: string, payload: Record<string, unknown>, contacts: ContactDirectory): Omit<DryRunAction, 'at'> {
  const field = TARGET_FIELDS.find((f) => typeof payload[f] === 'string');
  const to = field ? String(payload[field]) : '';
  let toName = '';
  try {
    toName = contacts.group(to)?.name ?? contacts.contact(to)?.name ?? '';
  } catch {
    // Before webwxinit the store has no self; the name is a nicety.
  }
  if (kind === 'text') return { kind, to, toName, text: String(payload['text'] ?? '') };
  if (kind.startsWith('send-')) return { kind, to, toName, file: String(payload['name'] ?? '') };
  // Whatever else the payload says, minus the target and anything that is not plain data.
  const details = Object.fromEntries(Object.entries(payload).filter(([k, v]) => k !== field && !SECRET_FIELD.test(k) && (typeof v !== 'object' || Array.isArray(v))));
  return { kind, to, toName, ...(Object.keys(details).length > 0 ? { details } : {}) };
}

/**
 * The record of a dry run (`BotOptions.mode: 'dry-run'`): each action the outbox lets through is
 * recorded here (and logged) instead of reaching the server. It is the one seam of a dry run:
 * plugins, the pipeline and the outbox's pacing run as in a live bot, only the executors differ.
 */
export class DryRunLog {
  private readonly kept: DryRunAction[] = [];
  private count = 0;

  constructor(
    private readonly contacts: ContactDirectory,
    private readonly log: Logger,
  ) {}

  /** The would-be actions so far (the last {@link DRY_RUN_KEEP}), oldest first. */
  get actions(): readonly DryRunAction[] {
    return this.kept;
  }

  /** How many actions were recorded since the start (also those no longer kept). */
  get total(): number {
    return this.count;
  }

  record(kind: string, payload: unknown): DryRunAction {
    const action: DryRunAction = { at: new Date().toISOString(), ...describe(kind, (payload ?? {}) as Record<string, unknown>, this.contacts) };
    this.count += 1;
    this.kept.push(action);
    if (this.kept.length > DRY_RUN_KEEP) this.kept.shift();
    const what = action.text !== undefined ? `: ${excerpt(action.text)}` : action.file ? `: ${action.file}` : '';
    this.log.info({ dryRun: true, kind, to: action.toName || action.to }, `dry-run: would ${kind} -> ${action.toName || action.to || '(none)'}${what}`);
    return action;
  }
}

/**
 * Register, for every action kind, an executor that records into `dry` instead of calling the
 * server. Sends resolve like real ones (a SentMessage with a `dry-run-N` id); `create-room`
 * resolves with a group id that exists nowhere. Kinds added to ActionKinds later are covered too.
 */
export function registerDryRunKinds(outbox: Outbox, dry: DryRunLog): void {
  let n = 0;
  for (const kind of Object.keys(EXECUTORS) as ActionKind[]) {
    const executor: Executor<Record<string, unknown>, unknown> = async (ctx, payload) => {
      const action = dry.record(kind, payload);
      n += 1;
      if (kind === 'create-room') return { chatRoomName: `@@dry-run-${n}`, topic: String(payload['topic'] ?? ''), members: [], partial: false };
      return Object.freeze({ msgId: `dry-run-${n}`, localId: ctx.clientMsgId ?? `dry-run-${n}`, to: action.to, sentAt: new Date(action.at) });
    };
    outbox.register(kind, executor as Executor);
  }
}
