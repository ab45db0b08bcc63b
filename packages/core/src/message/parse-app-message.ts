import type { WireMessage } from '@wxbot/wire-types';
import { decodeName } from '../util/decode-text';
import { safeFileName } from '../util/safe-file-name';
import { AppMsgType } from './message-kind';
import type { AppInfo, MediaInfo } from './types';
import { parseXml, toCount, xmlChild, xmlText } from './xml';

/** What a MsgType 49 entry yields: app details, plus media details for files. */
export interface AppMessageDetails {
  readonly app: AppInfo;
  readonly media?: MediaInfo;
}

/**
 * Reads an app message (MsgType 49: links, files, mini-programs, transfers...).
 * `xml` is the decoded Content (prefix removed, entities decoded once). When the XML is
 * missing or malformed, the wire fields (`FileName`, `Url`, `FileSize`) still give a usable
 * result; nothing throws.
 * @example
 * parseAppMessage('<msg><appmsg><title>Hi</title><type>5</type><url>https://x</url></appmsg></msg>', wire).app.title; // 'Hi'
 */
export function parseAppMessage(xml: string, wire: WireMessage): AppMessageDetails {
  const doc = parseXml(xml);
  const appmsg = xmlChild(doc, 'msg', 'appmsg');
  const xmlType = toCount(xmlText(appmsg, 'type'));
  const appMsgType = wire.AppMsgType || xmlType || 0;
  const fileSize = toCount(xmlText(appmsg, 'appattach', 'totallen')) ?? toCount(wire.FileSize);
  const fileExt = xmlText(appmsg, 'appattach', 'fileext');
  const appName = xmlText(doc, 'msg', 'appinfo', 'appname') || xmlText(appmsg, 'sourcedisplayname');
  const wireTitle = decodeName(wire.FileName);
  const isFile = appMsgType === AppMsgType.ATTACH;
  const app: AppInfo = {
    appMsgType,
    title: xmlText(appmsg, 'title') || wireTitle,
    description: xmlText(appmsg, 'des'),
    url: xmlText(appmsg, 'url') || wire.Url || '',
    ...(isFile ? { fileName: wireTitle || xmlText(appmsg, 'title') } : {}),
    ...(fileSize !== undefined ? { fileSize } : {}),
    ...(fileExt ? { fileExt } : {}),
    ...(appName ? { appName } : {}),
    ...miniProgramOf(appmsg),
    ...quoteOf(appmsg),
  };
  if (!isFile) return { app };
  const rawFileName = app.fileName ?? '';
  const media: MediaInfo = {
    fileName: safeFileName(rawFileName, `${wire.MsgId}${fileExt && /^[A-Za-z0-9]{1,10}$/.test(fileExt) ? `.${fileExt}` : ''}`),
    rawFileName,
    mediaId: wire.MediaId || xmlText(appmsg, 'appattach', 'attachid'),
    ...(fileSize !== undefined ? { size: fileSize } : {}),
  };
  return { app, media };
}

function miniProgramOf(appmsg: ReturnType<typeof xmlChild>): Pick<AppInfo, 'miniProgram'> {
  const info = xmlChild(appmsg, 'weappinfo');
  if (!info) return {};
  return { miniProgram: { appId: xmlText(info, 'appid'), userName: xmlText(info, 'username'), pagePath: xmlText(info, 'pagepath') } };
}

function quoteOf(appmsg: ReturnType<typeof xmlChild>): Pick<AppInfo, 'quote'> {
  const ref = xmlChild(appmsg, 'refermsg');
  if (!ref) return {};
  return {
    quote: {
      msgId: xmlText(ref, 'svrid'),
      type: toCount(xmlText(ref, 'type')) ?? 0,
      senderName: decodeName(xmlText(ref, 'displayname')),
      // Quoted content is escaped once more inside the XML (it may itself be XML).
      text: decodeName(xmlText(ref, 'content')),
    },
  };
}
