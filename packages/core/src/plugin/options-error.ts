import type { ZodIssue } from 'zod';
import { WxbotError } from '../errors/wxbot-error';
import { closestName } from '../util/did-you-mean';
import { knownKeys } from './schema-keys';

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Shows primitives as written; objects only by type, so secrets in options never reach logs. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}

function expectation(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(' | ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_literal':
      return `expected ${JSON.stringify(issue.expected)}`;
    case 'unrecognized_keys':
      return `has unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

/**
 * One line per zod issue: `option "rules.0.match" expected one of "exact" | "regex", got "x"`;
 * an unknown key gets the closest known one (`did you mean "answer"?`) when `schema` is given.
 * @example
 * describeIssue(issue, rawOptions);
 */
export function describeIssue(issue: ZodIssue, rawOptions: unknown, schema?: unknown): string {
  const where = issue.path.length > 0 ? `option "${issue.path.join('.')}"` : 'options';
  if (issue.code === 'unrecognized_keys') {
    const known = schema === undefined ? [] : knownKeys(schema, issue.path);
    const guesses = issue.keys.map((key) => [key, closestName(key, known)] as const).filter(([, guess]) => guess !== undefined);
    const hint = guesses.map(([key, guess]) => ` (${JSON.stringify(key)}: did you mean ${JSON.stringify(guess)}?)`).join('');
    const allowed = known.length > 0 ? `; known: ${known.map((k) => JSON.stringify(k)).join(', ')}` : '';
    return `${where} ${expectation(issue)}${hint}${allowed}`;
  }
  const received = issue.code === 'invalid_enum_value' ? issue.received : valueAt(rawOptions, issue.path);
  return `${where} ${expectation(issue)}, got ${show(received)}`;
}

/**
 * The startup error for options a plugin's schema rejected: names the plugin, each option path,
 * what was expected and what was given.
 * @example
 * throw pluginOptionsError('keyword', zodError.issues, rawOptions, schema);
 */
export function pluginOptionsError(plugin: string, issues: readonly ZodIssue[], rawOptions: unknown, schema?: unknown): WxbotError {
  const lines = issues.map((issue) => describeIssue(issue, rawOptions, schema));
  return new WxbotError('WXBOT_PLUGIN_OPTIONS', `plugin "${plugin}": ${lines.join('; ')}`, { plugin, issues: lines });
}
