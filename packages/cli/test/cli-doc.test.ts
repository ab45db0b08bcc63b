import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_CHAT_HELP } from '../src/commands/dev-chat';
import { COMMANDS, USAGE } from '../src/commands/usage';
import { parseStartArgs } from '../src/commands/args';
import { FLEET_USAGE, parseFleetArgs } from '../src/commands/fleet';

// docs/cli.md shows the CLI's own --help texts: they must stay identical.
const doc = readFileSync(path.resolve(__dirname, '../../../docs/cli.md'), 'utf8');
const codeBlocks = [...doc.matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1]);

describe('docs/cli.md', () => {
  it('shows the top-level usage and every command with its exact usage text', () => {
    expect(codeBlocks).toContain(USAGE);
    for (const command of COMMANDS) {
      const section = doc.split(`\n## wxbot ${command.name}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(section).toContain(`\`\`\`\n${command.usage}\n\`\`\``);
    }
    expect(doc.match(/^## wxbot /gm)).toHaveLength(COMMANDS.length);
  });

  it('shows the dev chat commands as /help prints them', () => {
    expect(codeBlocks).toContain(DEV_CHAT_HELP);
  });

  it('documents exactly the flags wxbot start accepts', () => {
    const start = COMMANDS.find((c) => c.name === 'start')?.usage ?? '';
    const documented = [...start.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1] as string);
    for (const flag of documented) {
      const args = flag === '--no-resume' || flag === '--pretty' || flag === '--sim' || flag === '--chat' || flag === '--watch' || flag === '--api' || flag === '--no-limits' || flag === '--dry-run' ? [flag] : [flag, 'x'];
      expect(() => parseStartArgs(args)).not.toThrow();
    }
    expect(() => parseStartArgs(['--undocumented'])).toThrow();
    expect(documented).toEqual(['--config', '--sim', '--chat', '--watch', '--home', '--endpoint', '--proxy', '--store', '--account', '--login-mode', '--no-resume', '--log-level', '--pretty', '--no-limits', '--time-zone', '--quiet-hours', '--skip-older-than', '--dry-run', '--api']);
  });

  it('documents exactly the flags wxbot fleet accepts', () => {
    const documented = [...new Set([...FLEET_USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1] as string))];
    for (const flag of documented) {
      const args = flag === '--store' ? [] : flag === '--api' ? [flag] : [flag, flag === '--add' ? 'a' : '1'];
      expect(() => parseFleetArgs(['--store', 'x', ...args])).not.toThrow();
    }
    expect(() => parseFleetArgs(['--store', 'x', '--undocumented'])).toThrow();
    expect(documented).toEqual(['--store', '--add', '--max-accounts', '--owner', '--lease-ttl', '--config', '--endpoint', '--sim', '--log-level', '--api']);
    // A bare --api, as for wxbot start: the port of api.port, else 8720.
    expect(parseFleetArgs(['--store', 'x', '--api']).flags.api).toBe('default');
    expect(parseFleetArgs(['--store', 'x', '--api', '0', '--sim', '3']).flags).toMatchObject({ api: 0 });
  });
});
