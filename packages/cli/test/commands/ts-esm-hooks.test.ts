import { pathToFileURL } from 'node:url';
import { load } from '../../src/commands/ts-esm-hooks';

// The hook is called by Node's loader with the next hook of the chain; here the next hook is a
// function recording its calls (Node's own chain runs in test/init.process.test.ts, where a
// "type": "module" project's .ts tests pass under wxbot test).
describe('the ESM load hook of wxbot test', () => {
  const calls: Array<[string, unknown]> = [];
  const nextLoad = async (url: string, context?: { format?: string | null }) => {
    calls.push([url, context]);
    return { format: 'module', source: 'export {}' };
  };
  beforeEach(() => (calls.length = 0));

  it('hands .ts and .cts files to the CommonJS loader, without asking the rest of the chain', async () => {
    for (const file of ['/project/test/a.test.ts', '/project/b.cts', '/dir with space/c.ts']) {
      expect(await load(pathToFileURL(file).href, { format: null }, nextLoad)).toEqual({ format: 'commonjs', shortCircuit: true });
    }
    expect(calls).toEqual([]);
  });

  it('leaves everything else to the next hook: .mts, .js, a query-string lookalike, non-file URLs', async () => {
    const urls = [pathToFileURL('/project/a.mts').href, pathToFileURL('/project/a.js').href, `${pathToFileURL('/project/a.js').href}?x=.ts`, 'node:fs', 'data:text/javascript,export%20{}'];
    for (const url of urls) expect(await load(url, { format: 'module' }, nextLoad)).toEqual({ format: 'module', source: 'export {}' });
    expect(calls.map(([url]) => url)).toEqual(urls);
    expect(calls[0]?.[1]).toEqual({ format: 'module' });
  });
});
