import { z } from 'zod';
import { quietWindowSchema, timeZoneSchema } from './schema-engine';
import type { BotConfig, EngineLayeredKey, QuietHoursValue } from './types';

// The engine's settings that flags and environment variables can set too (the common ones of
// docs/safety.md): spread into layers.ts's tables.

/** What one layer sets of them. */
export interface EngineLayer {
  skipOlderThanMs?: number;
  'outbox.limits'?: boolean;
  'outbox.timeZone'?: string;
  'outbox.quietHours'?: QuietHoursValue;
}

/** Their flags (`wxbot start --no-limits ...`). */
export interface EngineFlags {
  /** `--skip-older-than MS` */
  skipOlderThan?: string | number | undefined;
  /** `--limits` / `--no-limits` */
  limits?: boolean | undefined;
  /** `--time-zone TZ` */
  timeZone?: string | undefined;
  /** `--quiet-hours HH:MM-HH:MM` or `off` */
  quietHours?: string | undefined;
}

const MS = 'an integer >= 1 (milliseconds)';
const SWITCH = 'true or false (on/off, 1/0)';
const WINDOW = 'a window "HH:MM-HH:MM" such as "23:00-07:00", or "off"';
const SWITCHES: Record<string, boolean> = { true: true, on: true, '1': true, yes: true, false: false, off: false, '0': false, no: false };

export const ENGINE_SCHEMAS: Record<EngineLayeredKey, z.ZodTypeAny> = {
  skipOlderThanMs: z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v), z.number({ message: MS }).int({ message: MS }).min(1, { message: MS })),
  'outbox.limits': z.preprocess((v) => (typeof v === 'string' ? (SWITCHES[v.trim().toLowerCase()] ?? v) : v), z.boolean({ message: SWITCH })),
  'outbox.timeZone': timeZoneSchema,
  'outbox.quietHours': z
    .string({ message: WINDOW })
    .transform((v, ctx): QuietHoursValue => {
      const text = v.trim().toLowerCase();
      if (text === 'off') return false;
      const [from, to, extra] = text.split('-');
      const window = quietWindowSchema.safeParse({ from, to });
      if (extra !== undefined || !window.success) {
        ctx.addIssue({ code: 'custom', message: WINDOW });
        return z.NEVER;
      }
      return window.data;
    }),
};

export const ENGINE_ENV_VARS = {
  WXBOT_SKIP_OLDER_THAN_MS: 'skipOlderThanMs',
  WXBOT_LIMITS: 'outbox.limits',
  WXBOT_TIME_ZONE: 'outbox.timeZone',
  WXBOT_QUIET_HOURS: 'outbox.quietHours',
} as const satisfies Record<string, EngineLayeredKey>;

export const ENGINE_FLAGS = {
  skipOlderThan: ['skipOlderThanMs', '--skip-older-than'],
  limits: ['outbox.limits', '--limits'],
  timeZone: ['outbox.timeZone', '--time-zone'],
  quietHours: ['outbox.quietHours', '--quiet-hours'],
} as const satisfies Record<keyof EngineFlags, readonly [EngineLayeredKey, string]>;

/** What a validated config file sets of them. */
export function engineFileEntries(config: BotConfig): Array<[EngineLayeredKey, unknown]> {
  const quiet = config.outbox?.quietHours;
  return [
    ['skipOlderThanMs', config.skipOlderThanMs],
    // An object of limits means "on" (its own values are read from the file directly).
    ['outbox.limits', config.outbox?.limits === undefined ? undefined : config.outbox.limits !== false],
    ['outbox.timeZone', config.outbox?.timeZone],
    ['outbox.quietHours', quiet === undefined ? undefined : quiet === false ? false : { from: quiet.from, to: quiet.to }],
  ];
}
