import { ChunkAssembler } from './chunk-assembler';
import { md5Of, type MediaBody } from './media-body';

/** `pic`, `video` or `doc`, as the upload form's `mediatype` field says. */
export type UploadMediaType = 'pic' | 'video' | 'doc';

/** A file the server holds under a MediaId: an upload, or the attachment of an incoming file message. */
export interface StoredFile {
  mediaId: string;
  name: string;
  /** MIME type as uploaded (`type` field), or guessed. */
  mime: string;
  mediaType: UploadMediaType;
  body: MediaBody;
  /** The 1205 placeholder image (edge 28), not what the client uploaded. */
  placeholder: boolean;
  /** Who uploaded it (a session's self UserName), or '' for incoming attachments. */
  uploader: string;
}

/** What the download endpoints serve for one message, by MsgId. */
export interface MessageMedia {
  /** webwxgetmsgimg (big), webwxgetvoice, webwxgetvideo. */
  full?: MediaBody;
  /** webwxgetmsgimg `type=slave` (and the poster of a video). */
  thumb?: MediaBody;
  /** Where `full` is served from: images/emoticons via getmsgimg, voice, video. */
  kind: 'image' | 'emoticon' | 'voice' | 'video' | 'app';
  /** Some videos download as 0 bytes (docs/protocol.md 8.3); store stickers cannot be downloaded. */
  empty: boolean;
}

/** The AESKey/Signature pair handed out by webwxcheckupload for one FileMd5. */
export interface UploadCheck {
  aesKey: string;
  signature: string;
  size: number;
  name: string;
}

/**
 * Every piece of media the simulator serves, owned by one SimCore: files by
 * MediaId (uploads dedupe by md5 for webwxcheckupload), per-message media by
 * MsgId, custom-emoticon bytes by md5 (for `EMoticonMd5` sends), and the
 * checkupload tickets of large files.
 */
export class MediaStore {
  /** Chunked uploads in progress. */
  readonly assembler = new ChunkAssembler();
  private readonly files = new Map<string, StoredFile>();
  private readonly md5s = new Map<string, string>();
  private readonly byMd5 = new Map<string, string>();
  private readonly messages = new Map<string, MessageMedia>();
  private readonly emoticons = new Map<string, MediaBody>();
  private readonly checks = new Map<string, UploadCheck>();

  addFile(file: StoredFile, md5?: string): void {
    this.files.set(file.mediaId, file);
    if (md5 !== undefined) this.md5s.set(file.mediaId, md5);
    // Placeholders must never satisfy a dedupe check: the real file was not stored.
    if (md5 !== undefined && !file.placeholder && file.uploader !== '') this.byMd5.set(md5, file.mediaId);
  }

  file(mediaId: string): StoredFile | undefined {
    return this.files.get(mediaId);
  }

  /** md5 of a stored file, computed (streaming) on first use for generated attachments. */
  md5(file: StoredFile): string {
    let md5 = this.md5s.get(file.mediaId);
    if (md5 === undefined) {
      md5 = md5Of(file.body);
      this.md5s.set(file.mediaId, md5);
    }
    return md5;
  }

  /** An already uploaded file with this md5 (webwxcheckupload dedupe). */
  uploadedByMd5(md5: string): StoredFile | undefined {
    const id = this.byMd5.get(md5.toLowerCase());
    return id === undefined ? undefined : this.files.get(id);
  }

  uploads(): StoredFile[] {
    return [...this.files.values()].filter((f) => f.uploader !== '');
  }

  setMessage(msgId: string, media: MessageMedia): void {
    this.messages.set(msgId, media);
  }

  message(msgId: string): MessageMedia | undefined {
    return this.messages.get(msgId);
  }

  addEmoticon(md5: string, body: MediaBody): void {
    this.emoticons.set(md5.toLowerCase(), body);
  }

  emoticon(md5: string): MediaBody | undefined {
    return this.emoticons.get(md5.toLowerCase());
  }

  setCheck(md5: string, check: UploadCheck): void {
    this.checks.set(md5.toLowerCase(), check);
  }

  check(md5: string): UploadCheck | undefined {
    return this.checks.get(md5.toLowerCase());
  }
}
