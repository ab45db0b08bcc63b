import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Every ```ts block of these docs is a complete module: type-check them all, as the repo's own
// tests are checked (tsconfig.tests.json: strict, workspace paths, jest globals). This is where
// the ```ts jest samples are checked; doc-samples.process.test.ts runs the others in a project
// made by `wxbot init`.
const root = path.resolve(__dirname, '../../..');
const DOCS = ['docs/writing-plugins.md', 'docs/testing.md', 'docs/security.md'];

describe('code in the docs', () => {
  // Inside the cli package, so imports resolve as in a project that depends on wxbot (zod included).
  const dir = path.join(root, 'packages/cli/node_modules/.cache/wxbot-doc-examples');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks', () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = DOCS.flatMap((doc) =>
      [...readFileSync(path.join(root, doc), 'utf8').matchAll(/```ts(?: jest)?\n([\s\S]*?)```/g)].map((m, i) => {
        const file = path.join(dir, `${path.basename(doc, '.md')}-${i + 1}.ts`);
        writeFileSync(file, `${m[1]}\nexport {};\n`);
        return file;
      }),
    );
    expect(files.length).toBeGreaterThanOrEqual(10);
    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.tests.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error('tsconfig.tests.json did not parse');
    const program = ts.createProgram(files, { ...config.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(path.resolve(d.file.fileName)))
      .map((d) => `${path.basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  }, 120_000);
});
