/**
 * What a gray system line (MsgType 10000) says about a group or a friendship, parsed from
 * the server's wording in Chinese and English (docs/protocol.md 7.4 item 11). The wording is
 * inconsistent on purpose of nobody: two trailing spaces, a space inside quotes, curly quotes.
 */
export type SystemNotice =
  | { type: 'join'; inviter: NameRef; invitees: string[]; via: 'invite' | 'qr' }
  | { type: 'leave'; remover: NameRef; removed: string[] }
  | { type: 'self-removed'; remover: string }
  | { type: 'topic'; changer: NameRef; topic: string }
  | { type: 'friend-added'; name: string };

/** A person named in a notice: `self` when the text says "you". */
export type NameRef = { self: true } | { self: false; name: string };

const you: NameRef = { self: true };
const them = (name: string): NameRef => ({ self: false, name: name.trim() });

/** "B、C" or "B, C" or "B and C": several invitees in one line. */
function names(list: string): string[] {
  return list
    .split(/、|,\s*|\s+and\s+/)
    .map((n) => n.replace(/^["“”\s]+|["“”\s]+$/g, '').trim())
    .filter(Boolean);
}

type Rule = [RegExp, (m: RegExpExecArray) => SystemNotice];

const RULES: readonly Rule[] = [
  // Chinese
  [/^你邀请"(.+)"加入了群聊\s*$/, (m) => ({ type: 'join', inviter: you, invitees: names(m[1] ?? ''), via: 'invite' })],
  [/^"(.+?)"邀请"(.+)"加入了群聊\s*$/, (m) => ({ type: 'join', inviter: them(m[1] ?? ''), invitees: names(m[2] ?? ''), via: 'invite' })],
  [/^"(.+?)"通过扫描你分享的二维码加入群聊\s*$/, (m) => ({ type: 'join', inviter: you, invitees: names(m[1] ?? ''), via: 'qr' })],
  [/^"(.+?)"通过扫描"(.+?)"分享的二维码加入群聊\s*$/, (m) => ({ type: 'join', inviter: them(m[2] ?? ''), invitees: names(m[1] ?? ''), via: 'qr' })],
  [/^你将"(.+)"移出了群聊\s*$/, (m) => ({ type: 'leave', remover: you, removed: names(m[1] ?? '') })],
  [/^"(.+?)"将"(.+)"移出了群聊\s*$/, (m) => ({ type: 'leave', remover: them(m[1] ?? ''), removed: names(m[2] ?? '') })],
  [/^你被"(.+?)"移出群聊\s*$/, (m) => ({ type: 'self-removed', remover: (m[1] ?? '').trim() })],
  [/^你修改群名为“(.*)”\s*$/, (m) => ({ type: 'topic', changer: you, topic: m[1] ?? '' })],
  [/^"(.+?)"修改群名为“(.*)”\s*$/, (m) => ({ type: 'topic', changer: them(m[1] ?? ''), topic: m[2] ?? '' })],
  [/^你已添加了(.+?)，现在可以开始聊天了。?\s*$/, (m) => ({ type: 'friend-added', name: (m[1] ?? '').trim() })],
  [/^(.+?)刚刚把你添加到通讯录，现在可以开始聊天了。?\s*$/, (m) => ({ type: 'friend-added', name: (m[1] ?? '').trim() })],
  // English
  [/^You invited (.+) to the group chat\.?\s*$/i, (m) => ({ type: 'join', inviter: you, invitees: names(m[1] ?? ''), via: 'invite' })],
  [/^"?(.+?)"? invited (.+) to the group chat\.?\s*$/i, (m) => ({ type: 'join', inviter: them(m[1] ?? ''), invitees: names(m[2] ?? ''), via: 'invite' })],
  [/^"(.+?)" joined the group chat via the QR Code shared by you\.?\s*$/i, (m) => ({ type: 'join', inviter: you, invitees: names(m[1] ?? ''), via: 'qr' })],
  [/^"(.+?)" joined the group chat via the QR Code shared by "(.+?)"\.?\s*$/i, (m) => ({ type: 'join', inviter: them(m[2] ?? ''), invitees: names(m[1] ?? ''), via: 'qr' })],
  [/^You removed (.+) from the group chat\.?\s*$/i, (m) => ({ type: 'leave', remover: you, removed: names(m[1] ?? '') })],
  [/^You were removed from the group chat by "?(.+?)"?\.?\s*$/i, (m) => ({ type: 'self-removed', remover: (m[1] ?? '').trim() })],
  [/^You changed the group name to "(.*)"\.?\s*$/i, (m) => ({ type: 'topic', changer: you, topic: m[1] ?? '' })],
  [/^"(.+?)" changed the group name to "(.*)"\.?\s*$/i, (m) => ({ type: 'topic', changer: them(m[1] ?? ''), topic: m[2] ?? '' })],
];

/** Parse a decoded 10000 text; undefined when it is about something else (red packets, pats...). */
export function parseSystemNotice(text: string): SystemNotice | undefined {
  const line = text.replace(/\r?\n/g, ' ');
  for (const [re, build] of RULES) {
    const m = re.exec(line);
    if (m) return build(m);
  }
  return undefined;
}
