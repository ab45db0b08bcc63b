import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
// The module itself, not the @wxbot/testkit barrel (which loads core and the simulator).
import { checkTestTree } from '../../testkit/src/test-tree';

// Tests mirror the source tree: `<pkg>/test/x/y.test.ts` for `<pkg>/src/x/y.ts` (end-to-end
// suites sit beside them). This keeps it so for the packages listed here: a new module needs its
// own test, or an entry below that says why it has none.
const ROOT = path.resolve(__dirname, '../../..');

/**
 * The packages checked, relative to the repository root. A trailing `/*` means every directory
 * in it. Add a package here to hold it to the same rule.
 */
export const MIRRORED_PACKAGES: readonly string[] = ['packages/core', 'plugins/*'];

/** Modules with no mirrored test on purpose, by path from the root, each with its reason. */
export const EXEMPT: Readonly<Record<string, string>> = {
  'packages/core/src/index.ts': 'barrel: re-exports only (test/types/public-api.test.ts pins the surface)',
  'packages/core/src/internals.ts': 'barrel: re-exports only',
  'packages/core/src/limits.ts': 'two documented constants, no logic',
  'packages/core/src/bot/bot-options.ts': 'types only',
  'packages/core/src/contacts/types.ts': 'types only',
  'packages/core/src/plugin/types.ts': 'types only',
  'packages/core/src/outbox/types.ts': 'types only',
  'packages/core/src/outbox/options.ts': 'option types and their default values, no logic',
  'packages/core/src/pipeline/types.ts': 'types, and CHAT_FILTERS: the list of one union type\'s values',
  'packages/core/src/message/types.ts': 'types, and MESSAGE_KINDS: the list of one union type\'s values',
};

/**
 * Modules still waiting for their own test, with where they are exercised today. This list only
 * shrinks: an entry whose module got its test fails below until it is removed.
 */
export const GAPS: Readonly<Record<string, string>> = {};

function packages(): string[] {
  return MIRRORED_PACKAGES.flatMap((entry) => {
    if (!entry.endsWith('/*')) return [entry];
    const parent = entry.slice(0, -2);
    return readdirSync(path.join(ROOT, parent))
      .filter((name) => statSync(path.join(ROOT, parent, name)).isDirectory())
      .map((name) => `${parent}/${name}`);
  });
}

/** The EXEMPT and GAPS entries of one package, keyed by path under it (`src/x.ts`) as checkTestTree takes them. */
function excusedIn(pkg: string): Record<string, string> {
  const entries = Object.entries({ ...EXEMPT, ...GAPS }).filter(([file]) => file.startsWith(`${pkg}/src/`));
  return Object.fromEntries(entries.map(([file, reason]) => [file.slice(pkg.length + 1), reason]));
}

describe('test tree mirrors the source tree', () => {
  it('finds the packages', () => {
    expect(packages()).toContain('packages/core');
    expect(packages().some((p) => p.startsWith('plugins/'))).toBe(true);
  });

  it.each(packages())('%s: every module has test/<same path>.test.ts or an entry in EXEMPT or GAPS saying why not, and no entry is stale', (pkg) => {
    expect(checkTestTree(path.join(ROOT, pkg), { exempt: excusedIn(pkg) })).toEqual({ unmirrored: [], staleExemptions: [] });
  });

  it('every EXEMPT and GAPS entry is in a checked package', () => {
    const outside = [...Object.keys(EXEMPT), ...Object.keys(GAPS)].filter((file) => !packages().some((pkg) => file.startsWith(`${pkg}/src/`)));
    expect(outside).toEqual([]);
  });

  it('an exempt module has no logic: no function or class of its own', () => {
    const logic = /^\s*(export\s+)?(default\s+)?(async\s+)?(function\*?|class)\s/m;
    const withLogic = Object.keys(EXEMPT).filter((file) => existsSync(path.join(ROOT, file)) && logic.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(withLogic).toEqual([]);
  });

  it('no module is both exempt and a gap', () => {
    expect(Object.keys(GAPS).filter((file) => file in EXEMPT)).toEqual([]);
  });
});
