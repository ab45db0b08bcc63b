import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { UsageError } from './args';
import { projectFiles } from './init-templates';

export const INIT_USAGE = `Usage: wxbot init [dir] [options]

  dir                  where to create the project (default: the current directory)
  --force              overwrite files that already exist
  --link REPO          use the wxbot packages of this checkout (default: the checkout this CLI runs from, if any)
  --no-link            depend on the published packages (run npm install afterwards)
  --tarballs DIR       depend on the packed wxbot packages in DIR (pnpm -r pack), not the registry`;

/**
 * Packages a project uses, and where they live in a wxbot checkout. The built-in plugins are
 * dependencies too, so `import echo from '@wxbot/plugin-echo'` works in bot.config.ts and in tests
 * (a name such as `'echo'` in the config works even without them: the CLI ships them).
 */
const WORKSPACE = {
  wxbot: 'packages/cli',
  '@wxbot/core': 'packages/core',
  '@wxbot/plugin-echo': 'plugins/echo',
  '@wxbot/plugin-keyword': 'plugins/keyword',
  '@wxbot/plugin-auto-reply': 'plugins/auto-reply',
  '@wxbot/plugin-friend-accept': 'plugins/friend-accept',
  '@wxbot/plugin-room-welcome': 'plugins/room-welcome',
  '@wxbot/testkit': 'packages/testkit',
} as const;
type WorkspacePackage = keyof typeof WORKSPACE;
const RUNTIME: readonly WorkspacePackage[] = ['wxbot', '@wxbot/core', '@wxbot/plugin-echo', '@wxbot/plugin-keyword', '@wxbot/plugin-auto-reply', '@wxbot/plugin-friend-accept', '@wxbot/plugin-room-welcome'];
const OURS = '^0.1.0';
const VERSIONS = { zod: '^3.25.76', typescript: '~5.9.3', '@types/node': '^20.19.0' };

function isCheckout(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'wxbot-monorepo';
  } catch {
    return false;
  }
}

/** The checkout this CLI runs from (packages/cli/{src,dist}/commands → repo root), if it is one. */
export function ownCheckout(from = __dirname): string | undefined {
  const root = resolve(from, '../../../..');
  return isCheckout(root) ? root : undefined;
}

/**
 * The wxbot package each tarball in `dir` holds, by the file names `npm pack` and `pnpm pack` give
 * (`wxbot-0.1.0.tgz`, `wxbot-core-0.1.0.tgz` for `@wxbot/core`), as `file:` specs relative to
 * `from`. The newest version wins if a name appears twice.
 */
export function tarballSpecs(dir: string, from: string): Record<string, string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new CliError(`--tarballs ${dir}: no such directory. Fix: pack the packages first (pnpm -r pack --pack-destination ${dir}).`);
  }
  const specs: Record<string, { version: string; spec: string }> = {};
  for (const file of names.sort()) {
    const m = /^wxbot(?:-(.+?))?-(\d+\.\d+\.\d+(?:-[\w.]+)?)\.tgz$/.exec(file);
    if (!m) continue;
    const name = m[1] ? `@wxbot/${m[1]}` : 'wxbot';
    const version = m[2] ?? '';
    const prev = specs[name];
    if (prev && prev.version.localeCompare(version, 'en', { numeric: true }) >= 0) continue;
    const rel = relative(from, join(dir, file)).split('\\').join('/');
    specs[name] = { version, spec: `file:${rel.startsWith('.') ? rel : `./${rel}`}` };
  }
  for (const name of Object.keys(WORKSPACE)) {
    if (!specs[name]) throw new CliError(`--tarballs ${dir}: no tarball of ${name} there (looked for ${name === 'wxbot' ? 'wxbot' : name.replace('@', '').replace('/', '-')}-<version>.tgz). Fix: pnpm -r pack --pack-destination ${dir}.`);
  }
  return Object.fromEntries(Object.entries(specs).map(([name, { spec }]) => [name, spec]));
}

export interface InitResult {
  dir: string;
  written: string[];
  linkedTo: string | undefined;
}

