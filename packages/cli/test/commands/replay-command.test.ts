import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../src/commands/args';
import { runReplay } from '../../src/commands/replay-command';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

afterAll(removeTempProjects);

// A day recorded with `wxbot record --sim` (testkit's fixture), replayed in process through the
// project's plugins; test/record-replay.process.test.ts records one and replays it as the binary.
const FIXTURE = path.join(__dirname, '../../../testkit/test/replay/fixtures/sim-day.jsonl');
const config = { plugins: [['keyword', { rules: [{ match: 'exact', pattern: 'ping', reply: 'pong' }] }]] };

describe('wxbot replay', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await tempProject({ 'bot.config.json': config });
    copyFileSync(FIXTURE, path.join(cwd, 'day.jsonl'));
  });

  const run = async (...argv: string[]): Promise<{ code: number; out: string }> => {
    let out = '';
    const code = await runReplay(argv, { cwd, env: {}, write: (text) => void (out += text) });
    return { code, out };
  };

  it('prints what the plugins would send, one line each, or as JSON lines', async () => {
    const { code, out } = await run('day.jsonl');
    expect(code).toBe(0);
    expect(out).toBe('-> Bobby: pong\n-> Dev Team: pong\n-> Family: pong\n');
    const json = await run('day.jsonl', '--json');
    expect(json.out.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { to: 'Bobby', text: 'pong' },
      { to: 'Dev Team', text: 'pong' },
      { to: 'Family', text: 'pong' },
    ]);
  });

  it('writes a golden file with --update, exits 0 while the plugins agree with it and 1 once they do not', async () => {
    expect((await run('day.jsonl', '--expect', 'day.golden.jsonl', '--update')).code).toBe(0);
    const golden = path.join(cwd, 'day.golden.jsonl');
    expect(readFileSync(golden, 'utf8')).toContain('{"to":"Bobby","text":"pong"}');
    expect((await run('day.jsonl', '--expect', 'day.golden.jsonl')).code).toBe(0);
    writeFileSync(golden, readFileSync(golden, 'utf8').replace('"Bobby","text":"pong"', '"Bobby","text":"PONG"'));
    expect((await run('day.jsonl', '--expect', 'day.golden.jsonl')).code).toBe(1);
  });

  it('refuses bad arguments with a UsageError', async () => {
    await expect(run()).rejects.toThrow(new UsageError('wxbot replay takes one recording FILE'));
    await expect(run('a.jsonl', 'b.jsonl')).rejects.toThrow(UsageError);
    await expect(run('day.jsonl', '--update')).rejects.toThrow('--update needs --expect GOLDEN (the file to write)');
    await expect(run('day.jsonl', '--nope')).rejects.toThrow(UsageError);
  });
});
