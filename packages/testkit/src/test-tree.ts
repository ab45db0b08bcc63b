import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Why a module has no test at its mirrored path, keyed by its path under the package (`src/x.ts`). */
export type TestTreeExemptions = Readonly<Record<string, string>>;

export interface TestTreeOptions {
  /** Modules that need no mirrored test, each with its reason (an `index.ts` barrel, types only, ...). */
  exempt?: TestTreeExemptions;
}

/** What {@link checkTestTree} found: both lists empty means the tree mirrors the sources. */
export interface TestTreeReport {
  /** Source modules with neither a `test/x/y.test.ts` for `src/x/y.ts` nor an exemption. */
  unmirrored: string[];
  /**
   * Exemptions that no longer hold: the module is gone, or it has a mirrored test now, or the
   * reason is empty. Kept out so an exemption list cannot rot into a list of excuses.
   */
  staleExemptions: string[];
}

/**
 * The source modules of a package (`src/**\/*.ts`, declaration files aside) that have no test
 * at their mirrored path (`test/x/y.test.ts` for `src/x/y.ts`) and are not exempt, as paths
 * relative to the package with `/` separators, sorted.
 * @example
 * expect(unmirroredModules(path.join(__dirname, '..'), { exempt: { 'src/index.ts': 'barrel' } })).toEqual([]);
 */
export function unmirroredModules(packageDir: string, options: TestTreeOptions = {}): string[] {
  return checkTestTree(packageDir, options).unmirrored;
}

/**
 * {@link unmirroredModules} plus the exemptions that have gone stale, for a test that keeps a
 * package's test tree and its exemption list honest together.
 * @example
 * expect(checkTestTree(packageDir, { exempt })).toEqual({ unmirrored: [], staleExemptions: [] });
 */
export function checkTestTree(packageDir: string, options: TestTreeOptions = {}): TestTreeReport {
  const exempt = options.exempt ?? {};
  const modules = sourceModules(path.join(packageDir, 'src')).map((rel) => `src/${rel}`);
  const hasMirror = (module: string): boolean => existsSync(path.join(packageDir, mirroredTestPath(module)));
  const unmirrored = modules.filter((m) => !hasMirror(m) && !(m in exempt));
  const staleExemptions = Object.entries(exempt)
    .filter(([m, reason]) => !modules.includes(m) || hasMirror(m) || reason.trim() === '')
    .map(([m]) => m)
    .sort();
  return { unmirrored, staleExemptions };
}

/**
 * The mirrored test of a module path relative to its package: `src/x/y.ts` -> `test/x/y.test.ts`.
 * @example
 * mirroredTestPath('src/http/client.ts'); // 'test/http/client.test.ts'
 */
export function mirroredTestPath(module: string): string {
  if (!module.startsWith('src/') || !module.endsWith('.ts')) throw new Error(`not a module under src/: ${module}`);
  return `test/${module.slice('src/'.length, -'.ts'.length)}.test.ts`;
}

function sourceModules(srcDir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(srcDir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceModules(srcDir, rel));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}
