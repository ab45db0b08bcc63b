import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertScenario, loadScenarioFile } from '../../src/scenario/load';

describe('scenario files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-scenario-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a JSON scenario file', () => {
    const file = path.join(dir, 's.json');
    const scenario = { self: { nickName: 'bot' }, friends: [{ nickName: 'Alice' }], groups: [{ topic: 'T', members: ['Alice'] }] };
    writeFileSync(file, JSON.stringify(scenario));
    expect(loadScenarioFile(file)).toEqual(scenario);
  });

  it('names the file and the field that is wrong', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ self: { nickName: 'bot' }, friends: [{ nickName: 'A' }, { name: 'B' }] }));
    expect(() => loadScenarioFile(file)).toThrow(`${file}: "friends[1].nickName" (string) is required`);
    writeFileSync(file, '{ not json');
    expect(() => loadScenarioFile(file)).toThrow(SyntaxError);
  });

  it.each([
    [null, 'must be a JSON object'],
    [{ friends: [] }, '"self.nickName" (string) is required'],
    [{ self: { nickName: 'b' } }, '"friends" must be an array'],
    [{ self: { nickName: 'b' }, friends: [], strangers: {} }, '"strangers" must be an array'],
    [{ self: { nickName: 'b' }, friends: [], officialAccounts: [{}] }, '"officialAccounts[0].nickName" (string) is required'],
    [{ self: { nickName: 'b' }, friends: [], groups: {} }, '"groups" must be an array'],
    [{ self: { nickName: 'b' }, friends: [], groups: [{ members: [] }] }, '"groups[0].topic" (string) is required'],
    [{ self: { nickName: 'b' }, friends: [], groups: [{ topic: 'T' }] }, '"groups[0].members" must be an array'],
  ])('refuses %j: %s', (value, message) => {
    expect(() => assertScenario(value)).toThrow(`scenario: ${message}`);
  });
});
