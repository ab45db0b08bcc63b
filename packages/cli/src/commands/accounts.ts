import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { UsageError } from './args';
import { CliError } from './cli-error';

export const ACCOUNTS_USAGE = `Usage: wxbot accounts <add NAME --config FILE | list | workers | remove NAME> [--store URL]

  add NAME --config FILE   register account NAME, to run with that config file
  list                     every account: owner worker (and its URL), state, last heartbeat, governor state
  workers                  the live wxbot fleet workers: accounts held, max, heartbeat, version, URL
  remove NAME              unregister NAME and delete its state in Redis (refused while it runs)
  --store URL              the Redis of the accounts (default: WXBOT_STORE, else the config's store)`;

interface AccountsIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  write(text: string): void;
}

const age = (ms: number | null, now: number): string => (ms === null ? '-' : `${Math.max(0, Math.round((now - ms) / 1000))} s ago`);

/** Columns padded to their widest cell, two spaces apart. */
function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

/**
 * `wxbot accounts add | list | workers | remove`: the accounts of a Redis store (docs/scaling.md). The
 * Redis client is loaded only here.
 */
export async function accounts(argv: readonly string[], io: AccountsIo): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { config: { type: 'string' }, store: { type: 'string' } }, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [action, name, ...extra] = parsed.positionals;
  const wanted = action === 'list' || action === 'workers' ? 0 : 1;
  if (!action || !['add', 'list', 'workers', 'remove'].includes(action) || (wanted === 1 && !name) || (wanted === 0 && name) || extra.length > 0) {
    throw new UsageError(`accounts expects add NAME --config FILE, list, or remove NAME (or workers: the live fleet workers)\n\n${ACCOUNTS_USAGE}`);
  }
  const configFile = parsed.values.config && path.resolve(io.cwd, parsed.values.config);
  if (action === 'add' && !configFile) throw new UsageError('accounts add NAME needs --config FILE: the config the account runs with');
  if (configFile && !existsSync(configFile)) throw new CliError(`config file ${configFile} does not exist`);
  const config = await loadConfig({ cwd: io.cwd, configPath: configFile, flags: { store: parsed.values.store }, env: io.env });
  if (!config.store) throw new CliError('no Redis store: pass --store redis://HOST:PORT/DB, set WXBOT_STORE, or set store in the config');

  const store = require('@wxbot/store-redis') as typeof import('@wxbot/store-redis');
  const redis = await store.connectRedis(config.store.url);
  try {
    if (action === 'add') {
      await store.addAccount(redis, name as string, { config: configFile as string });
      io.write(`account "${name}" added (config ${configFile})\n`);
    } else if (action === 'remove') {
      await store.removeAccount(redis, name as string);
      io.write(`account "${name}" removed\n`);
    } else if (action === 'workers') {
      const now = Date.now();
      const rows = (await store.listWorkers(redis)).map((w) => [w.owner, String(w.accounts), String(w.maxAccounts), age(w.heartbeatAt, now), age(w.startedAt, now), w.version, w.url ?? '-']);
      io.write(table([['OWNER', 'ACCOUNTS', 'MAX', 'HEARTBEAT', 'STARTED', 'VERSION', 'URL'], ...rows]));
    } else {
      const list = await store.listAccounts(redis);
      const now = Date.now();
      // The worker's URL (its control API) beside its name, when its heartbeat gives one.
      const owner = (a: (typeof list)[number]): string => (a.owner === null ? '-' : a.ownerUrl ? `${a.owner} (${a.ownerUrl})` : a.owner);
      io.write(table([['NAME', 'OWNER', 'STATE', 'HEARTBEAT', 'GOVERNOR', 'CONFIG'], ...list.map((a) => [a.name, owner(a), a.botState && a.state === 'running' ? `running (${a.botState})` : a.state, age(a.heartbeatAt, now), a.governor ?? '-', a.config ?? '-'])]));
    }
  } finally {
    redis.disconnect();
  }
}
