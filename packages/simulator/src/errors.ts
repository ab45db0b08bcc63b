/**
 * A bad request to the simulator's own API (unknown nickname, bad fault spec,
 * no active session). The control API turns it into a 4xx JSON error.
 */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';

  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
