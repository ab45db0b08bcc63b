/**
 * How many recent ids the engine remembers: the dedupe window of handled MsgIds (in memory and
 * in the saved session) and the outbox's table of outcomes by idempotency key. One number, so a
 * message the window still recognises always finds its replies' outcomes too.
 */
export const RECENT_ID_CAPACITY = 5000;
