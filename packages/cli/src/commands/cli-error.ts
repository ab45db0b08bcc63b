/** A failure the user can fix from its message alone: the CLI prints it (no stack) and exits 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
