// Public API of @wxbot/server: the control API, SSE, metrics, webhooks and web console of one Bot.
export { startControlServer } from './server';
export { HandlerTimer } from './handler-timer';
export type { HandlerTiming } from './handler-timer';
export type { ControlServer, ControlServerOptions } from './server';
export { ServerError, STATUS_OF } from './errors';
export type { ServerErrorCode, ErrorBody } from './errors';
export { EVENT_TYPES } from './event-hub';
export type { ApiEvent, EventData, EventType, AccountView } from './event-hub';
export type { WebhookConfig } from './webhooks';
export { sign as signWebhook, verify as verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-sign';
export { isLoopback, TOKEN_FILE } from './token';
export type { ResolvedToken } from './token';
export type { ContactView, RoomView, MessageView } from './views';
export type { ActionRecord } from './action-table';
