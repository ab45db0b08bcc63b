import { randomInt } from 'node:crypto';

/** `e` + 15 digits, fresh on every call as the official client does (docs/protocol.md 3.2). */
export function newDeviceId(): string {
  let digits = '';
  for (let i = 0; i < 15; i++) digits += String(randomInt(10));
  return `e${digits}`;
}

/** 17-digit ClientMsgId/LocalID: ms timestamp + 4 random digits (docs/protocol.md 9.1). */
export function newClientMsgId(now = Date.now()): string {
  return `${now}${String(randomInt(10_000)).padStart(4, '0')}`;
}

/** `~new Date()`: the official cache buster for `r` and `rr`. */
export function negatedNow(now = Date.now()): number {
  return ~now;
}
