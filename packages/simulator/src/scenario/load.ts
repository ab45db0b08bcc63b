import { readFileSync } from 'node:fs';
import type { Scenario } from './types';

/**
 * Reads a scenario JSON file (format in README.md) and checks its shape
 * enough to give a clear error instead of a crash at login time.
 *
 * @example const scenario = loadScenarioFile('./scenario.json');
 */
export function loadScenarioFile(path: string): Scenario {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return assertScenario(parsed, path);
}

export function assertScenario(value: unknown, origin = 'scenario'): Scenario {
  const fail = (what: string): never => {
    throw new Error(`${origin}: ${what}`);
  };
  if (value === null || typeof value !== 'object') return fail('must be a JSON object');
  const s = value as Record<string, unknown>;
  const self = s['self'] as Record<string, unknown> | undefined;
  if (!self || typeof self['nickName'] !== 'string') fail('"self.nickName" (string) is required');
  if (!Array.isArray(s['friends'])) fail('"friends" must be an array');
  for (const key of ['friends', 'strangers', 'officialAccounts'] as const) {
    const list = s[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`"${key}" must be an array`);
    (list as unknown[]).forEach((p, i) => {
      if (!p || typeof (p as Record<string, unknown>)['nickName'] !== 'string') fail(`"${key}[${i}].nickName" (string) is required`);
    });
  }
  const groups = s['groups'];
  if (groups !== undefined) {
    if (!Array.isArray(groups)) fail('"groups" must be an array');
    (groups as unknown[]).forEach((g, i) => {
      const group = g as Record<string, unknown> | null;
      if (!group || typeof group['topic'] !== 'string') fail(`"groups[${i}].topic" (string) is required`);
      if (!Array.isArray(group?.['members'])) fail(`"groups[${i}].members" must be an array`);
    });
  }
  return value as Scenario;
}
