import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CliError } from './cli-error';

export const TEST_USAGE = `Usage: wxbot test [files...]

  files                test files (default: every *.test.ts / *.test.js outside node_modules)
  Runs them with node's built-in test runner, TypeScript included.
  WXBOT_TESTKIT_MODE=simulator runs @wxbot/testkit tests over HTTP against the simulator.`;

function findTests(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path, root);
    return /\.test\.[cm]?[jt]s$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

/**
 * `wxbot test`: node's test runner over the project's tests, with the TypeScript hook preloaded.
 * Resolves with the runner's exit code.
 */
export async function runTests(argv: readonly string[], io: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const files = argv.length > 0 ? [...argv] : findTests(io.cwd);
  if (files.length === 0) throw new CliError(`no test files (*.test.ts) under ${io.cwd}`);
  const child = spawn(process.execPath, ['--require', join(__dirname, 'ts-hook.js'), '--test', ...files], { cwd: io.cwd, env: io.env, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
