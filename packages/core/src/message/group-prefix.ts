/**
 * The `<sender>:<br/>` prefix of group messages sent by others (docs/protocol.md 7.3, edge case 19).
 */

// The official client's pattern: an `@…` session id or a raw id such as `wxid_abc-1`.
const GROUP_PREFIX = /^(@[0-9a-zA-Z]+|[a-zA-Z0-9_-]+):<br\/>/;

/** A group message body with its sender split off. */
export interface GroupPrefixSplit {
  /** UserName of the member who spoke, when the prefix was present. */
  readonly senderId?: string;
  /** The rest of the raw Content, still encoded (`<br/>`, entities, emoji spans). */
  readonly body: string;
}

/**
 * Splits `@sender:<br/>body` into sender and body. Works on the raw Content, before `<br/>`
 * becomes `\n`, so a body that itself contains ":\n" is never mistaken for a prefix.
 * Content without a prefix (system lines, messages the bot's account sent) is returned whole.
 * @example
 * splitGroupPrefix('@e0ec8d:<br/>hello'); // { senderId: '@e0ec8d', body: 'hello' }
 * splitGroupPrefix('wxid_x1:<br/>a:<br/>b'); // { senderId: 'wxid_x1', body: 'a:<br/>b' }
 */
export function splitGroupPrefix(content: string): GroupPrefixSplit {
  const match = GROUP_PREFIX.exec(content);
  if (!match?.[1]) return { body: content };
  return { senderId: match[1], body: content.slice(match[0].length) };
}
