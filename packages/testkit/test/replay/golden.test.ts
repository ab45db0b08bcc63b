import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareGolden, formatGolden, readGolden, type ReplayAction } from '@wxbot/testkit';

const actions = [
  { type: 'send', to: 'Alice', text: 'hi' },
  { type: 'send', to: 'Family', text: '欢迎' },
] as unknown as ReplayAction[];

describe('golden files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-golden-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per action and reads them back', async () => {
    expect(formatGolden(actions)).toBe('{"type":"send","to":"Alice","text":"hi"}\n{"type":"send","to":"Family","text":"欢迎"}\n');
    expect(formatGolden([])).toBe('');
    const file = path.join(dir, 'day.golden.jsonl');
    writeFileSync(file, `${formatGolden(actions)}\n\n`);
    expect(await readGolden(file)).toEqual(actions);
  });

  it('says when there is no golden file yet, and --update writes it', async () => {
    const file = path.join(dir, 'new.golden.jsonl');
    expect(await compareGolden(actions, file)).toEqual({ same: false, diff: `${file}: no golden file yet (write it with --update)\n` });
    expect(await compareGolden(actions, file, { update: true })).toEqual({ same: true, diff: '' });
    expect(readFileSync(file, 'utf8')).toBe(formatGolden(actions));
    expect(await compareGolden(actions, file)).toEqual({ same: true, diff: '' });
  });

  it('shows the changed lines, old and new, numbered', async () => {
    const file = path.join(dir, 'g.jsonl');
    writeFileSync(file, formatGolden(actions));
    const changed = [actions[0], { type: 'send', to: 'Family', text: 'welcome' }, { type: 'send', to: 'Bob', text: 'yo' }] as unknown as ReplayAction[];
    const r = await compareGolden(changed, file);
    expect(r.same).toBe(false);
    expect(r.diff).toBe(
      'line 2: - {"type":"send","to":"Family","text":"欢迎"}\n' +
        'line 2: + {"type":"send","to":"Family","text":"welcome"}\n' +
        'line 3: + {"type":"send","to":"Bob","text":"yo"}\n',
    );
  });
});
