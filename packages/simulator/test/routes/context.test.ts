import { jsonBody, type RequestContext } from '../../src/routes/context';

const withBody = (body: string): RequestContext => ({ body: Buffer.from(body, 'utf8') }) as RequestContext;

describe('jsonBody', () => {
  it('parses a JSON object body', () => {
    expect(jsonBody(withBody('{"BaseRequest":{"Uin":1},"Msg":{"Content":"你好"}}'))).toEqual({ BaseRequest: { Uin: 1 }, Msg: { Content: '你好' } });
  });

  it('answers undefined for no body, invalid JSON, or JSON that is not an object', () => {
    for (const body of ['', '{"a":', 'null', '[1]', '"text"', '3']) expect([body, jsonBody(withBody(body))]).toEqual([body, undefined]);
  });
});
