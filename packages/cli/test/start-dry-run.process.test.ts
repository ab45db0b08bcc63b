import { injectVia, readUntil, sentVia, wxbot } from './helpers/process';
import { removeTempProjects, tempProject } from './helpers/temp-project';

afterAll(removeTempProjects);

interface DryRunAnswer {
  mode: string;
  total: number;
  actions: Array<{ kind: string; to: string; toName: string; text?: string }>;
}

// `wxbot start --sim --dry-run` as a user runs it: the plugins answer, nothing reaches the server.
describe('wxbot start --dry-run with a canary plugin (real process)', () => {
  it('sends nothing, logs and lists the would-be replies, and the canary plugin acts only in its chat', async () => {
    const dir = await tempProject({
      'bot.config.json': {
        plugins: [
          // The canary: answers "ping" in Bob's chat only; elsewhere it passes the message on to echo.
          { use: 'keyword', options: { rules: [{ match: 'exact', pattern: 'ping', reply: 'pong' }] }, canary: { chats: ['Bob'] } },
          'echo',
        ],
        api: { port: 0 },
      },
    });
    const p = wxbot(['start', '--sim', '--dry-run', '--no-pretty'], dir);
    try {
      const [, simUrl] = await readUntil(p, /webwx simulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, url] = await readUntil(p, /control API listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      const [, token] = await readUntil(p, /#token=(\S+)\n/);
      await readUntil(p, /"msg":"logged in as wxbot/);
      const dryRun = async (): Promise<DryRunAnswer> => (await (await fetch(`${url}/api/dry-run`, { headers: { authorization: `Bearer ${decodeURIComponent(token!)}` } })).json()) as DryRunAnswer;

      await injectVia(simUrl!, { from: 'Bob', text: 'ping' });
      await injectVia(simUrl!, { from: 'Carol', text: 'ping' });
      let answer = await dryRun();
      for (const deadline = Date.now() + 20_000; answer.actions.length < 2 && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 50));
        answer = await dryRun();
      }
      const byChat = Object.fromEntries(answer.actions.map((a) => [a.toName, a]));
      expect(answer).toMatchObject({ mode: 'dry-run', total: 2 });
      expect(byChat['Bobby']).toMatchObject({ kind: 'text', text: 'pong' }); // keyword, in its canary chat
      expect(byChat['Carol']).toMatchObject({ kind: 'text', text: 'ping' }); // keyword passed; echo answered
      expect(byChat['Bobby']?.to).toMatch(/^@/);

      // Nothing reached the server.
      expect(await sentVia(simUrl!)).toEqual([]);
      // What a user watching the log sees.
      await readUntil(p, /dry-run: would text -> Bobby: pong/);
      const log = p.out.join('');
      expect(log).toMatch(/"msg":"<- Bobby: ping"/);
      expect(log).toMatch(/"msg":"<- Carol: ping"/);
      expect(log).toMatch(/dry-run: would text -> Carol: ping/);
      expect(log).toMatch(/dry-run: nothing will be sent/);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }, 60_000);
});
