import { createHash } from 'node:crypto';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import {
  batchGetContact,
  canRevoke,
  checkUpload,
  computeMd5,
  getAvatar,
  getMedia,
  getMsgImage,
  getVideo,
  getVoice,
  mentionMsgSource,
  revokeMessage,
  RevokeExpiredError,
  sendEmoticon,
  sendFile,
  sendImage,
  sendText,
  sendVideo,
  ServerRetError,
  uploadMedia,
} from '@wxbot/protocol';
import { login, type LoggedIn } from './helpers/sim-login';

// Media, revoke, contact and group operations of the protocol client against the simulator,
// over real HTTP with the real Host headers and cookie jar.

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
/** Deterministic pseudo-random bytes (incompressible enough, cheap). */
function bytes(n: number, seed: number, head = Buffer.alloc(0)): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  head.copy(b, 0);
  return b;
}
const GIF_HEAD = Buffer.from('GIF89a');
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

describe('media against the simulator', () => {
  let sim: Simulator;
  let s: LoggedIn;
  let alice: string;

  beforeAll(async () => {
    sim = await startSimulator({ longPollMs: 300, loginPollMs: 300 });
    s = await login(sim);
    alice = sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
    expect(alice).toMatch(/^@/);
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    s?.http.close();
    await sim?.close();
  });

  it('uploads a 1.3 MB file with a Chinese name in chunks and sends it as a file message', async () => {
    const file = bytes(1_300_000, 1);
    const up = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: '年度报告 & 总结.pdf', bytes: file });
    expect(up).toMatchObject({ chunks: 3, skipped: false, md5: md5(file), mediaType: 'doc' });
    expect(sim.uploads().at(-1)).toMatchObject({ name: '年度报告 & 总结.pdf', size: file.length, md5: md5(file), placeholder: false });
    const sent = await sendFile(s.ctx, { from: s.self, to: alice, mediaId: up.mediaId, fileName: '年度报告 & 总结.pdf', size: file.length });
    expect(sent.msgId).toMatch(/^\d+$/);
    expect(sim.sent().at(-1)).toMatchObject({ msgId: sent.msgId, type: 6, fileName: '年度报告 & 总结.pdf', md5: md5(file), size: file.length, to: 'Alice' });
  });

  it('uploads a file from a stream factory and sends it', async () => {
    const file = bytes(700_000, 2);
    const { Readable } = await import('node:stream');
    const up = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'notes.txt', stream: () => Readable.from([file.subarray(0, 1234), file.subarray(1234)]), size: file.length });
    expect(up.chunks).toBe(2);
    await sendFile(s.ctx, { from: s.self, to: alice, mediaId: up.mediaId, fileName: 'notes.txt', size: file.length });
    expect(sim.sent().at(-1)).toMatchObject({ md5: md5(file), fileName: 'notes.txt' });
  });

  it('uploads an image and sends it with webwxsendmsgimg', async () => {
    const jpg = bytes(40_000, 3, JPEG_HEAD);
    const up = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'photo.jpg', bytes: jpg });
    expect(up).toMatchObject({ chunks: 1, mediaType: 'pic', mime: 'image/jpeg' });
    const sent = await sendImage(s.ctx, { from: s.self, to: alice, mediaId: up.mediaId });
    expect(sim.sent().at(-1)).toMatchObject({ msgId: sent.msgId, type: 3, md5: md5(jpg) });
    // the echo's image downloads as the uploaded bytes
    const back = await getMsgImage(s.ctx, sent.msgId);
    expect(!back.empty && back.bytes.equals(jpg)).toBe(true);
  });

  it('uploads an mp4 and sends it with webwxsendvideomsg; the echo downloads as the same bytes', async () => {
    const mp4 = bytes(600_000, 9, Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1'));
    const up = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'clip.mp4', bytes: mp4 });
    expect(up).toMatchObject({ chunks: 2, mediaType: 'video', mime: 'video/mp4' });
    const sent = await sendVideo(s.ctx, { from: s.self, to: alice, mediaId: up.mediaId });
    expect(sim.sent().at(-1)).toMatchObject({ msgId: sent.msgId, type: 43, md5: md5(mp4) });
    const back = await getVideo(s.ctx, sent.msgId, { stream: true });
    if (back.empty) throw new Error('video echo downloaded empty');
    expect(back.type.ext).toBe('mp4');
    expect(await computeMd5(back.stream)).toBe(md5(mp4));
  });

  it('sends an @-mention text with its MsgSource into a group', async () => {
    const room = sim.state().groups.find((g) => g.topic === 'Family')?.userName ?? '';
    const sent = await sendText(s.ctx, { from: s.self, to: room, content: '@Alice\u2005look', msgSource: mentionMsgSource([alice], room) });
    expect(sim.sent().at(-1)).toMatchObject({ msgId: sent.msgId, content: '@Alice\u2005look', room: 'Family' });
  });

  it('sends a GIF as an emoticon (uploaded as doc), then again by its md5', async () => {
    const gif = bytes(30_000, 4, GIF_HEAD);
    const up = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'dance.gif', bytes: gif });
    expect(up.mediaType).toBe('doc');
    const sent = await sendEmoticon(s.ctx, { from: s.self, to: alice, mediaId: up.mediaId });
    expect(sim.sent().at(-1)).toMatchObject({ msgId: sent.msgId, type: 47, md5: md5(gif) });
    const again = await sendEmoticon(s.ctx, { from: s.self, to: alice, md5: md5(gif) });
    expect(sim.sent().at(-1)).toMatchObject({ msgId: again.msgId, type: 47 });
  });

  it('treats Ret 1205 on upload (placeholder MediaId) as a rate-limited failure', async () => {
    sim.faults.add({ kind: 'uploadmedia', type: 'ret', ret: 1205 });
    const err = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'a.jpg', bytes: bytes(1000, 5, JPEG_HEAD) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRetError);
    expect((err as ServerRetError).rateLimited).toBe(true);
  });

  it('downloads each media kind and sniffs the type (GIF labelled image/jpeg)', async () => {
    const gif = bytes(5000, 6, GIF_HEAD);
    const emoticon = sim.inject({ kind: 'emoticon', from: 'Alice', data: gif });
    const e = await getMsgImage(s.ctx, emoticon.msgId, { size: 'big' });
    if (e.empty) throw new Error('emoticon downloaded empty');
    expect(e.contentType).toBe('image/jpeg');
    expect(e.type).toEqual({ mime: 'image/gif', ext: 'gif' });
    expect(e.bytes.equals(gif)).toBe(true);

    const image = sim.inject({ kind: 'image', from: 'Alice' });
    const full = await getMsgImage(s.ctx, image.msgId);
    const thumb = await getMsgImage(s.ctx, image.msgId, { size: 'thumb' });
    expect(!full.empty && full.type.ext).toBe('jpg');
    expect(!thumb.empty && thumb.type.ext).toBe('jpg');

    const voice = sim.inject({ kind: 'voice', from: 'Alice', durationMs: 2000 });
    const v = await getVoice(s.ctx, voice.msgId);
    expect(!v.empty && v.type.ext).toBe('mp3');

    const avatar = await getAvatar(s.ctx, { userName: alice });
    expect(!avatar.empty && avatar.type.ext).toBe('jpg');
    const family = sim.state().groups.find((g) => g.topic === 'Family')?.userName ?? '';
    const [contact] = (await batchGetContact(s.ctx, [{ UserName: family }])).ContactList;
    const groupAvatar = await getAvatar(s.ctx, { userName: family });
    expect(!groupAvatar.empty && groupAvatar.type.ext).toBe('jpg');
    const byUrl = await getAvatar(s.ctx, { headImgUrl: contact?.HeadImgUrl ?? '' });
    expect(!byUrl.empty && byUrl.type.ext).toBe('jpg');
  });

  it('a group member who is not a friend: the member form (chatroomid) serves the avatar, the plain form an empty body', async () => {
    // Mallory is in Dev Team and no friend (demo scenario).
    const mallory = sim.state().strangers.find((p) => p.nickName === 'Mallory')?.userName ?? '';
    const devTeam = sim.state().groups.find((g) => g.topic === 'Dev Team')?.userName ?? '';
    const family = sim.state().groups.find((g) => g.topic === 'Family')?.userName ?? '';
    const [room] = (await batchGetContact(s.ctx, [{ UserName: devTeam }])).ContactList;
    expect(room?.EncryChatRoomId).toMatch(/^@/);
    expect(await getAvatar(s.ctx, { userName: mallory })).toMatchObject({ empty: true });
    expect(await getAvatar(s.ctx, { userName: mallory, chatRoomId: family })).toMatchObject({ empty: true });
    const byEncry = await getAvatar(s.ctx, { userName: mallory, chatRoomId: room?.EncryChatRoomId ?? '' });
    expect(!byEncry.empty && byEncry.type.ext).toBe('jpg');
    // The reference gives the EncryChatRoomId here (unlike batchgetcontact, where the group's UserName also works).
    expect(await getAvatar(s.ctx, { userName: mallory, chatRoomId: devTeam })).toMatchObject({ empty: true });
    // A requester's avatar: by the request's msgid.
    const request = sim.inject({ kind: 'friend-request', nickName: 'Stranger Sam' });
    const sam = (request.entry as { RecommendInfo: { UserName: string } }).RecommendInfo.UserName;
    expect(await getAvatar(s.ctx, { userName: sam })).toMatchObject({ empty: true });
    const samAvatar = await getAvatar(s.ctx, { userName: sam, msgId: request.msgId });
    expect(!samAvatar.empty && samAvatar.type.ext).toBe('jpg');
  });

  it('downloads a video with Range (206) and reports a 0-byte video as empty', async () => {
    const video = sim.inject({ kind: 'video', from: 'Alice', seconds: 3 });
    const v = await getVideo(s.ctx, video.msgId);
    expect(v.status).toBe(206);
    expect(!v.empty && v.type.ext).toBe('mp4');
    const zero = sim.inject({ kind: 'video', from: 'Alice', zeroBytes: true });
    const z = await getVideo(s.ctx, zero.msgId);
    expect(z.empty).toBe(true);
    const zs = await getVideo(s.ctx, zero.msgId, { stream: true });
    expect(zs.empty).toBe(true);
  });

  it('downloads an attachment from FILE by EncryFileName, as bytes and as a stream', async () => {
    const data = bytes(300_000, 7, Buffer.from('%PDF-1.4'));
    const file = sim.inject({ kind: 'file', from: 'Alice', fileName: '合同 v2.pdf', data });
    const entry = file.entry as { MediaId: string; EncryFileName: string; FromUserName: string };
    const ref = { sender: entry.FromUserName, mediaId: entry.MediaId, encryFileName: entry.EncryFileName };
    const r = await getMedia(s.ctx, ref);
    expect(!r.empty && r.bytes.equals(data)).toBe(true);
    expect(!r.empty && r.type.ext).toBe('pdf');
    const st = await getMedia(s.ctx, ref, { stream: true });
    if (st.empty) throw new Error('attachment streamed empty');
    expect(await computeMd5(st.stream)).toBe(md5(data));
  });

  it('revokes inside the 2-minute window; outside it, a RevokeExpiredError says so', async () => {
    const sent = await sendText(s.ctx, { from: s.self, to: alice, content: 'oops' });
    expect(canRevoke(sent.localId)).toBe(true);
    const ok = await revokeMessage(s.ctx, { svrMsgId: sent.msgId, localId: sent.localId, to: alice });
    expect(ok.sysWording).toBeTruthy();
    expect(sim.sent().find((r) => r.msgId === sent.msgId)?.revoked).toBe(true);

    const late = await sendText(s.ctx, { from: s.self, to: alice, content: 'too late' });
    sim.advanceClock(121_000);
    const err = await revokeMessage(s.ctx, { svrMsgId: late.msgId, localId: late.localId, to: alice }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RevokeExpiredError);
    expect((err as Error).message).toMatch(/2-minute window passed/);
  });

  it('checks a file over 25 MB first, uploads it with AESKey/Signature, then skips a second upload', async () => {
    const big = bytes(26 * 1024 * 1024, 8);
    const sum = md5(big);
    const check = await checkUpload(s.ctx, { from: s.self, to: alice, fileName: 'big.zip', size: big.length, md5: sum });
    expect(check.mediaId).toBe('');
    expect(check.signature).not.toBe('');
    const up = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'big.zip', bytes: big, checkUpload: check });
    expect(up.chunks).toBe(52);
    await sendFile(s.ctx, { from: s.self, to: alice, mediaId: up.mediaId, fileName: 'big.zip', size: big.length, signature: check.signature });
    expect(sim.sent().at(-1)).toMatchObject({ md5: sum, size: big.length });

    const again = await checkUpload(s.ctx, { from: s.self, to: alice, fileName: 'big.zip', size: big.length, md5: sum });
    expect(again.mediaId).toBe(up.mediaId);
    const skipped = await uploadMedia(s.ctx, { from: s.self, to: alice, fileName: 'big.zip', bytes: big, checkUpload: again });
    expect(skipped).toMatchObject({ skipped: true, mediaId: up.mediaId });
  }, 120_000);

});
