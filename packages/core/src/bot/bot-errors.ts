import { WxbotError } from '../errors/wxbot-error';
import type { SentMessage } from '../pipeline/types';

export function revokeExpired(sent: SentMessage): WxbotError {
  return new WxbotError('WXBOT_REVOKE_EXPIRED', `cannot revoke message ${sent.msgId}: it was sent at ${sent.sentAt.toISOString()}, and the server only revokes messages sent in the last 2 minutes`);
}
