// Shared JSON schemas: they validate requests, shape answers (fields not listed are never sent)
// and feed /api/openapi.json.

export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
} as const;

export const accountSchema = { type: 'object', nullable: true, properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;

export const contactSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, stableId: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, nickName: { type: 'string' }, remarkName: { type: 'string' } },
} as const;

export const roomSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, stableId: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, topic: { type: 'string' }, memberCount: { type: 'integer' } },
} as const;

export const actionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    to: { type: 'string' },
    toName: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'sent', 'failed'] },
    createdAt: { type: 'string' },
    msgId: { type: 'string' },
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;

export const searchQuery = {
  type: 'object',
  properties: { q: { type: 'string', maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
  additionalProperties: false,
} as const;

/** Security requirement of the `/api` routes in the OpenAPI document. */
export const bearer = [{ bearerAuth: [] }];
