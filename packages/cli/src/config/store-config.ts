import { expectedErrorMap, invalidConfig, toProblems, type ConfigProblem } from './format-issues';
import type { ConfigFlags } from './layers';
import { fieldSchemas } from './schema';
import type { BotConfig, ResolvedConfig } from './types';

/**
 * `store` and `account`: flag > environment (`WXBOT_STORE`, `WXBOT_ACCOUNT`) > file. Kept out of
 * the layered keys: they go together (an account means nothing without a Redis store).
 * @example
 * storeConfig({}, { store: 'redis://127.0.0.1:6379/0' }, {}); // { url: 'redis://...', account: 'default' }
 */
export function storeConfig(file: BotConfig, flags: ConfigFlags, env: Readonly<Record<string, string | undefined>>): ResolvedConfig['store'] {
  const problems: ConfigProblem[] = [];
  const pick = (key: 'store' | 'account', envName: string, flag: string): { value: string; source: string } | undefined => {
    const candidates: Array<[unknown, string]> = [
      [flags[key], `flag ${flag}`],
      [env[envName]?.trim() || undefined, `environment variable ${envName}`],
      [file[key], 'config file'],
    ];
    for (const [value, source] of candidates) {
      if (value === undefined) continue;
      const result = fieldSchemas[key].safeParse(value, { errorMap: expectedErrorMap });
      if (!result.success) problems.push(...toProblems(source, result.error, value));
      else return { value: result.data, source };
    }
    return undefined;
  };
  const store = pick('store', 'WXBOT_STORE', '--store');
  const account = pick('account', 'WXBOT_ACCOUNT', '--account');
  if (account && !store) {
    problems.push({ source: account.source, path: 'account', expected: 'a Redis store with it (store, --store or WXBOT_STORE): an account names state kept in Redis', got: JSON.stringify(account.value) });
  }
  if (problems.length) throw invalidConfig(problems);
  return store ? { url: store.value, account: account?.value ?? 'default' } : null;
}
