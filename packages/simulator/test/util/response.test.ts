import { controlJson, errorPage, html, javascript, textResponse, wireJson, wireJsonCompact } from '../../src/util/response';

describe('simulator responses', () => {
  it('serves webwx JSON as compressible text/plain, with Set-Cookie only when given', () => {
    const r = wireJson({ BaseResponse: { Ret: 0, ErrMsg: '' } }, ['a=1']);
    expect(r).toMatchObject({ status: 200, compressible: true, headers: { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1'] } });
    expect(JSON.parse(String(r.body))).toEqual({ BaseResponse: { Ret: 0, ErrMsg: '' } });
    expect(wireJsonCompact({ A: 1 }).headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(wireJsonCompact({ A: 1 }).body).toBe('{"A": 1}');
    expect(textResponse('x', 'text/xml').headers).not.toHaveProperty('Set-Cookie');
  });

  it('serves login scripts uncached and control answers as application/json', () => {
    expect(javascript('window.code=408;').headers).toEqual({ 'Content-Type': 'text/javascript', 'Cache-Control': 'no-cache, must-revalidate' });
    expect(controlJson({ error: 'x' }, 404)).toEqual({ status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"error":"x"}' });
    expect(html('<p>', 201).status).toBe(201);
  });

  it('answers errors with the nginx page of the real front end', () => {
    const page = errorPage(503);
    expect(page.status).toBe(503);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>503 Service Temporarily Unavailable</title>');
    expect(page.body).toContain('<center>nginx</center>');
    expect(errorPage(418).body).toContain('<h1>418 Error</h1>');
  });
});
