export { createLogger, type CreateLoggerOptions } from './create-logger';
export { CENSOR, REDACT_PATHS, redactUrl } from './redact-paths';
export { terminalSafe } from './terminal-safe';
