import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_EVENT_TYPES } from '../../cli/src/config/schema';
import { EVENT_TYPES, STATUS_OF } from '../src';

// docs/api.md must list exactly the codes the server can answer with, each with its status.
const root = path.resolve(__dirname, '../../..');
const doc = readFileSync(path.join(root, 'docs/api.md'), 'utf8');

describe('docs/api.md', () => {
  it('lists every error code of @wxbot/server with its HTTP status, and nothing else', () => {
    const src = readFileSync(path.join(root, 'packages/server/src/errors.ts'), 'utf8');
    const union = src.slice(src.indexOf('export type ServerErrorCode ='), src.indexOf(';', src.indexOf('export type ServerErrorCode =')));
    const inCode = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] as string).sort();
    const rows = [...doc.matchAll(/^\| `(WXBOT_API_[A-Z_]+)` \| (\d+) \|/gm)].map((m) => [m[1] as string, Number(m[2])] as const);
    expect(rows.map(([code]) => code).sort()).toEqual(inCode);
    expect(inCode.length).toBeGreaterThan(5);
    for (const [code, status] of rows) expect({ code, status }).toEqual({ code, status: STATUS_OF[code as keyof typeof STATUS_OF] });
  });

  it('documents every event type, and the config schema accepts the same ones', () => {
    for (const type of EVENT_TYPES) expect(doc).toMatch(new RegExp(`^\\| \`${type}\` \\|`, 'm'));
    expect([...API_EVENT_TYPES]).toEqual([...EVENT_TYPES]);
  });
});
