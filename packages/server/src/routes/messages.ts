import type { FastifyInstance } from 'fastify';
import type { RouteScope } from '../context';
import { ServerError } from '../errors';
import { queueForward, queueSend, type ApiOutgoing } from '../send';
import { actionSchema, bearer, errorSchema } from './schemas';

interface SendBody {
  to: string;
  text?: string;
  image?: string;
  file?: string;
  video?: string;
  name?: string;
  link?: { title: string; url: string; description?: string; thumbUrl?: string };
  forward?: string;
}

const base64 = { type: 'string', minLength: 1, description: 'the bytes, base64 (a data: URI prefix is accepted)' } as const;
const sendSchema = {
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: { type: 'string', minLength: 1, description: 'a chat id or stable id from GET /api/contacts or GET /api/rooms' },
    text: { type: 'string', minLength: 1 },
    image: base64,
    file: base64,
    video: base64,
    name: { type: 'string', minLength: 1, maxLength: 255, description: 'file name the recipient sees (required with file)' },
    link: {
      type: 'object',
      required: ['title', 'url'],
      additionalProperties: false,
      description: 'a link (article) card; thumbUrl is an http(s) address (the web protocol cannot upload a thumbnail)',
      properties: { title: { type: 'string', minLength: 1 }, url: { type: 'string', minLength: 1 }, description: { type: 'string' }, thumbUrl: { type: 'string' } },
    },
    forward: { type: 'string', minLength: 1, description: 'forward a received message: the id of its "message" event or webhook' },
  },
  oneOf: [{ required: ['text'] }, { required: ['image'] }, { required: ['file'] }, { required: ['video'] }, { required: ['link'] }, { required: ['forward'] }],
} as const;

function bytes(field: string, value: string): Buffer {
  const b64 = value.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
    throw new ServerError('WXBOT_API_BAD_REQUEST', `${field} is not base64; send the file's bytes base64-encoded`);
  }
  return Buffer.from(b64, 'base64');
}

function outgoingOf(body: SendBody): ApiOutgoing {
  if (body.text !== undefined) return { text: body.text };
  if (body.link !== undefined) return { link: body.link };
  const named = body.name ? { name: body.name } : {};
  if (body.image !== undefined) return { image: bytes('image', body.image), ...named };
  if (body.video !== undefined) return { video: bytes('video', body.video), ...named };
  if (!body.name) throw new ServerError('WXBOT_API_BAD_REQUEST', 'a file needs a name (the recipient sees it): add "name": "report.pdf"');
  return { file: bytes('file', body.file ?? ''), name: body.name };
}

/** `POST /api/messages`, `GET /api/messages/:id`, `GET /api/outbox`. */
export function messageRoutes(app: FastifyInstance, scope: RouteScope): void {
  app.post<{ Body: SendBody }>(
    `${scope.prefix}/messages`,
    {
      schema: {
        summary: 'Queue a text, media or link card send, or a forward, through the outbox; answers 202 with the action id',
        security: bearer,
        body: sendSchema,
        response: { 202: { type: 'object', properties: { actionId: { type: 'string' }, status: { type: 'string' } } }, 400: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema },
      },
    },
    async (req, reply) => {
      const ctx = scope.ctx(req);
      const record = req.body.forward !== undefined ? queueForward(ctx, req.body.to, req.body.forward) : queueSend(ctx, req.body.to, outgoingOf(req.body));
      return reply.code(202).send({ actionId: record.id, status: record.status });
    },
  );

  app.get<{ Params: { id: string } }>(
    `${scope.prefix}/messages/:id`,
    { schema: { summary: 'What became of a send asked through the API', security: bearer, response: { 200: actionSchema, 404: errorSchema } } },
    async (req) => {
      const ctx = scope.ctx(req);
      const record = ctx.actions.get(req.params.id);
      if (!record) throw new ServerError('WXBOT_API_NOT_FOUND', `no send ${JSON.stringify(req.params.id)}: the id comes from POST /api/messages (the last 500 are kept)`);
      return record;
    },
  );

  const queuedSchema = {
    type: 'object',
    properties: { id: { type: 'string' }, kind: { type: 'string' }, key: { type: 'string' }, attempts: { type: 'integer' }, createdAt: { type: 'number' }, running: { type: 'boolean' } },
  } as const;
  app.get(
    `${scope.prefix}/outbox`,
    {
      schema: {
        summary: 'Queued outgoing work (from plugins and the API) and the recent API sends',
        security: bearer,
        response: { 200: { type: 'object', properties: { queued: { type: 'array', items: queuedSchema }, breakers: { type: 'object', additionalProperties: { type: 'string' } }, recent: { type: 'array', items: actionSchema } } } },
      },
    },
    async (req) => {
      const ctx = scope.ctx(req);
      const { queued, breakers } = ctx.bot.outbox.inspect();
      return { queued, breakers, recent: ctx.actions.list().slice(0, 50) };
    },
  );
}
