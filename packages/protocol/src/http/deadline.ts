/**
 * The signal handed to axios for one request: it fires when the caller's signal does, or when
 * the deadline passes, and remembers which, so the error can say "aborted" or "timed out".
 */
export class RequestDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private expired = false;

  /** `timeoutMs` <= 0: no deadline. */
  constructor(
    private readonly caller: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (caller?.aborted) {
      this.controller.abort(caller.reason);
      return;
    }
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (timeoutMs > 0) this.timer = setTimeout(this.onExpiry, timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller aborted (whatever happened after). */
  get aborted(): boolean {
    return this.caller?.aborted === true;
  }

  /** The deadline passed before the caller aborted or the request settled. */
  get timedOut(): boolean {
    return this.expired && !this.aborted;
  }

  /** Stop the clock but keep following the caller's signal (a stream's body is still being read). */
  stopClock(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The request is over: release the timer and the listener on the caller's signal. */
  dispose(): void {
    this.stopClock();
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  private readonly onCallerAbort = (): void => {
    this.stopClock();
    this.controller.abort(this.caller?.reason);
  };

  private readonly onExpiry = (): void => {
    this.timer = undefined;
    this.expired = true;
    this.controller.abort(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
  };
}
