import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AttachedAccount, FleetAccounts, FleetAccountListing } from '../fleet-accounts';
import { bearer } from './schemas';

const accountItem = {
  type: 'object',
  properties: {
    account: { type: 'string' },
    here: { type: 'boolean', description: 'this worker holds it (its routes are under /api/accounts/:account)' },
    worker: { type: 'string', nullable: true, description: 'the worker holding it; null: none does' },
    url: { type: 'string', nullable: true, description: "that worker's control API, when the fleet store knows it" },
    state: { type: 'string', nullable: true },
    ready: { type: 'boolean' },
    qrPending: { type: 'boolean', description: 'a scan is needed: GET /api/accounts/:account/qr' },
    name: { type: 'string', nullable: true, description: 'the logged-in WeChat name' },
    loginMethod: { type: 'string', nullable: true },
    uptimeSeconds: { type: 'number', nullable: true, description: 'since this worker took the account' },
  },
} as const;

const listSchema = {
  type: 'object',
  properties: {
    worker: { type: 'string', nullable: true },
    counts: { type: 'object', properties: { here: { type: 'integer' }, running: { type: 'integer' }, qrPending: { type: 'integer' }, registered: { type: 'integer', nullable: true } } },
    registryError: { type: 'string', description: 'the fleet store did not answer: only the accounts here are listed' },
    items: { type: 'array', items: accountItem },
  },
} as const;

function heldView(entry: AttachedAccount, worker: string | undefined) {
  const { bot, hub, startedAt } = entry.opened.ctx;
  const loggedIn = bot.state === 'running' || bot.state === 'reconnecting';
  return {
    account: entry.account,
    here: true,
    worker: worker ?? null,
    url: null,
    state: bot.state,
    ready: bot.state === 'running',
    qrPending: hub.qr !== undefined,
    name: loggedIn ? (hub.account?.name ?? null) : null,
    loginMethod: loggedIn ? (hub.loginMethod ?? null) : null,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}

const elsewhereView = (l: FleetAccountListing) => ({ account: l.account, here: false, worker: l.worker ?? null, url: l.url ?? null, state: null, ready: false, qrPending: false, name: null, loginMethod: null, uptimeSeconds: null });

/**
 * `GET /api/accounts`: every account this worker holds (state, ready, QR pending, logged-in name,
 * uptime), then, given a lister, the registered accounts other workers hold or none does; and
 * `GET /healthz` of a fleet worker.
 */
export function accountRoutes(app: FastifyInstance, accounts: FleetAccounts, worker: string | undefined, log: Logger): void {
  app.get('/api/accounts', { schema: { summary: 'The accounts of the fleet: those here first, with state and QR; then the others with their worker', security: bearer, response: { 200: listSchema } } }, async () => {
    const held = accounts.all().map((e) => heldView(e, worker));
    let listing: readonly FleetAccountListing[] | undefined;
    let registryError: string | undefined;
    try {
      listing = await accounts.listing();
    } catch (err) {
      registryError = (err as Error).message;
      log.warn({ err: registryError }, 'GET /api/accounts: the fleet store did not answer');
    }
    const here = new Set(held.map((h) => h.account));
    const others = (listing ?? []).filter((l) => !here.has(l.account)).map(elsewhereView).sort((a, b) => a.account.localeCompare(b.account));
    return {
      worker: worker ?? null,
      counts: { here: held.length, running: held.filter((h) => h.ready).length, qrPending: held.filter((h) => h.qrPending).length, registered: listing ? new Set([...here, ...listing.map((l) => l.account)]).size : null },
      ...(registryError ? { registryError } : {}),
      items: [...held, ...others],
    };
  });

  const health = { type: 'object', properties: { ok: { type: 'boolean' }, accounts: { type: 'integer' }, running: { type: 'integer' } } } as const;
  app.get('/healthz', { schema: { summary: 'The worker is up, with how many accounts it holds', response: { 200: health } } }, async () => {
    const all = accounts.all();
    return { ok: true, accounts: all.length, running: all.filter((e) => e.opened.ctx.bot.state === 'running').length };
  });
}
