import type { BaseResponse } from '@wxbot/wire-types';
import { MalformedBodyError, ServerRetError } from '../errors';

/** A check of the fields a caller relies on; returns a problem description or undefined. */
export type ShapeCheck = (value: Record<string, unknown>) => string | undefined;

/**
 * Parse a JSON API body (served as text/plain). Malformed JSON, a missing BaseResponse
 * or a failed shape check is a MalformedBodyError; `Ret != 0` is a ServerRetError unless listed
 * in `okRets` (e.g. createchatroom's -2013).
 */
export function parseJsonBody<T>(endpoint: string, body: string, check?: ShapeCheck, okRets: readonly number[] = []): T {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new MalformedBodyError(endpoint, 'not JSON', body, { cause: err });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedBodyError(endpoint, 'not a JSON object', body);
  }
  const obj = value as Record<string, unknown>;
  const base = obj['BaseResponse'] as Partial<BaseResponse> | undefined;
  if (!base || typeof base !== 'object' || typeof base.Ret !== 'number') {
    throw new MalformedBodyError(endpoint, 'no BaseResponse.Ret', body);
  }
  if (base.Ret !== 0 && !okRets.includes(base.Ret)) throw new ServerRetError(endpoint, base.Ret, typeof base.ErrMsg === 'string' ? base.ErrMsg : '');
  const problem = check?.(obj);
  if (problem) throw new MalformedBodyError(endpoint, problem, body);
  return value as T;
}

/** Shape helpers for ShapeCheck implementations. */
export const has = {
  array: (o: Record<string, unknown>, key: string): string | undefined =>
    Array.isArray(o[key]) ? undefined : `${key} is not an array`,
  number: (o: Record<string, unknown>, key: string): string | undefined =>
    typeof o[key] === 'number' ? undefined : `${key} is not a number`,
  string: (o: Record<string, unknown>, key: string): string | undefined =>
    typeof o[key] === 'string' ? undefined : `${key} is not a string`,
  syncKey: (o: Record<string, unknown>, key: string): string | undefined => {
    const k = o[key] as { List?: unknown } | undefined;
    return k && typeof k === 'object' && Array.isArray(k.List) ? undefined : `${key}.List is not an array`;
  },
};

/** Run several checks, returning the first problem. */
export function allOf(...checks: ShapeCheck[]): ShapeCheck {
  return (o) => {
    for (const c of checks) {
      const p = c(o);
      if (p) return p;
    }
    return undefined;
  };
}