/** node_modules entries pointing into the checkout, so the project runs without an install (or a network). */
async function linkPackages(dir: string, repo: string): Promise<void> {
  const pkgDir = (name: string): string => dirname(require.resolve(`${name}/package.json`, { paths: [join(repo, 'packages/core'), repo] }));
  const targets: Record<string, string> = {
    ...Object.fromEntries(Object.entries(WORKSPACE).map(([name, path]) => [name, join(repo, path)])),
    zod: pkgDir('zod'),
    typescript: pkgDir('typescript'),
    '@types/node': pkgDir('@types/node'),
  };
  for (const [name, target] of Object.entries(targets)) {
    const link = join(dir, 'node_modules', name);
    if (existsSync(link)) continue;
    await mkdir(dirname(link), { recursive: true });
    await symlink(target, link, 'dir');
  }
  // What npm install would put in .bin: `npx wxbot` and `npm run typecheck` (tsc) work offline.
  for (const [name, target] of [['wxbot', 'wxbot/bin/wxbot.js'], ['tsc', 'typescript/bin/tsc']] as const) {
    const bin = join(dir, 'node_modules/.bin', name);
    if (existsSync(bin)) continue;
    await mkdir(dirname(bin), { recursive: true });
    await symlink(relative(dirname(bin), join(dir, 'node_modules', target)), bin);
  }
}

/**
 * `wxbot init [dir]`: a bot project with bot.config.ts, a sample plugin and its test, and a
 * tsconfig. Existing files are never overwritten without `--force`. Linked to a wxbot checkout
 * (the one this CLI runs from, or `--link REPO`) it works at once, with no install: its
 * dependencies are `file:` paths into the checkout and node_modules holds links to them.
 * @example
 * await init(['my-bot'], { cwd: process.cwd(), write: (t) => process.stdout.write(t) });
 */
export async function init(argv: readonly string[], io: { cwd: string; write(text: string): void }): Promise<InitResult> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv.filter((a) => a !== '--no-link'), allowPositionals: true, strict: true, options: { force: { type: 'boolean' }, link: { type: 'string' }, tarballs: { type: 'string' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`init takes one directory, got ${positionals.join(' ')}`);
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  // Tarballs stand in for the registry: the project's own dependencies point at them, and
  // overrides (npm's and pnpm's) make the packages' dependencies on each other do the same.
  const tarballs = values.tarballs !== undefined ? tarballSpecs(resolve(io.cwd, values.tarballs), dir) : undefined;
  const noLink = argv.includes('--no-link') || tarballs !== undefined;
  const repo = noLink ? undefined : values.link !== undefined ? resolve(io.cwd, values.link) : ownCheckout();
  if (repo && !isCheckout(repo)) throw new CliError(`--link ${repo}: not a wxbot checkout (no package.json named "wxbot-monorepo")`);

  const ours = (name: WorkspacePackage): string => (tarballs ? (tarballs[name] ?? '') : repo ? `file:${join(repo, WORKSPACE[name])}` : OURS);
  const dependencies: Record<string, string> = { ...Object.fromEntries(RUNTIME.map((name) => [name, ours(name)])), zod: VERSIONS.zod };
  const devDependencies = {
    '@wxbot/testkit': ours('@wxbot/testkit'),
    typescript: VERSIONS.typescript,
    '@types/node': VERSIONS['@types/node'],
  };
  const files = projectFiles(basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'my-bot', { dependencies, devDependencies, overrides: tarballs });

  const clashes = Object.keys(files).filter((f) => existsSync(join(dir, f)));
  if (clashes.length > 0 && values.force !== true) {
    throw new CliError(`not overwriting ${clashes.join(', ')} in ${dir}; pass --force to replace them`);
  }
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  if (repo) await linkPackages(dir, repo);

  const where = relative(io.cwd, dir) || '.';
  io.write(`Created a wxbot project in ${dir}${repo ? ` (linked to ${repo})` : ''}:\n${Object.keys(files).map((f) => `  ${f}\n`).join('')}
Next:
${where === '.' ? '' : `  cd ${where}\n`}${repo ? '' : `  npm install            (the wxbot packages must be on your npm registry; if they are not, run\n                         wxbot init --link REPO with a wxbot checkout instead)\n`}  npx wxbot dev          chat with your bot in the terminal (simulator, no WeChat account)
  npx wxbot start --sim  run it against the simulator
  npm test               run the plugin's test
  npm run typecheck      check the types of the config, plugins and tests (tsc)
`);
  return { dir, written: Object.keys(files), linkedTo: repo };
}
