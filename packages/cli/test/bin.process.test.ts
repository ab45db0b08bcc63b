import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, wxbot } from './helpers/process';

// The bare command line: bad usage exits 2 everywhere, --version answers.
describe('wxbot with no command, --help, --version (real process)', () => {
  it('no command: the usage on stderr, exit 2 (bad usage, as for an unknown command)', async () => {
    const bare = wxbot([], root);
    expect(await bare.exited).toBe(2);
    expect(bare.out.join('')).toMatch(/^wxbot: a command is needed\n\nwxbot: WeChat bots/);
    const unknown = wxbot(['strat'], root);
    expect(await unknown.exited).toBe(2);
  }, 30_000);

  it('--help exits 0; --version and -v print the version from package.json', async () => {
    expect(await wxbot(['--help'], root).exited).toBe(0);
    const { version } = JSON.parse(readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const p = wxbot([flag], root);
      expect(await p.exited).toBe(0);
      expect(p.out.join('')).toBe(`${version}\n`);
    }
  }, 30_000);
});
