import { readFileSync } from 'node:fs';
import path from 'node:path';

// docs/errors.md must list exactly the codes the code can throw: read both sides from source.
const root = path.resolve(__dirname, '../../..');
const read = (p: string): string => readFileSync(path.join(root, p), 'utf8');

function codesInUnion(file: string, typeName: string): string[] {
  const src = read(file);
  const start = src.indexOf(`export type ${typeName} =`);
  if (start < 0) throw new Error(`${typeName} not found in ${file}`);
  const body = src.slice(start, src.indexOf(';', start));
  return [...body.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] as string).sort();
}

function codesInDoc(): string[] {
  return [...read('docs/errors.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1] as string).sort();
}

describe('docs/errors.md', () => {
  it('lists every error code of core and protocol, and nothing else', () => {
    const inCode = [
      ...codesInUnion('packages/core/src/errors/wxbot-error.ts', 'WxbotErrorCode'),
      ...codesInUnion('packages/protocol/src/errors.ts', 'ProtocolErrorCode'),
    ].sort();
    expect(inCode.length).toBeGreaterThan(10);
    expect(codesInDoc()).toEqual(inCode);
  });
});
