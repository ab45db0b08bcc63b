/**
 * Stable error codes of @wxbot/core. Each is listed with cause and fix in docs/errors.md.
 */
export type WxbotErrorCode =
  | 'WXBOT_PLUGIN_OPTIONS'
  | 'WXBOT_PLUGIN_DUPLICATE'
  | 'WXBOT_PLUGIN_SETUP'
  | 'WXBOT_UNKNOWN_FILTER'
  | 'WXBOT_NEXT_TWICE'
  | 'WXBOT_LATE_REGISTRATION'
  | 'WXBOT_CONFIG_INVALID'
  | 'WXBOT_CONFIG_NOT_FOUND'
  | 'WXBOT_UNKNOWN_PLUGIN'
  | 'WXBOT_LOGIN_FAILED'
  | 'WXBOT_NOT_RUNNING'
  | 'WXBOT_SEND_FAILED'
  | 'WXBOT_STOPPED'
  | 'WXBOT_DAILY_CAP'
  | 'WXBOT_QUIET_HOURS'
  | 'WXBOT_TOO_FREQUENT'
  | 'WXBOT_OUTBOX_EXPIRED'
  | 'WXBOT_OUTBOX_UNKNOWN_KIND'
  | 'WXBOT_OUTBOX_KIND_TWICE'
  | 'WXBOT_STORE_SECTION'
  | 'WXBOT_STORE_URL'
  | 'WXBOT_STORE_UNREACHABLE'
  | 'WXBOT_ACCOUNT_NAME'
  | 'WXBOT_LEASE_HELD'
  | 'WXBOT_LEASE_LOST'
  | 'WXBOT_LEASE_EXPIRED'
  | 'WXBOT_STORE_MEDIA_TOO_LARGE'
  | 'WXBOT_NOT_MEDIA'
  | 'WXBOT_MEDIA_UNAVAILABLE'
  | 'WXBOT_MEDIA_TOO_LARGE'
  | 'WXBOT_XML_REJECTED'
  | 'WXBOT_REVOKE_EXPIRED'
  | 'WXBOT_UNKNOWN_CHAT'
  | 'WXBOT_INVALID_ARGUMENT'
  | 'WXBOT_RECORDING_INVALID'
  | 'WXBOT_FORWARD_UNSUPPORTED'
  | 'WXBOT_FORWARD_STORE_EMOTICON'
  | 'WXBOT_FORWARD_MEDIA_GONE'
  | 'WXBOT_CARD_UNSUPPORTED'
  | 'WXBOT_AVATAR_UNAVAILABLE'
  | 'WXBOT_NOT_ON_WEB'
  | 'WXBOT_CONTACT_UNRESOLVED';

/** An error with a stable `code`, a message that names the problem and the fix. */
export class WxbotError extends Error {
  readonly code: WxbotErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: WxbotErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WxbotError';
    this.code = code;
    this.details = details;
  }
}
