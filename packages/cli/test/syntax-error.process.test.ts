import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, wxbot } from './helpers/process';

// A newcomer's typo in bot.config.ts or a plugin stops `wxbot start` with the file, line, column
// and the line itself, before anything logs in. Real processes on a project made by `wxbot init`.
describe('wxbot start with a syntax error (real process)', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wxbot-syntax-')));
  const project = path.join(dir, 'bot');
  const configFile = path.join(project, 'bot.config.ts');
  const pluginFile = path.join(project, 'plugins/hello.ts');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    expect(await wxbot(['init', 'bot', '--link', root], dir).exited).toBe(0);
  }, 30_000);

  it('names bot.config.ts with line and column and shows the line', async () => {
    const good = readFileSync(configFile, 'utf8');
    // The missing comma between two plugins: before, the bot started anyway.
    writeFileSync(configFile, good.replace("plugins: [hello({ answer: 'pong' })]", "plugins: [hello({ answer: 'pong' }) hello()]"));
    try {
      const p = wxbot(['start', '--sim', '--no-pretty'], project);
      expect(await p.exited).toBe(2);
      const out = p.out.join('');
      expect(out).toMatch(/wxbot: bot\.config\.ts:7:39: syntax error: ',' expected\. \(TS1005\)/);
      expect(out).toContain("> 7 |   plugins: [hello({ answer: 'pong' }) hello()],\n");
      expect(out).toMatch(/\[WXBOT_CONFIG_INVALID\]/);
      expect(out).not.toMatch(/logged in|simulator listening/);
      expect(out).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      writeFileSync(configFile, good);
    }
  }, 30_000);

  it('names the plugin file when the error is in a plugin the config imports', async () => {
    const good = readFileSync(pluginFile, 'utf8');
    writeFileSync(pluginFile, good.replace("api.hears('ping', () => options.answer);", "api.hears('ping, () => options.answer);"));
    try {
      const p = wxbot(['start', '--sim', '--no-pretty'], project);
      expect(await p.exited).toBe(2);
      const out = p.out.join('');
      expect(out).toMatch(/wxbot: plugins\/hello\.ts:9:44: syntax error: Unterminated string literal\. \(TS1002\)/);
      expect(out).toMatch(/>  9 \|     api\.hears\('ping, \(\) => options\.answer\);\n\s+\|\s+\^/);
    } finally {
      writeFileSync(pluginFile, good);
    }
  }, 30_000);

  it('names a JavaScript config file with line and column too', async () => {
    const js = path.join(dir, 'js-project');
    mkdirSync(js);
    writeFileSync(path.join(js, 'package.json'), JSON.stringify({ name: 'js', private: true }));
    writeFileSync(path.join(js, 'bot.config.js'), "module.exports = {\n  plugins: ['echo' 'keyword'],\n};\n");
    const p = wxbot(['start', '--sim', '--no-pretty'], js);
    expect(await p.exited).toBe(2);
    const out = p.out.join('');
    expect(out).toMatch(/wxbot: bot\.config\.js:2:20: syntax error: Unexpected string\n/);
    expect(out).toContain("> 2 |   plugins: ['echo' 'keyword'],\n    |                    ^\n");
  }, 30_000);
});
