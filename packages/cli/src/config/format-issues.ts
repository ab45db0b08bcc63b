import { isAbsolute, relative } from 'node:path';
import type { z } from 'zod';
import { WxbotError } from '@wxbot/core';
import { closestName } from '@wxbot/core/internals';
import { KNOWN_KEYS } from './schema';

/** One thing wrong with a config value, in the words of the error message. */
export interface ConfigProblem {
  /** Where the value came from: a file name, `environment variable X` or `flag --x`. */
  readonly source: string;
  /** Dotted path such as `login.mode` or `plugins[2]`; empty for the whole value. */
  readonly path: string;
  readonly expected: string;
  readonly got: string;
}

/** A file as the user would type it: relative to `cwd` when inside it, else absolute. */
export const displayPath = (filepath: string, cwd: string): string => {
  const rel = relative(cwd, filepath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : filepath;
};

/** `['plugins', 2, 'use']` → `plugins[2].use`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');

/** A short, safe rendering of what the user actually wrote. */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return keys.length ? `an object with keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}` : 'an empty object';
  }
  return String(value);
};

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);

const unknownKey = (source: string, parent: readonly PropertyKey[], key: string): ConfigProblem => {
  const known = KNOWN_KEYS[formatPath(parent)] ?? [];
  // One rule for every "did you mean" (config keys here, plugin options in core).
  const guess = closestName(key, known);
  return {
    source,
    path: formatPath([...parent, key]),
    expected: `a known option (${known.map((name) => JSON.stringify(name)).join(' | ')})`,
    got: `unknown option ${JSON.stringify(key)}${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ''}`,
  };
};

/** Turns zod issues into problems, reading the offending values from `input`. */
export const toProblems = (source: string, error: z.ZodError, input: unknown): ConfigProblem[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => unknownKey(source, issue.path, key))
      : [{ source, path: formatPath(issue.path), expected: issue.message, got: describeValue(valueAt(input, issue.path)) }],
  );

// Re-exported for the modules that format problems; it lives apart so that schema-engine.ts can
// use it without importing this module (which imports schema.ts, which imports schema-engine.ts).
export { expectedErrorMap } from './expected-error-map';

/**
 * One `WXBOT_CONFIG_INVALID` error listing every problem, one per line:
 * `bot.config.ts: login.mode: expected "web" | "desktop", got "phone"`.
 */
export const invalidConfig = (problems: readonly ConfigProblem[]): WxbotError =>
  new WxbotError(
    'WXBOT_CONFIG_INVALID',
    problems.map(({ source, path, expected, got }) => `${source}: ${path ? `${path}: ` : ''}expected ${expected}, got ${got}`).join('\n'),
    { problems },
  );
