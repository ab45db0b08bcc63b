import { allOf, has, parseJsonBody } from '../parse/json-body';
import { postMain, type SessionContext } from '../session-context';

export interface CheckUploadResult {
  /** Non-empty: the server already has this file; send it with this MediaId and skip the upload. */
  mediaId: string;
  aesKey: string;
  signature: string;
  encryFileName: string;
}

export interface CheckUploadOptions {
  from: string;
  to: string;
  fileName: string;
  size: number;
  md5: string;
  signal?: AbortSignal;
}

/**
 * webwxcheckupload (FileType 7), for files over 25 MB. A non-empty `mediaId` means the server
 * already has the file: send it without uploading. Else pass the result to uploadMedia
 * (AESKey/Signature) and the Signature to sendFile.
 */
export async function checkUpload(ctx: SessionContext, o: CheckUploadOptions): Promise<CheckUploadResult> {
  const text = await postMain(ctx, 'webwxcheckupload', {
    body: {
      FromUserName: o.from,
      ToUserName: o.to,
      FileSize: o.size,
      FileMd5: o.md5,
      FileName: o.fileName,
      FileType: 7,
    },
    signal: o.signal,
  });
  const body = parseJsonBody<Record<string, unknown>>('webwxcheckupload', text, (b) =>
    typeof b['MediaId'] === 'string' && b['MediaId'] !== '' ? undefined : allOf((x) => has.string(x, 'AESKey'), (x) => has.string(x, 'Signature'))(b));
  const str = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return { mediaId: str('MediaId'), aesKey: str('AESKey'), signature: str('Signature'), encryFileName: str('EncryFileName') };
}
