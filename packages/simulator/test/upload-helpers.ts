import { createHash } from 'node:crypto';
import type { Simulator } from '../src';
import { MM, call, type LoggedIn, type Reply } from './helpers';

export const FILE_HOST = 'file.wx2.qq.com';
export const CHUNK = 512 * 1024;

export const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

/** How the file part names the file: raw UTF-8 (browsers) or RFC 5987 `filename*=`. */
export type NameForm = 'utf8' | 'rfc5987';

/** A multipart/form-data body in the browser's field order (docs/protocol.md 9.5). */
export function multipart(fields: Array<[string, string]>, file: { name: string; type: string; data: Buffer; form?: NameForm }): { body: Buffer; contentType: string } {
  const boundary = '----WebKitFormBoundaryq8ZBFEDYo3QnuVc9';
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  const disposition =
    file.form === 'rfc5987' ? `filename*=UTF-8''${encodeURIComponent(file.name)}` : `filename="${file.name}"`;
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="filename"; ${disposition}\r\nContent-Type: ${file.type}\r\n\r\n`, 'utf8'));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface UploadOptions {
  name: string;
  type?: string;
  mediatype?: 'pic' | 'video' | 'doc';
  to?: string;
  /** Overrides for the uploadmediarequest JSON (FileMd5, TotalLen, AESKey, Signature …). */
  request?: Record<string, unknown>;
  /** Chunk indexes to send, in this order (default all, in order). */
  order?: number[];
  ticketField?: string;
  nameForm?: NameForm;
  /** Omit the `name` field (only the part's filename names the file). */
  noNameField?: boolean;
  host?: string;
}

/** Uploads `data` as the official uploader does: one part up to 512 KiB, else sequential 512 KiB chunks. */
export async function upload(sim: Simulator, me: LoggedIn, data: Buffer, opts: UploadOptions): Promise<Array<Record<string, any>>> {
  const replies = await uploadRaw(sim, me, data, opts);
  return replies.map((r) => JSON.parse(r.text) as Record<string, any>);
}

export async function uploadRaw(sim: Simulator, me: LoggedIn, data: Buffer, opts: UploadOptions): Promise<Reply[]> {
  const type = opts.type ?? 'application/octet-stream';
  const request = {
    UploadType: 2,
    BaseRequest: me.baseRequest,
    ClientMediaId: Date.now(),
    TotalLen: data.length,
    StartPos: 0,
    DataLen: data.length,
    MediaType: 4,
    FromUserName: me.userName,
    ToUserName: opts.to ?? 'filehelper',
    FileMd5: md5(data),
    ...opts.request,
  };
  const chunks = Math.max(1, Math.ceil(data.length / CHUNK));
  const replies: Reply[] = [];
  for (const index of opts.order ?? Array.from({ length: chunks }, (_, i) => i)) {
    const fields: Array<[string, string]> = [['id', 'WU_FILE_0']];
    if (!opts.noNameField) fields.push(['name', opts.name]);
    fields.push(['type', type], ['lastModifiedDate', 'Sat Jun 23 2018 16:45:07 GMT+0800 (中国标准时间)'], ['size', String(data.length)]);
    if (chunks > 1) fields.push(['chunks', String(chunks)], ['chunk', String(index)]);
    fields.push(
      ['mediatype', opts.mediatype ?? 'doc'],
      ['uploadmediarequest', JSON.stringify(request)],
      ['webwx_data_ticket', opts.ticketField ?? me.cookies['webwx_data_ticket'] ?? ''],
      ['pass_ticket', 'undefined'],
    );
    const part = data.subarray(index * CHUNK, (index + 1) * CHUNK);
    const { body, contentType } = multipart(fields, { name: opts.name, type, data: part, form: opts.nameForm });
    replies.push(
      await call(sim, opts.host ?? FILE_HOST, `${MM}/webwxuploadmedia?f=json`, {
        method: 'POST',
        body,
        cookies: me.cookies,
        headers: { 'Content-Type': contentType, Origin: 'https://wx2.qq.com' },
      }),
    );
  }
  return replies;
}

/** A send body's Msg with the usual ids. */
export function msg(me: LoggedIn, to: string, fields: Record<string, unknown>): Record<string, unknown> {
  const id = `${Date.now()}${Math.floor(Math.random() * 10000)}`;
  return { Msg: { FromUserName: me.userName, ToUserName: to, LocalID: id, ClientMsgId: id, ...fields }, Scene: 0 };
}

/** The file appmsg XML every client sends (single quotes, unescaped; docs/protocol.md 9.8). */
export function fileAppMsg(name: string, size: number, mediaId: string): string {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  return `<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>${name}</title><des></des><action></action><type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>${size}</totallen><attachid>${mediaId}</attachid><fileext>${ext}</fileext></appattach><extinfo></extinfo></appmsg>`;
}
