import type { Bot, StateStore } from '@wxbot/core';
import type { FastifyRequest } from 'fastify';
import type { OpenBotContext } from './bot-context';
import type { RouteScope, ServerContext } from './context';
import { ServerError } from './errors';

/** A registered account as the fleet store knows it: who holds it (none: `worker` undefined). */
export interface FleetAccountListing {
  account: string;
  /** The worker holding its lease, if any. */
  worker?: string | undefined;
  /** That worker's control API, when the fleet store knows it. */
  url?: string | undefined;
}

/** Lists every registered account with its holder (e.g. from the fleet store). */
export type FleetAccountLister = () => Promise<readonly FleetAccountListing[]>;

/** An account this worker holds, as a fleet server keeps it. */
export interface AttachedAccount {
  readonly account: string;
  readonly bot: Bot;
  readonly opened: OpenBotContext;
  readonly store: StateStore | undefined;
  /** Stops its metrics and its share of the fleet-wide event stream. */
  readonly unsubscribe: () => void;
}

/** The route prefix of one account on a fleet server. */
export const ACCOUNT_PREFIX = '/api/accounts/:account';

/**
 * The accounts a fleet server serves right now, and the scope that resolves
 * `/api/accounts/:account/...` to one of them per request.
 */
export class FleetAccounts {
  private readonly held = new Map<string, AttachedAccount>();

  constructor(private readonly lister?: FleetAccountLister) {}

  get(account: string): AttachedAccount | undefined {
    return this.held.get(account);
  }

  set(entry: AttachedAccount): void {
    this.held.set(entry.account, entry);
  }

  delete(entry: AttachedAccount): boolean {
    if (this.held.get(entry.account) !== entry) return false;
    this.held.delete(entry.account);
    return true;
  }

  /** Sorted by account name. */
  all(): AttachedAccount[] {
    return [...this.held.values()].sort((a, b) => a.account.localeCompare(b.account));
  }

  /** The registered accounts with their holders, or none without a lister (a failing store is logged by the caller). */
  async listing(): Promise<readonly FleetAccountListing[]> {
    return this.lister ? this.lister() : [];
  }

  /**
   * The coded error for an account this worker does not hold, naming who does when the fleet
   * store knows: a client (or a proxy) then asks that worker.
   */
  async notHere(account: string): Promise<ServerError> {
    const shown = JSON.stringify(account);
    let listed: FleetAccountListing | undefined;
    let known = false;
    try {
      const all = await this.listing();
      known = this.lister !== undefined;
      listed = all.find((l) => l.account === account);
    } catch {
      // The store did not answer: say what is certain (not here) and no more.
    }
    const base = `account ${shown} is not held by this worker`;
    if (listed?.worker) return new ServerError('WXBOT_API_ACCOUNT_NOT_HERE', `${base}; worker ${listed.worker} holds it${listed.url ? `: ask ${listed.url}/api/accounts/${encodeURIComponent(account)}` : ''} (GET /api/accounts lists every account and its worker)`);
    if (listed) return new ServerError('WXBOT_API_ACCOUNT_NOT_HERE', `${base}, nor by any other worker right now: it waits for a worker with room (start one, or raise --max-accounts)`);
    if (known) return new ServerError('WXBOT_API_ACCOUNT_NOT_HERE', `${base}, and no account ${shown} is registered; add it with wxbot accounts add ${account}, or see GET /api/accounts`);
    return new ServerError('WXBOT_API_ACCOUNT_NOT_HERE', `${base}; GET /api/accounts lists the accounts it holds`);
  }

  /** The per-bot routes' scope: the bot of `:account`, or WXBOT_API_ACCOUNT_NOT_HERE. */
  scope(): RouteScope {
    return {
      prefix: ACCOUNT_PREFIX,
      ctx: (req: FastifyRequest): ServerContext => {
        const account = (req.params as { account?: string }).account ?? '';
        const entry = this.held.get(account);
        // The preValidation hook answered unheld accounts with their holder; this is a detach racing the request.
        if (!entry) throw new ServerError('WXBOT_API_ACCOUNT_NOT_HERE', `account ${JSON.stringify(account)} is not held by this worker (it just left); GET /api/accounts lists who holds it`);
        return entry.opened.ctx;
      },
    };
  }
}
