import type { BaseResponse } from '@wxbot/wire-types';
import type { SimCore } from '../core';
import { authenticate } from '../session/auth';
import type { Session } from '../session/session';
import { wireJson, wireJsonCompact, type SimResponse } from '../util/response';
import type { Handler, RequestContext } from './context';

export function baseResponse(ret = 0, errMsg = ''): BaseResponse {
  return { Ret: ret, ErrMsg: errMsg };
}

export interface JsonApi {
  /** Reject calls without a BaseRequest body (init, sync, send …). */
  needBaseRequest: boolean;
  /** One-line JSON as in the captures of small answers. */
  compact?: boolean;
  /** The answer's shape when `Ret ≠ 0`: real servers keep the other fields, empty. */
  failure: (ret: number) => Record<string, unknown>;
  handle: (core: SimCore, ctx: RequestContext, session: Session, body: Record<string, unknown>) => SimResponse;
}

/** Wraps a JSON API: forced `ret` faults, authentication, and the failure shape. */
export function jsonApi(api: JsonApi): Handler {
  const fail = (ret: number): SimResponse => (api.compact ? wireJsonCompact : wireJson)(api.failure(ret));
  return (core, ctx) => {
    if (ctx.forced?.type === 'ret') return fail(ctx.forced.ret ?? -1);
    const auth = authenticate(core, ctx, api.needBaseRequest);
    if (!auth.ok) return fail(auth.ret);
    return api.handle(core, ctx, auth.session, auth.body);
  };
}
