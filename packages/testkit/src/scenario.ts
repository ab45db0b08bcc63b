import { demoScenario, type Scenario, type ScenarioPerson } from '@wxbot/simulator';
import type { AddressBookOptions } from './types';

const person = <T extends { nickName: string }>(p: string | T): T => (typeof p === 'string' ? ({ nickName: p } as T) : p);

/**
 * The scenario both modes share: the options' address book over the demo scenario. Group
 * members named nowhere else are added as strangers, so a test can say
 * `groups: [{ topic: 'Team', members: ['Alice', 'Bob'] }]` without listing Bob.
 * @example
 * toScenario({ contacts: ['Alice'] }).friends; // [{ nickName: 'Alice' }]
 */
export function toScenario(options: AddressBookOptions): Scenario {
  if (options.scenario) return options.scenario;
  const demo = demoScenario();
  const friends = options.contacts ? options.contacts.map(person) : demo.friends;
  const groups = options.groups ? options.groups.map((g) => ({ ...g, members: [...g.members] })) : (demo.groups ?? []);
  const strangers: ScenarioPerson[] = options.contacts || options.groups ? [] : [...(demo.strangers ?? [])];
  const known = (name: string): boolean =>
    name === 'self' || [...friends, ...strangers].some((p) => p.nickName === name || p.wxid === name || p.remarkName === name);
  for (const g of groups) for (const m of g.members) if (!known(m)) strangers.push({ nickName: m });
  return {
    self: options.self === undefined ? demo.self : person(options.self),
    friends,
    strangers,
    officialAccounts: options.officialAccounts ? options.officialAccounts.map(person) : (demo.officialAccounts ?? []),
    specials: demo.specials ?? ['filehelper', 'weixin', 'fmessage', 'newsapp'],
    groups,
  };
}
