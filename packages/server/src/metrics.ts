import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServerContext } from './context';
import type { HandlerTimer } from './handler-timer';

/** A bot the metrics read from; `account` labels its series on a fleet server. */
export interface MeteredBot {
  readonly ctx: ServerContext;
  readonly account?: string;
  /** This bot's own handler timer (a fleet: one per account, its plugin first in that bot's list). */
  readonly timer?: HandlerTimer | undefined;
}

/** The metrics of one server: its registry, and `track` to count a bot's events until the returned stop. */
export interface ServerMetrics {
  readonly registry: Registry;
  track(bot: MeteredBot): () => void;
}

/**
 * The Prometheus series, from what the Bots' public events and outboxes show: messages in by kind,
 * API sends by kind and outcome, outbox depth, breaker states, logins by method, logouts by code,
 * state, uptime, and Node's process metrics. A registry of its own, so two servers in one process
 * never share counters. With `perAccount` (a fleet server) every bot series has an `account` label.
 */
export function createMetrics(options: { perAccount: boolean; bots: () => Iterable<MeteredBot>; timer?: HandlerTimer | undefined }): ServerMetrics & { stop(): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wxbot_' });
  const labels = (names: readonly string[]): string[] => (options.perAccount ? ['account', ...names] : [...names]);
  const of = (bot: MeteredBot, values: Record<string, string> = {}): Record<string, string> => (options.perAccount ? { account: bot.account ?? '', ...values } : values);
  const received = new Counter({ name: 'wxbot_messages_received_total', help: 'Incoming messages, by kind', labelNames: labels(['kind', 'chat']), registers: [registry] });
  const sent = new Counter({ name: 'wxbot_api_sends_total', help: 'Sends asked through the control API or a webhook reply, by kind and outcome', labelNames: labels(['kind', 'outcome']), registers: [registry] });
  const logins = new Counter({ name: 'wxbot_logins_total', help: 'Logins, by method (resume, push, qr)', labelNames: labels(['method']), registers: [registry] });
  const logouts = new Counter({ name: 'wxbot_logouts_total', help: 'Sessions ended by the server, by code (1100, 1101, 1102, 1205...)', labelNames: labels(['code']), registers: [registry] });
  const qrs = new Counter({ name: 'wxbot_qr_codes_total', help: 'QR codes shown (a scan was needed)', labelNames: labels([]), registers: [registry] });
  const errors = new Counter({ name: 'wxbot_errors_total', help: 'Errors that did not stop the bot', labelNames: labels([]), registers: [registry] });
  const gauge = (name: string, help: string, names: readonly string[], read: (bot: MeteredBot, set: (values: Record<string, string>, value: number) => void) => void): void => {
    new Gauge({
      name,
      help,
      labelNames: labels(names),
      registers: [registry],
      collect() {
        this.reset();
        for (const bot of options.bots()) read(bot, (values, value) => this.set(of(bot, values), value));
      },
    });
  };
  gauge('wxbot_outbox_depth', 'Outgoing actions queued or running', [], (bot, set) => set({}, bot.ctx.bot.outbox.inspect().queued.length));
  gauge('wxbot_breaker_open', 'Outbox circuit breakers by action kind: 1 open (cooling down after "too frequent"), 0.5 half-open, 0 closed', ['kind'], (bot, set) => {
    for (const [kind, state] of Object.entries(bot.ctx.bot.outbox.inspect().breakers)) set({ kind }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
  });
  gauge('wxbot_state', 'Bot lifecycle state (1 for the current one)', ['state'], (bot, set) => set({ state: bot.ctx.bot.state }, 1));
  gauge('wxbot_uptime_seconds', 'Seconds since the control server started with the bot', [], (bot, set) => set({}, (Date.now() - bot.ctx.startedAt) / 1000));

  const handled = new Histogram({
    name: 'wxbot_handler_seconds',
    help: 'Time the plugins took to handle a message, replies included, by message kind',
    labelNames: labels(['kind']),
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const stopTiming = options.timer?.onTiming(({ kind, seconds }) => handled.observe({ kind }, seconds));

  const track = (bot: MeteredBot): (() => void) => {
    const stopBotTiming = bot.timer?.onTiming(({ kind, seconds }) => handled.observe(of(bot, { kind }), seconds));
    const stopEvents = bot.ctx.hub.subscribe((event) => {
      switch (event.type) {
        case 'message': {
          const m = event.data as { kind: string; isGroup: boolean; isSelf: boolean };
          if (!m.isSelf) received.inc(of(bot, { kind: m.kind, chat: m.isGroup ? 'group' : 'direct' }));
          break;
        }
        case 'sent':
          sent.inc(of(bot, { kind: (event.data as { kind: string }).kind, outcome: 'sent' }));
          break;
        case 'login':
          logins.inc(of(bot, { method: (event.data as { method: string }).method }));
          break;
        case 'logout':
          logouts.inc(of(bot, { code: String((event.data as { code: number }).code) }));
          break;
        case 'qr':
          qrs.inc(of(bot));
          break;
        case 'error':
          errors.inc(of(bot));
          break;
      }
    });
    return () => {
      stopEvents();
      stopBotTiming?.();
    };
  };
  return { registry, track, stop: () => stopTiming?.() };
}

/** `GET /metrics` (Prometheus text format) of `registry`. */
export function metricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get('/metrics', { schema: { summary: 'Prometheus metrics', security: [{ bearerAuth: [] }], produces: ['text/plain'] } }, async (_req, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** `GET /metrics` of a server with one bot; returns the function that stops counting. */
export function metricsRoutes(app: FastifyInstance, ctx: ServerContext, timer?: HandlerTimer): () => void {
  const metrics = createMetrics({ perAccount: false, bots: () => [{ ctx }], timer });
  const stopCounting = metrics.track({ ctx });
  metricsRoute(app, metrics.registry);
  return () => {
    stopCounting();
    metrics.stop();
  };
}
