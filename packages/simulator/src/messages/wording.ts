/**
 * The exact texts of server-generated 10000 (system) lines and revoke
 * answers, in the session's language (docs/protocol.md 7.4 item 11, 9.9, edge 53).
 * The Chinese quirks are deliberate: two trailing spaces after
 * `你邀请"B"加入了群聊`, curly quotes in renames, an optional leading space
 * inside the quotes of some QR joins. English texts the protocol does not
 * quote are modelled on the ones it does [UNSURE].
 */

/** Server text language, from the login's `lang` (`en_US` → English, anything else Chinese). */
export type Lang = 'zh_CN' | 'en_US';

export function langOf(value: string | null | undefined): Lang {
  return value === 'en_US' ? 'en_US' : 'zh_CN';
}

const zhList = (names: string[]): string => names.join('、');
const enList = (names: string[]): string => names.join(', ');

export const wording = {
  /** The account invited/added members (web or phone). */
  youInvited: (lang: Lang, names: string[]): string =>
    lang === 'en_US' ? `You invited ${enList(names)} to the group chat` : `你邀请"${zhList(names)}"加入了群聊  `,
  /** Another member invited members. */
  invited: (lang: Lang, actor: string, names: string[]): string =>
    lang === 'en_US' ? `${actor} invited ${enList(names)} to the group chat` : `"${actor}"邀请"${zhList(names)}"加入了群聊`,
  /** Joined with the QR code another member shared; `leadingSpace` reproduces the `" B"` variant. */
  qrJoined: (lang: Lang, member: string, sharer: string, leadingSpace = false): string =>
    lang === 'en_US'
      ? `"${member}" joined the group chat via the QR Code shared by "${sharer}".`
      : `"${leadingSpace ? ' ' : ''}${member}"通过扫描"${sharer}"分享的二维码加入群聊`,
  /** Joined with the QR code the account shared. */
  qrJoinedYours: (lang: Lang, member: string): string =>
    lang === 'en_US' ? `"${member}" joined the group chat via your shared QR Code.` : `"${member}"通过扫描你分享的二维码加入群聊  `,
  youRemoved: (lang: Lang, names: string[]): string =>
    lang === 'en_US' ? `You removed "${enList(names)}" from the group chat` : `你将"${zhList(names)}"移出了群聊`,
  removedYou: (lang: Lang, actor: string): string =>
    lang === 'en_US' ? `You were removed from the group chat by "${actor}"` : `你被"${actor}"移出群聊`,
  renamed: (lang: Lang, actor: string, topic: string): string =>
    lang === 'en_US' ? `"${actor}" changed the group name to "${topic}"` : `"${actor}"修改群名为“${topic}”`,
  youRenamed: (lang: Lang, topic: string): string =>
    lang === 'en_US' ? `You changed the group name to "${topic}"` : `你修改群名为“${topic}”`,
  friendAdded: (lang: Lang, name: string): string =>
    lang === 'en_US' ? `You have added ${name} as your WeChat contact. Start chatting!` : `你已添加了${name}，现在可以开始聊天了。`,
  recalled: (lang: Lang, actor: string): string => (lang === 'en_US' ? `"${actor}" recalled a message` : `"${actor}" 撤回了一条消息`),
  youRecalled: (lang: Lang): string => (lang === 'en_US' ? 'You recalled a message' : '你撤回了一条消息'),
  /** The revoke answer texts are only known in Chinese (docs/protocol.md 9.9); served whatever the language. */
  revokeIntroduction: '你可以撤回2分钟内发送的消息（部分旧版本微信不支持这个功能）。',
  revokeSysWording: '已撤回',
};
