import type { Simulator } from '../../src';
import { api, bytes, friendId, startLoggedIn, type LoggedIn } from '../helpers';
import { CHUNK, md5, upload } from '../upload-helpers';

describe('webwxcheckupload', () => {
  let sim: Simulator;
  let me: LoggedIn;
  beforeEach(async () => ({ sim, me } = await startLoggedIn()));
  afterEach(() => sim.close());

  const alice = () => friendId(sim, 'Alice');

  it('webwxcheckupload dedupes by FileMd5 and large files need its AESKey/Signature', async () => {
    const data = bytes(3000);
    const [up] = await upload(sim, me, data, { name: 'dup.bin' });
    const check = await api(sim, me, 'webwxcheckupload', { FromUserName: me.userName, ToUserName: alice(), FileSize: data.length, FileMd5: md5(data), FileName: 'dup.bin', FileType: 7 });
    expect(check).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: up?.['MediaId'], EncryFileName: 'dup.bin' });

    // A 26 MB file: only its first 512 KiB chunk is ever built, so memory stays small.
    const total = 26 * 1024 * 1024;
    const first = bytes(CHUNK, 3);
    const bigMd5 = md5(Buffer.from('pretend this is the md5 of 26 MB'));
    const request = { TotalLen: total, DataLen: total, FileMd5: bigMd5 };
    const send = (extra: Record<string, unknown>) =>
      upload(sim, me, Buffer.concat([first, Buffer.alloc(CHUNK)]), { name: '大文件.zip', request: { ...request, ...extra }, order: [0] }).then((r) => r[0]);
    // Without webwxcheckupload: refused.
    expect(await send({})).toMatchObject({ BaseResponse: { Ret: 1 }, MediaId: '' });
    const big = await api(sim, me, 'webwxcheckupload', { FromUserName: me.userName, ToUserName: alice(), FileSize: total, FileMd5: bigMd5, FileName: '大文件.zip', FileType: 7 });
    expect(big).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '', EncryFileName: encodeURIComponent('大文件.zip') });
    expect(big['AESKey']).toMatch(/^[0-9a-f]{32}$/);
    expect(big['Signature']).not.toBe('');
    expect(await send({ AESKey: big['AESKey'], Signature: 'forged' })).toMatchObject({ BaseResponse: { Ret: 1 } });
    expect(await send({ AESKey: big['AESKey'], Signature: big['Signature'] })).toMatchObject({ BaseResponse: { Ret: 0 }, MediaId: '', StartPos: CHUNK });
  });
});
