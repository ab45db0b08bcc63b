import { baseResponse, jsonApi } from '../routes/json-api';
import { wireJson } from '../util/response';
import { UploadRet } from './upload-codes';

const MD5 = /^[0-9a-fA-F]{32}$/;

/**
 * `POST https://MAIN/cgi-bin/mmwebwx-bin/webwxcheckupload`
 * `{BaseRequest, FromUserName, ToUserName, FileSize, FileMd5, FileName, FileType:7}`
 * (docs/protocol.md 9.6). A file with this md5 (and size) was uploaded before →
 * its MediaId (skip the upload). Otherwise an AESKey + Signature that the
 * uploadmediarequest of this file must then carry (mandatory above 25 MB).
 * A bad FileMd5 / FileSize → Ret 1.
 */
export const webwxcheckupload = jsonApi({
  needBaseRequest: true,
  failure: (ret) => ({ BaseResponse: baseResponse(ret), MediaId: '', AESKey: '', Signature: '', EncryFileName: '' }),
  handle: (core, _ctx, _session, body) => {
    const md5 = typeof body['FileMd5'] === 'string' ? body['FileMd5'].toLowerCase() : '';
    const size = Number(body['FileSize']);
    const name = typeof body['FileName'] === 'string' ? body['FileName'] : '';
    if (!MD5.test(md5) || !Number.isInteger(size) || size <= 0) {
      return wireJson({ BaseResponse: baseResponse(UploadRet.PARAM), MediaId: '', AESKey: '', Signature: '', EncryFileName: '' });
    }
    const encryFileName = encodeURIComponent(name);
    const existing = core.media.uploadedByMd5(md5);
    if (existing && existing.body.length === size) {
      return wireJson({ BaseResponse: baseResponse(), MediaId: existing.mediaId, AESKey: '', Signature: '', EncryFileName: encryFileName });
    }
    const check = core.media.check(md5) ?? { aesKey: core.rng.hex(32), signature: core.rng.hex(64), size, name };
    core.media.setCheck(md5, check);
    return wireJson({ BaseResponse: baseResponse(), MediaId: '', AESKey: check.aesKey, Signature: check.signature, EncryFileName: encryFileName });
  },
});
