import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bin, cleanEnv, injectVia, readUntil, untilSent, wxbot } from './helpers/process';
import { removeTempProjects, tempProject } from './helpers/temp-project';

afterAll(removeTempProjects);

const config = (reply: string) => ({ plugins: [['keyword', { rules: [{ match: 'exact', pattern: 'ping', reply }] }], 'echo'] });

function replayCli(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'replay', ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// wxbot record against the simulator, then wxbot replay of that file: a recorded day as a regression test.
describe('wxbot record -> wxbot replay (real processes)', () => {
  it('records sanitised traffic, replays it to what the plugins sent, and checks it against a golden file', async () => {
    const dir = await tempProject({ 'bot.config.json': config('pong') });
    const p = wxbot(['record', '--out', 'day.jsonl', '--sim', '--no-pretty'], dir);
    let live: Array<{ content: string; to: string }>;
    try {
      const [, simUrl] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await readUntil(p, /"msg":"logged in as wxbot/);
      await injectVia(simUrl!, { from: 'Bob', text: 'ping' });
      await injectVia(simUrl!, { from: 'Carol', text: 'hello there' });
      // Dev Team is not saved: the bot fetches it for this message, and the recording must hold it.
      await injectVia(simUrl!, { from: 'Mallory', room: 'Dev Team', text: '@Bot\u2005ping' });
      live = await untilSent(simUrl!, (sent) => sent.length >= 3);
      // Wait for the echo of the last reply, so its sync is recorded too (own echoes are skipped in a replay).
      await readUntil(p, /"msg":"-> Dev Team: pong"/);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    expect(p.out.join('')).toMatch(/recorded \d+ lines to .*day\.jsonl/);

    const text = readFileSync(path.join(dir, 'day.jsonl'), 'utf8');
    // Sanitised: no session ids, keys, tickets or avatar URLs (they carry skey).
    expect(text).not.toMatch(/@@?[0-9a-f]{32}/);
    expect(text).not.toMatch(/SyncKey|SKey|skey=|pass_ticket|HeadImgUrl|"Uin"/i);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines[0]).toMatchObject({ type: 'wxbot-recording', version: 1 });
    const contacts = lines.filter((l) => l.type === 'contacts').flatMap((l) => l.contacts as Array<{ UserName: string; NickName: string }>);
    expect(lines[1]).toMatchObject({ type: 'contacts', self: { UserName: '@self', NickName: 'wxbot' } });
    // Placeholders stable and consistent with the contacts recorded.
    const idOf = (name: string) => contacts.find((c) => c.NickName === name)?.UserName;
    expect(idOf('Bob')).toMatch(/^@contact\d+$/);
    expect(idOf('Dev Team')).toMatch(/^@@group\d+$/);
    const incoming = lines.filter((l) => l.type === 'sync').flatMap((l) => (l.AddMsgList ?? []) as Array<{ FromUserName: string; Content: string }>);
    expect(incoming.find((m) => m.Content === 'ping' && m.FromUserName === idOf('Bob'))).toBeDefined();
    expect(incoming.find((m) => m.FromUserName === idOf('Dev Team'))?.Content).toMatch(/^@contact\d+:<br\/>@Bot\u2005ping$/);

    // Replay: the same plugins send what they sent live.
    const first = replayCli(dir, ['day.jsonl', '--expect', 'day.golden.jsonl', '--update']);
    expect(first.stderr).toMatch(/3 messages replayed, 3 actions; wrote/);
    expect(first.status).toBe(0);
    const golden = readFileSync(path.join(dir, 'day.golden.jsonl'), 'utf8');
    expect(golden).toBe(['{"to":"Bobby","text":"pong"}', '{"to":"Carol","text":"hello there"}', '{"to":"Dev Team","text":"pong"}', ''].join('\n'));
    expect(live!.map((s) => s.content).sort()).toEqual(['hello there', 'pong', 'pong']);
    const same = replayCli(dir, ['day.jsonl', '--expect', 'day.golden.jsonl']);
    expect(same.stdout).toBe('-> Bobby: pong\n-> Carol: hello there\n-> Dev Team: pong\n');
    expect(same.status).toBe(0);

    // A plugin that changed behaviour fails the comparison, naming the line.
    writeFileSync(path.join(dir, 'bot.config.json'), JSON.stringify(config('PONG')));
    const changed = replayCli(dir, ['day.jsonl', '--expect', 'day.golden.jsonl']);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain('line 1: - {"to":"Bobby","text":"pong"}\nline 1: + {"to":"Bobby","text":"PONG"}');

    // Not a recording: a coded error naming the file and line.
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"hello":1}\n');
    const bad = replayCli(dir, ['bad.jsonl']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/bad\.jsonl:1: .*not a wxbot recording[\s\S]*WXBOT_RECORDING_INVALID/);
  }, 60_000);
});
