import { bufferBody } from '../../src/media/media-body';
import { MediaStore, type StoredFile } from '../../src/media/media-store';

const file = (mediaId: string, bytes: string, over: Partial<StoredFile> = {}): StoredFile => ({
  mediaId, name: 'a.txt', mime: 'text/plain', mediaType: 'doc', body: bufferBody(Buffer.from(bytes)), placeholder: false, uploader: '@self', ...over,
});
const MD5_HELLO = '5d41402abc4b2a76b9719d911017c592';

describe('MediaStore', () => {
  it('keeps uploads by MediaId and finds them by md5 (any case) for the checkupload dedupe', () => {
    const store = new MediaStore();
    const f = file('@crypt_1', 'hello');
    store.addFile(f, MD5_HELLO);
    expect(store.file('@crypt_1')).toBe(f);
    expect(store.uploadedByMd5(MD5_HELLO.toUpperCase())).toBe(f);
    expect(store.uploads()).toEqual([f]);
    expect(store.file('@crypt_2')).toBeUndefined();
  });

  it('never dedupes against a 1205 placeholder or a file the server made itself (no uploader)', () => {
    const store = new MediaStore();
    store.addFile(file('@crypt_p', 'hello', { placeholder: true }), MD5_HELLO);
    store.addFile(file('@crypt_s', 'hello', { uploader: '' }), MD5_HELLO);
    expect(store.uploadedByMd5(MD5_HELLO)).toBeUndefined();
    expect(store.uploads().map((f) => f.mediaId)).toEqual(['@crypt_p']);
  });

  it('computes a file md5 once when not given', () => {
    const store = new MediaStore();
    const f = file('@crypt_3', 'hello');
    store.addFile(f);
    expect(store.md5(f)).toBe(MD5_HELLO);
    expect(store.uploadedByMd5(MD5_HELLO)).toBeUndefined();
  });

  it('keeps message media, emoticons by md5 and upload checks by md5, case-insensitively', () => {
    const store = new MediaStore();
    store.setMessage('123', { kind: 'image', empty: false, full: bufferBody(Buffer.from('x')) });
    expect(store.message('123')?.kind).toBe('image');
    expect(store.message('124')).toBeUndefined();
    const gif = bufferBody(Buffer.from('GIF89a'));
    store.addEmoticon('ABCDEF', gif);
    expect(store.emoticon('abcdef')).toBe(gif);
    store.setCheck('ABC', { aesKey: 'k', signature: 's', size: 1, name: 'n' });
    expect(store.check('abc')).toEqual({ aesKey: 'k', signature: 's', size: 1, name: 'n' });
  });
});
