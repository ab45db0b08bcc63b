import { WxbotError } from '@wxbot/core';

/** The account every key belongs to when none is named. */
export const DEFAULT_ACCOUNT = 'default';

const ACCOUNT_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Refuse an account name that cannot be part of a key (WXBOT_ACCOUNT_NAME). */
export function checkAccountName(account: string): string {
  if (!ACCOUNT_NAME.test(account)) {
    throw new WxbotError('WXBOT_ACCOUNT_NAME', `account name ${JSON.stringify(account)} is not allowed; use 1-64 letters, digits, ".", "_" or "-" (e.g. "sales-1")`, { account });
  }
  return account;
}

/**
 * The Redis keys of one account. Every key of an account shares the hash tag `{account}`, so a
 * Redis Cluster keeps them in one slot and the write script may touch them together.
 */
export interface AccountKeys {
  /** LIST of `<section>\t<json>` records, in append order. */
  readonly log: string;
  /** HASH: `seq`, the number of the last write group applied (makes a retried write idempotent). */
  readonly meta: string;
  /** HASH with a TTL: `token`, `owner`, `since`, `renewed`: the worker that runs the account. */
  readonly lease: string;
  /** STRING counter: the last fencing token handed out. */
  readonly fence: string;
  /** Prefix of the STRINGs holding media bytes of queued sends: `<media><sha1>`. */
  readonly media: string;
}

/** The keys of `account` under `prefix` (default `wxbot`). */
export function accountKeys(account: string, prefix = 'wxbot'): AccountKeys {
  const base = `${prefix}:{${checkAccountName(account)}}`;
  return { log: `${base}:log`, meta: `${base}:meta`, lease: `${base}:lease`, fence: `${base}:fence`, media: `${base}:media:` };
}
