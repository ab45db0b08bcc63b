import { compactJson, prettyJson, RawJson } from '../../src/util/wire-json';

describe('wire JSON (the real server formatting)', () => {
  it('pretty-prints objects with 4-space indents, keeps BaseResponse/SyncKey on one line and leaves undefined out', () => {
    const text = prettyJson({ BaseResponse: { Ret: 0, ErrMsg: '' }, Count: 1, Gone: undefined, SyncKey: { Count: 1, List: [{ Key: 1, Val: 2 }] }, User: { UserName: '@a' } });
    expect(text).toBe(
      '{\n    "BaseResponse": {"Ret": 0,"ErrMsg": ""},\n    "Count": 1,\n    "SyncKey": {"Count": 1,"List": [{"Key": 1,"Val": 2}]},\n    "User": {\n        "UserName": "@a"\n    }\n}',
    );
    expect(JSON.parse(text)).toEqual({ BaseResponse: { Ret: 0, ErrMsg: '' }, Count: 1, SyncKey: { Count: 1, List: [{ Key: 1, Val: 2 }] }, User: { UserName: '@a' } });
  });

  it('writes arrays of scalars compact, arrays of objects pretty, and empty arrays as []', () => {
    expect(prettyJson({ A: [1, 'x'], B: [], C: [{ D: 1 }] })).toBe('{\n    "A": [1, "x"],\n    "B": [],\n    "C": [{\n        "D": 1\n    }]\n}');
  });

  it('inserts RawJson verbatim: a MsgId printed as a bare 19-digit integer', () => {
    expect(compactJson({ NewMsgId: new RawJson('1792421123239927620') })).toBe('{"NewMsgId": 1792421123239927620}');
    expect(prettyJson(new RawJson('7'))).toBe('7');
    expect(compactJson(null)).toBe('null');
    expect(compactJson(undefined)).toBe('null');
  });
});
