import type { SimCore } from '../core';
import type { UploadMediaType } from './media-store';

/** One uploaded file, as `uploads()` / `GET /__sim/uploads` list it. */
export interface UploadRecord {
  mediaId: string;
  name: string;
  mime: string;
  mediaType: UploadMediaType;
  size: number;
  md5: string;
  /** The 1205 placeholder image, not the client's bytes. */
  placeholder: boolean;
}

export function uploadRecords(core: SimCore): UploadRecord[] {
  return core.media.uploads().map((f) => ({
    mediaId: f.mediaId,
    name: f.name,
    mime: f.mime,
    mediaType: f.mediaType,
    size: f.body.length,
    md5: core.media.md5(f),
    placeholder: f.placeholder,
  }));
}
