/**
 * Reads the appmsg XML clients send with webwxsendappmsg (docs/protocol.md 9.8):
 * single-quoted attributes, unescaped, e.g.
 * `<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>a.pdf</title>…<appattach><totallen>123</totallen><attachid>@crypt_…</attachid><fileext>pdf</fileext></appattach>…</appmsg>`.
 * Tolerates an entity-escaped payload (a forwarded Content sent as received).
 */
export interface AppMsgFields {
  title: string;
  totalLen: number | undefined;
  attachId: string;
  fileExt: string;
  /** `<url>` and `<des>` of link cards (AppMsgType 5) and the like. */
  url: string;
  description: string;
  /** The `<appmsg …>…</appmsg>` element itself, unescaped ('' when absent). */
  appmsg: string;
}

const ENTITY: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };
const decode = (text: string): string => text.replace(/&(lt|gt|quot|apos|amp);/g, (m) => ENTITY[m] ?? m);

function tag(xml: string, name: string): string {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(xml);
  return match?.[1] === undefined ? '' : decode(match[1]);
}

export function parseAppMsg(content: string): AppMsgFields {
  const xml = content.trimStart().startsWith('&lt;') ? decode(content) : content;
  const total = tag(xml, 'totallen').trim();
  return {
    title: tag(xml, 'title'),
    totalLen: /^\d+$/.test(total) ? Number(total) : undefined,
    attachId: tag(xml, 'attachid').trim(),
    fileExt: tag(xml, 'fileext').trim(),
    url: tag(xml, 'url').trim(),
    description: tag(xml, 'des'),
    appmsg: /<appmsg[\s>][\s\S]*<\/appmsg>/.exec(xml)?.[0] ?? '',
  };
}
