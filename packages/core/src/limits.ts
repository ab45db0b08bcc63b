/**
 * How many recent ids the engine remembers: the dedupe window of handled MsgIds (in memory and
 * in the saved session) and the outbox's table of outcomes by idempotency key. One number, so a
 * message the window still recognises always finds its replies' outcomes too.
 */
export const RECENT_ID_CAPACITY = 5000;

/**
 * Receive back-pressure: while this many messages are waiting to be handled or being handled
 * (their replies included), the sync loop fetches no new batch; the messages stay on the server,
 * which keeps them for the session (docs/reliability.md, "Back-pressure"). Half of the server's
 * cap of 100 messages per webwxsync round: the next round is asked for while the handlers still
 * have this many to work on (more than they finish during one synccheck + webwxsync round trip,
 * so they never run dry), and a fetched message waits behind at most this many plus its own
 * round, instead of behind everything the server held.
 */
export const RECEIVE_BACKLOG_LINE = 50;
