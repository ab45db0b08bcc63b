import { performance } from 'node:perf_hooks';
import { definePlugin, type PluginInstance } from '@wxbot/core';

/** One message's trip through the plugins. */
export interface HandlerTiming {
  kind: string;
  seconds: number;
}

/**
 * A plugin to put first in the list: it times the rest of the chain (every plugin after it, their
 * replies included) for each message, through the public plugin API only. The CLI adds it when the
 * API is on; `/metrics` shows it as the `wxbot_handler_seconds` histogram.
 * @example
 * const timer = new HandlerTimer();
 * const bot = new Bot({ plugins: [timer.plugin, ...plugins] });
 * await startControlServer({ bot, handlerTimer: timer });
 */
export class HandlerTimer {
  private readonly listeners = new Set<(t: HandlerTiming) => void>();
  readonly plugin: PluginInstance<void>;

  constructor() {
    const emit = (t: HandlerTiming): void => this.listeners.forEach((l) => l(t));
    this.plugin = definePlugin({
      name: 'wxbot-handler-timer',
      setup(api) {
        api.use(async (ctx, next) => {
          const start = performance.now();
          try {
            await next();
          } finally {
            emit({ kind: ctx.message.kind, seconds: (performance.now() - start) / 1000 });
          }
        });
      },
    })();
  }

  /** Returns the unsubscribe function. */
  onTiming(listener: (t: HandlerTiming) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
