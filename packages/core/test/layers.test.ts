import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The directories of core are layered (docs/architecture.md): a module may import its own
// directory and the layers below it, never a layer above. Read from the sources.
const SRC = path.resolve(__dirname, '../src');
const RANK: Record<string, number> = {
  util: 0,
  errors: 0,
  limits: 0,
  storage: 1,
  contacts: 1,
  message: 2,
  events: 2,
  pipeline: 3,
  plugin: 4,
  session: 4,
  outbox: 5,
  media: 6,
  bot: 7,
  index: 8,
  internals: 8,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0]!.replace(/\.ts$/, '');

describe('core layers', () => {
  it('knows the layer of every source directory', () => {
    const unknown = [...new Set(files(SRC).map(layerOf))].filter((l) => RANK[l] === undefined);
    expect(unknown).toEqual([]);
  });

  it('has no import from a higher layer', () => {
    const upward: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const to = layerOf(path.resolve(path.dirname(file), m[1]!));
        if (to !== from && (RANK[to] ?? 99) > (RANK[from] ?? -1)) upward.push(`${path.relative(SRC, file)} -> ${m[1]}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
