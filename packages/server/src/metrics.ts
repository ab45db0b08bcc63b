import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServerContext } from './context';
import type { HandlerTimer } from './handler-timer';

/**
 * `GET /metrics` (Prometheus text format), from what the Bot's public events and its outbox show:
 * messages in by kind, API sends by kind and outcome, outbox depth, breaker states, logins by
 * method, logouts by code, state, uptime, and Node's process metrics. A registry of its own, so
 * two bots in one process never share counters.
 */
export function metricsRoutes(app: FastifyInstance, ctx: ServerContext, timer?: HandlerTimer): () => void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wxbot_' });
  const received = new Counter({ name: 'wxbot_messages_received_total', help: 'Incoming messages, by kind', labelNames: ['kind', 'chat'] as const, registers: [registry] });
  const sent = new Counter({ name: 'wxbot_api_sends_total', help: 'Sends asked through the control API or a webhook reply, by kind and outcome', labelNames: ['kind', 'outcome'] as const, registers: [registry] });
  const logins = new Counter({ name: 'wxbot_logins_total', help: 'Logins, by method (resume, push, qr)', labelNames: ['method'] as const, registers: [registry] });
  const logouts = new Counter({ name: 'wxbot_logouts_total', help: 'Sessions ended by the server, by code (1100, 1101, 1102, 1205...)', labelNames: ['code'] as const, registers: [registry] });
  const qrs = new Counter({ name: 'wxbot_qr_codes_total', help: 'QR codes shown (a scan was needed)', registers: [registry] });
  const errors = new Counter({ name: 'wxbot_errors_total', help: 'Errors that did not stop the bot', registers: [registry] });
  new Gauge({
    name: 'wxbot_outbox_depth',
    help: 'Outgoing actions queued or running',
    registers: [registry],
    collect() {
      this.set(ctx.bot.outbox.inspect().queued.length);
    },
  });
  new Gauge({
    name: 'wxbot_breaker_open',
    help: 'Outbox circuit breakers by action kind: 1 open (cooling down after "too frequent"), 0.5 half-open, 0 closed',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [kind, state] of Object.entries(ctx.bot.outbox.inspect().breakers)) this.set({ kind }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
    },
  });
  new Gauge({
    name: 'wxbot_state',
    help: 'Bot lifecycle state (1 for the current one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.set({ state: ctx.bot.state }, 1);
    },
  });
  new Gauge({
    name: 'wxbot_uptime_seconds',
    help: 'Seconds since the control server started with the bot',
    registers: [registry],
    collect() {
      this.set((Date.now() - ctx.startedAt) / 1000);
    },
  });

  const handled = new Histogram({
    name: 'wxbot_handler_seconds',
    help: 'Time the plugins took to handle a message, replies included, by message kind',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const stopTiming = timer?.onTiming(({ kind, seconds }) => handled.observe({ kind }, seconds));

  const stopCounting = ctx.hub.subscribe((event) => {
    switch (event.type) {
      case 'message': {
        const m = event.data as { kind: string; isGroup: boolean; isSelf: boolean };
        if (!m.isSelf) received.inc({ kind: m.kind, chat: m.isGroup ? 'group' : 'direct' });
        break;
      }
      case 'sent':
        sent.inc({ kind: (event.data as { kind: string }).kind, outcome: 'sent' });
        break;
      case 'login':
        logins.inc({ method: (event.data as { method: string }).method });
        break;
      case 'logout':
        logouts.inc({ code: String((event.data as { code: number }).code) });
        break;
      case 'qr':
        qrs.inc();
        break;
      case 'error':
        errors.inc();
        break;
    }
  });

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', security: [{ bearerAuth: [] }], produces: ['text/plain'] } }, async (_req, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return () => {
    stopCounting();
    stopTiming?.();
  };
}
