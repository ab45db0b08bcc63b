/**
 * Daily caps by group of kinds. A cap named after a kind (`text`, `verify-user`) counts that
 * kind; these names count every kind of their group; `risky` counts every risky action.
 */
export const CAP_GROUPS: Readonly<Record<string, readonly string[]>> = {
  media: ['send-image', 'send-file', 'send-video', 'send-emoticon'],
  friend: ['verify-user'],
  group: ['create-room', 'add-members', 'remove-members', 'rename-room', 'quit-room'],
};

const GROUP_OF = new Map(Object.entries(CAP_GROUPS).flatMap(([group, kinds]) => kinds.map((k) => [k, group] as const)));

/**
 * Default caps a day while the limits are on (docs/safety.md gives the reasons). `risky` also
 * applies with `limits: false`, as it always did.
 */
export const DEFAULT_GOVERNOR_CAPS: Readonly<Record<string, number>> = { text: 3000, media: 300, friend: 20, group: 30 };

/** The counters an action of `kind` moves: its kind, its group, and `risky`. */
export function capNamesOf(kind: string, risky: boolean): string[] {
  const group = GROUP_OF.get(kind);
  return [kind, ...(group ? [group] : []), ...(risky ? ['risky'] : [])];
}
