/**
 * @wxbot/protocol: the client side of the webwx wire. One typed function per endpoint,
 * explicit parsers (never eval), typed errors. No state machine and no loops: those
 * live in @wxbot/core.
 */
export * from './codes';
export * from './errors';
export * from './hosts';
export * from './ids';
export * from './session-context';
export * from './http/client';
export { parseEndpoint, type EndpointTarget } from './http/endpoint';
export * from './parse/js-assignments';
export * from './parse/login-bodies';
export * from './parse/login-ticket';
export * from './parse/json-body';
export * from './endpoints/login';
export * from './endpoints/uos';
export * from './endpoints/init';
export * from './endpoints/contacts';
export * from './endpoints/sync';
export * from './endpoints/send';
export * from './endpoints/logout';
export * from './endpoints/send-media';
export * from './endpoints/send-app';
export * from './endpoints/upload';
export * from './endpoints/check-upload';
export { computeMd5 } from './media/upload-source';
export * from './endpoints/download';
export * from './endpoints/revoke';
export * from './endpoints/contact-ops';
export * from './endpoints/chatroom';
export * from './media/sniff';
export * from './media/multipart';
export * from './media/upload-form';
export type * from '@wxbot/wire-types';
