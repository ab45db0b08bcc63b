// Interim stand-ins for @wxbot/core's public API. Core's index.ts is being written in parallel and
// does not export these yet; the shapes mirror packages/core/src/plugin/types.ts and
// packages/core/src/errors/wxbot-error.ts exactly, so switching this file to
// `export { WxbotError } from '@wxbot/core'` (and `export type {...}`) changes nothing else.
// Callers must check errors by `code`, never by `instanceof`, so the swap stays invisible.

/** Mirrors core's `WxbotErrorCode` (only the codes this package throws). */
export type ConfigErrorCode = 'WXBOT_CONFIG_INVALID' | 'WXBOT_CONFIG_NOT_FOUND' | 'WXBOT_UNKNOWN_PLUGIN';

/** Mirrors core's `WxbotError`: a stable `code` plus a message naming the problem and the fix. */
export class WxbotError extends Error {
  readonly code: ConfigErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ConfigErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WxbotError';
    this.code = code;
    this.details = details;
  }
}

/** Structural view of core's `PluginDefinition` (only what the CLI touches). */
export interface PluginDefinition<O = unknown> {
  name: string;
  options?: unknown;
  includeSelf?: boolean;
  setup(api: never, options: O): unknown;
}

/** Structural view of core's `PluginInstance`: a definition plus the user's raw options. */
export interface PluginInstance<O = unknown> {
  readonly definition: PluginDefinition<O>;
  readonly rawOptions: unknown;
}

/** Structural view of core's `PluginFactory`: what `definePlugin` returns. */
export interface PluginFactory<O = unknown> {
  (options?: unknown): PluginInstance<O>;
  readonly definition: PluginDefinition<O>;
}
