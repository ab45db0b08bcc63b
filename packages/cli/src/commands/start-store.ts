import type { MediaStash, StateStore } from '@wxbot/core';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config';

/** The Redis state store of `wxbot start`, and what to do with it at stop. */
export interface StartStore {
  store: StateStore;
  /** Where media waiting to be sent keep their bytes (Redis), for BotOptions.mediaStash. */
  media: MediaStash;
  /** Call when another worker took the account (the bot must stop at once). */
  onLost(listener: () => void): void;
  /** The bot's state, for `wxbot accounts list`. */
  reportState(state: string): void;
  /** Give the lease back and close the connection (after bot.stop()). */
  release(): Promise<void>;
}

/**
 * Open the state store `store` names (a Redis URL), for its `account`; undefined without one (the
 * bot keeps its state log in the home). `@wxbot/store-redis` and ioredis are loaded only here,
 * so a bot without Redis never loads them.
 */
export async function openStartStore(config: ResolvedConfig, logger: Logger): Promise<StartStore | undefined> {
  if (!config.store) return undefined;
  const { url, account } = config.store;
  const { openRedisStore } = require('@wxbot/store-redis') as typeof import('@wxbot/store-redis');
  const store = await openRedisStore(url, {
    account,
    onError: (err) => logger.warn({ err, account: account }, err.message),
  });
  logger.info({ store: store.location, account: account, token: store.lease.token }, `state store: Redis, account "${account}" (lease token ${store.lease.token})`);
  return {
    store,
    media: store.media,
    reportState: (state) => void store.reportStatus({ state }),
    onLost: (listener) =>
      store.lease.onLost((err) => {
        logger.error({ err, account: account }, err.message);
        listener();
      }),
    release: () => store.release(),
  };
}
