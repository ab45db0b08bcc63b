import fc from 'fast-check';
import { canRevoke, clientMsgIdTime, newClientMsgId, RevokeExpiredError, revokeMessage, ServerRetError } from '@wxbot/protocol';
import { jsonWireServer } from '../helpers/json-wire';

describe('canRevoke', () => {
  const sent = 1_700_000_000_000;
  const id = newClientMsgId(sent);
  it('derives the send time from the first 13 digits of the ClientMsgId', () => {
    expect(id).toHaveLength(17);
    expect(clientMsgIdTime(id)).toBe(sent);
    expect(clientMsgIdTime('abc')).toBeUndefined();
  });
  it('allows less than 2 minutes after sending, not at or after 2 minutes', () => {
    expect(canRevoke(id, sent)).toBe(true);
    expect(canRevoke(id, sent + 119_999)).toBe(true);
    expect(canRevoke(id, sent + 120_000)).toBe(false);
    expect(canRevoke(id, sent + 3_600_000)).toBe(false);
    expect(canRevoke('not-an-id', sent)).toBe(false);
  });
  it('agrees with the age for any send time and delay', () => {
    fc.assert(fc.property(fc.integer({ min: 1e12, max: 9e12 }), fc.integer({ min: 0, max: 1e6 }), (t, age) => canRevoke(newClientMsgId(t), t + age) === age < 120_000));
  });
});

describe('revoke requests on the wire', () => {
  const wire = jsonWireServer();

  it('revokeMessage: SvrMsgId, ToUserName and the original ClientMsgId; Ret -1 -> RevokeExpiredError', async () => {
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, Introduction: '你可以撤回2分钟内发送的消息', SysWording: '已撤回' };
    const r = await revokeMessage(wire.ctx, { svrMsgId: '9001', localId: '17000000000001234', to: '@you' });
    expect(r).toEqual({ introduction: '你可以撤回2分钟内发送的消息', sysWording: '已撤回' });
    expect(wire.last().json).toMatchObject({ SvrMsgId: '9001', ToUserName: '@you', ClientMsgId: '17000000000001234' });
    wire.answer = { BaseResponse: { Ret: -1, ErrMsg: '' }, Introduction: '', SysWording: '' };
    const err = await revokeMessage(wire.ctx, { svrMsgId: '9001', localId: '17000000000001234', to: '@you', now: 1_700_000_300_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RevokeExpiredError);
    expect((err as RevokeExpiredError).code).toBe('WEBWX_REVOKE_EXPIRED');
    expect((err as Error).message).toMatch(/2-minute window passed \(its ClientMsgId says it was sent 300 s ago\)/);
    wire.answer = { BaseResponse: { Ret: 1, ErrMsg: '' } };
    await expect(revokeMessage(wire.ctx, { svrMsgId: 'x', localId: '1', to: '@you' })).rejects.toBeInstanceOf(ServerRetError);
  });
});
