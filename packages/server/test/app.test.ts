import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createApp, finishApp } from '../src/app';
import { ServerError } from '../src/errors';

const TOKEN = 'app-test-token-0123456789';

// The Fastify base both servers build on, with routes of the test's own, over real HTTP.
describe('createApp and finishApp', () => {
  let app: FastifyInstance;
  let url: string;
  const logged: string[] = [];
  beforeAll(async () => {
    app = await createApp({ log: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }), token: TOKEN, bodyLimit: 1024 });
    app.get('/open', async () => ({ open: true }));
    app.get('/api/ok', async () => ({ ok: true }));
    app.get('/metrics', async () => 'm 1\n');
    app.get('/api/coded', async () => {
      throw new ServerError('WXBOT_API_UNKNOWN_CHAT', 'no chat "@x" in this session');
    });
    app.get('/api/boom', async () => {
      throw new Error('secret detail skey=@crypt_1');
    });
    app.post('/api/body', { schema: { body: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } } }, async (req) => req.body);
    url = await finishApp(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  const get = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) } });
  const body = async (res: Response) => (await res.json()) as { error?: { code: string; message: string } };

  it('listens where it says', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('asks for the token on /api and /metrics only, with a coded 401 that says where the token is', async () => {
    expect(await (await get('/open')).json()).toEqual({ open: true });
    const missing = await get('/api/ok');
    expect(missing.status).toBe(401);
    expect((await body(missing)).error).toEqual({ code: 'WXBOT_API_UNAUTHORIZED', message: expect.stringContaining('missing "Authorization: Bearer <token>"') });
    const wrong = await get('/api/ok', 'not-the-token');
    expect(wrong.status).toBe(401);
    expect((await body(wrong)).error?.message).toMatch(/^wrong token/);
    expect((await get('/metrics')).status).toBe(401);
    expect(await (await get('/api/ok', TOKEN)).json()).toEqual({ ok: true });
    expect(await (await get('/metrics', TOKEN)).text()).toBe('m 1\n');
    // An unknown path under /api reveals nothing without the token either.
    expect((await get('/api/nothing-here')).status).toBe(401);
  });

  it('answers errors as { error: { code, message } } with the status of the code, and hides internal ones', async () => {
    const coded = await get('/api/coded', TOKEN);
    expect(coded.status).toBe(404);
    expect((await body(coded)).error).toEqual({ code: 'WXBOT_API_UNKNOWN_CHAT', message: 'no chat "@x" in this session' });
    const notFound = await get('/api/nothing-here?x=1', TOKEN);
    expect(notFound.status).toBe(404);
    expect((await body(notFound)).error).toEqual({ code: 'WXBOT_API_NOT_FOUND', message: 'no route GET /api/nothing-here; see GET /api/openapi.json' });
    const invalid = await get('/api/body', TOKEN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nope: 1 }) });
    expect(invalid.status).toBe(400);
    expect((await body(invalid)).error).toMatchObject({ code: 'WXBOT_API_BAD_REQUEST', message: expect.stringMatching(/^invalid request: .*text/) });
    const badJson = await get('/api/body', TOKEN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":' });
    expect(badJson.status).toBe(400);
    expect((await body(badJson)).error?.code).toBe('WXBOT_API_BAD_REQUEST');
    const large = await get('/api/body', TOKEN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(2000) }) });
    expect(large.status).toBe(413);
    expect((await body(large)).error).toEqual({ code: 'WXBOT_API_TOO_LARGE', message: expect.stringContaining('limit 1024 bytes') });
    const boom = await get('/api/boom', TOKEN);
    expect(boom.status).toBe(500);
    expect((await body(boom)).error).toEqual({ code: 'WXBOT_API_INTERNAL', message: 'internal error; see the bot log' });
    expect(logged.join('')).toContain('control API request failed');
  });

  it('serves the OpenAPI document (with the bearer scheme, behind the token) and the console with its CSP', async () => {
    expect((await get('/api/openapi.json')).status).toBe(401);
    const doc = (await (await get('/api/openapi.json', TOKEN)).json()) as { components: unknown; paths: Record<string, unknown> };
    expect(doc.components).toMatchObject({ securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/ok', '/api/body']));
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    expect(await page.text()).toMatch(/<html/i);
  });
});
