import { AddressBook } from '../../src/contacts/address-book';
import { Directory } from '../../src/contacts/directory';
import { demoScenario } from '../../src/scenario/demo';
import { BAD_PARAM, BAD_REQUEST, NO_GROUP, NOT_FRIEND, resolveTarget, sendAnswer, sendFailure, sendMsg } from '../../src/routes/send-common';
import { Rng } from '../../src/util/rng';

describe('send checks', () => {
  const book = new AddressBook(demoScenario(), new Rng(1));
  const dir = new Directory(book, new Rng(2));
  const user = (name: string): string => dir.personUserName(book.findPerson(name)!);

  it('sends to friends (named by remark), official accounts, specials, and groups the account is in', () => {
    expect(resolveTarget(dir, user('Bob'))).toMatchObject({ ok: true, to: 'Bobby' });
    expect(resolveTarget(dir, user('Tech Weekly'))).toMatchObject({ ok: true, to: 'Tech Weekly' });
    expect(resolveTarget(dir, 'filehelper')).toMatchObject({ ok: true, to: '文件传输助手' });
    const family = book.findGroup('Family')!;
    expect(resolveTarget(dir, dir.groupUserName(family))).toMatchObject({ ok: true, to: 'Family', room: 'Family', group: family });
  });

  it('refuses self and strangers with 1204, unknown users with 1204, unknown or left groups with 1201', () => {
    expect([NOT_FRIEND, NO_GROUP, BAD_REQUEST, BAD_PARAM]).toEqual([1204, 1201, 1200, 1]);
    expect(resolveTarget(dir, dir.selfUserName)).toEqual({ ok: false, ret: 1204 });
    expect(resolveTarget(dir, user('Mallory'))).toEqual({ ok: false, ret: 1204 });
    expect(resolveTarget(dir, '@nobody')).toEqual({ ok: false, ret: 1204 });
    expect(resolveTarget(dir, '@@nothing')).toEqual({ ok: false, ret: 1201 });
    const own = new AddressBook(demoScenario(), new Rng(1));
    const ownDir = new Directory(own, new Rng(2));
    const family = own.findGroup('Family')!;
    family.members = family.members.filter((m) => m !== 0);
    expect(resolveTarget(ownDir, ownDir.groupUserName(family))).toEqual({ ok: false, ret: 1201 });
  });

  it('reads the Msg of a send body only with a ToUserName, and answers in the compact send shape', () => {
    expect(sendMsg({ Msg: { ToUserName: '@a', Content: 'x' } })).toEqual({ ToUserName: '@a', Content: 'x' });
    expect(sendMsg({ Msg: { Content: 'x' } })).toBeUndefined();
    expect(sendMsg({})).toBeUndefined();
    expect(sendAnswer(0, '123', '456').body).toBe('{"BaseResponse": {"Ret": 0,"ErrMsg": ""},"MsgID": "123","LocalID": "456"}');
    expect(sendFailure(1205)).toEqual({ BaseResponse: { Ret: 1205, ErrMsg: '' }, MsgID: '', LocalID: '' });
  });
});
