import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { definePlugin, PluginHost, WxbotError } from '@wxbot/core/internals';
import { captureLogger, FakeBot } from '../fixtures/bot';

const root = path.resolve(__dirname, '../../../..');

// The plugin of `wxbot init`, and what a user might write in bot.config.ts.
const FIXTURE = `import { definePlugin } from '@wxbot/core';
import { z } from 'zod';

export const hello = definePlugin({
  name: 'hello',
  options: z.object({ answer: z.string().default('pong'), times: z.number().int().optional() }).strict(),
  setup(api, options) {
    const answer: string = options.answer;
    api.hears('ping', () => answer);
  },
});
const plain = definePlugin({ name: 'plain', setup() {} });

export const fine = [hello(), hello({}), hello({ answer: 'PONG' }), hello({ answer: 'x', times: 2 }), plain()];
export const wrongType = hello({ answer: 42 });
export const typo = hello({ answr: 'x' });
`;

/** tsc over the fixture, with the repository's test settings (strict, workspace paths). */
function typeErrors(source: string): Array<{ line: number; code: number; text: string }> {
  // Inside the core package, so zod and @wxbot/core resolve as they do for a plugin author.
  const dir = path.join(root, 'packages/core/node_modules/.cache/wxbot-plugin-options');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'fixture.ts');
  writeFileSync(file, source);
  try {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.tests.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error('tsconfig.tests.json did not parse');
    const program = ts.createProgram([file], { ...config.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && path.resolve(d.file.fileName) === file)
      .map((d) => ({ line: (d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? 0) + 1, code: d.code, text: ts.flattenDiagnosticMessageText(d.messageText, ' ') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('plugin options', () => {
  it('are type-checked from the schema: a wrong type and an unknown key fail tsc, correct calls pass', () => {
    const errors = typeErrors(FIXTURE);
    expect(errors).toEqual([
      { line: 15, code: 2322, text: "Type 'number' is not assignable to type 'string'." },
      expect.objectContaining({ line: 16, code: 2561, text: expect.stringMatching(/'answr' does not exist .*Did you mean to write 'answer'\?/) }),
    ]);
  }, 120_000);

  it('an unknown key at run time (a JS config) gets a "did you mean" and the known keys', async () => {
    const hello = definePlugin({ name: 'hello', options: z.object({ answer: z.string().default('pong'), rules: z.array(z.object({ pattern: z.string(), flags: z.string().optional() }).strict()).default([]) }).strict(), setup() {} });
    const host = new PluginHost({ bot: new FakeBot(), logger: captureLogger().logger });
    const error = await host.load([hello({ answr: 'x', rules: [{ pattern: 'a', flgs: 'i' }] } as never)]).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WxbotError);
    expect((error as WxbotError).message).toBe(
      'plugin "hello": option "rules.0" has unknown key(s) "flgs" ("flgs": did you mean "flags"?); known: "pattern", "flags"; ' +
        'options has unknown key(s) "answr" ("answr": did you mean "answer"?); known: "answer", "rules"',
    );
  });
});
