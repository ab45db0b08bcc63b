import * as scripts from '../src/scripts';

// Redis Cluster runs a script only if every key it touches is passed in KEYS (and all are in one
// slot: the account's hash tag, keys.ts). No script may build a key name itself.

describe('Lua scripts', () => {
  const all = Object.entries(scripts).filter(([name]) => name.endsWith('_LUA')) as Array<[string, string]>;

  it('are all checked here', () => {
    expect(all.map(([name]) => name).sort()).toEqual(['ACQUIRE_LUA', 'MEDIA_LUA', 'RELEASE_LUA', 'RENEW_LUA', 'WRITE_LUA']);
  });

  it.each(all)('%s addresses keys only as KEYS[n]', (_name, lua) => {
    const calls = [...lua.matchAll(/redis\.call\(\s*'([A-Z]+)'\s*,\s*([^,)]+)/g)];
    expect(calls.length).toBeGreaterThan(0);
    for (const [, command, key] of calls) expect([command, key]).toEqual([command, expect.stringMatching(/^KEYS\[\d+\]$/)]);
    expect(lua).not.toMatch(/KEYS\[[A-Z]/);
  });
});
