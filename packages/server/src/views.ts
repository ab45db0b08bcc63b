import type { Contact, Group, Message } from '@wxbot/core';

// What the API shows of the engine's objects: names and ids, never `raw` (wire entries carry
// fields nobody asked for) and never anything from the session (skey, pass_ticket, cookies).

/**
 * A contact as the API returns it; `id` is usable as a send target until the next login,
 * `stableId` across logins (docs/identities.md).
 */
export interface ContactView {
  id: string;
  stableId: string;
  kind: string;
  name: string;
  nickName: string;
  remarkName: string;
}

/** A group as the API returns it. */
export interface RoomView {
  id: string;
  stableId: string;
  kind: 'group';
  name: string;
  topic: string;
  memberCount: number;
}

/** An incoming message as events, SSE and webhooks carry it. */
export interface MessageView {
  id: string;
  kind: string;
  text: string;
  chat: { id: string; kind: string; name: string };
  sender: { id: string; name: string };
  isSelf: boolean;
  isGroup: boolean;
  mentionsSelf: boolean;
  createdAt: string;
  fileName?: string;
}

export const contactView = (c: Contact): ContactView => ({ id: c.id, stableId: c.stableId, kind: c.kind, name: c.name, nickName: c.nickName, remarkName: c.remarkName });

export const roomView = (g: Group): RoomView => ({ id: g.id, stableId: g.stableId, kind: 'group', name: g.name, topic: g.topic, memberCount: g.memberCount });

export function messageView(m: Message): MessageView {
  return {
    id: m.id,
    kind: m.kind,
    text: m.text,
    chat: { id: m.chat.id, kind: m.chat.kind, name: m.chat.name },
    sender: { id: m.sender.id, name: m.sender.name },
    isSelf: m.isSelf,
    isGroup: m.isGroup,
    mentionsSelf: m.mentionsSelf,
    createdAt: m.createdAt.toISOString(),
    ...(m.media?.fileName ? { fileName: m.media.fileName } : {}),
  };
}

const SECRET_PARAMS = /\b(skey|pass_ticket|ticket|wxsid|wxuin|sid|uin|webwx_data_ticket|webwx_auth_ticket|mm_lang|DeviceID)=([^&\s"';]+)/gi;

/**
 * Blanks what looks like a credential in free text (an error message may quote a URL with
 * `skey=` or `pass_ticket=`, or a `@crypt_` key) before it leaves the process.
 * @example scrub('GET /webwxsync?skey=@crypt_ab12&sid=x') // 'GET /webwxsync?skey=[redacted]&sid=[redacted]'
 */
export function scrub(text: string): string {
  return text.replace(SECRET_PARAMS, '$1=[redacted]').replace(/@crypt_[0-9a-zA-Z_]+/g, '[redacted]');
}
