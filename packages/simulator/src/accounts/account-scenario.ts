import type { Scenario, ScenarioGroup, ScenarioPerson } from '../scenario/types';

/**
 * The address book of account number `n` (2, 3, …) of a multi-account simulator, derived from
 * the first account's: the same nicknames and topics (so control calls read the same for every
 * account), but its own uin, self wxid and contact/group wxids, as two real accounts would have.
 * wxids get the suffix `_n` (groups: the digits `n` appended before `@chatroom`); a group member,
 * owner, display name or recent chat that names a person by wxid follows the rename.
 *
 * @example accountScenario(demoScenario(), 2).self.nickName // 'wxbot 2'
 */
export function accountScenario(base: Scenario, n: number): Scenario {
  const renamed = new Map<string, string>();
  const person = <P extends ScenarioPerson>(p: P, fallback: string): P => {
    const wxid = `${p.wxid ?? fallback}_${n}`;
    if (p.wxid !== undefined) renamed.set(p.wxid, wxid);
    return { ...p, wxid };
  };
  const ref = (name: string): string => renamed.get(name) ?? name;
  const self = person(base.self, 'wxid_self');
  self.nickName = `${base.self.nickName} ${n}`;
  if (base.self.uin !== undefined) self.uin = base.self.uin + n - 1;
  else delete self.uin;
  const scenario: Scenario = {
    ...base,
    self,
    friends: base.friends.map((p, i) => person(p, `wxid_friend${i}`)),
  };
  if (base.strangers) scenario.strangers = base.strangers.map((p, i) => person(p, `wxid_stranger${i}`));
  if (base.officialAccounts) {
    // Official accounts are the same public accounts for everyone: their gh_ ids stay.
    scenario.officialAccounts = base.officialAccounts.map((p) => ({ ...p }));
  }
  if (base.groups) {
    scenario.groups = base.groups.map((g) => group(g, n, ref));
    base.groups.forEach((g, i) => {
      const wxid = scenario.groups?.[i]?.wxid;
      if (g.wxid !== undefined && wxid !== undefined) renamed.set(g.wxid, wxid);
    });
  }
  if (base.recentChats) scenario.recentChats = base.recentChats.map(ref);
  return scenario;
}

function group(g: ScenarioGroup, n: number, ref: (name: string) => string): ScenarioGroup {
  const copy: ScenarioGroup = { ...g, members: g.members.map(ref) };
  if (g.wxid !== undefined) copy.wxid = g.wxid.replace(/@chatroom$/, `${n}@chatroom`);
  if (g.owner !== undefined) copy.owner = ref(g.owner);
  if (g.displayNames) copy.displayNames = Object.fromEntries(Object.entries(g.displayNames).map(([k, v]) => [ref(k), v]));
  return copy;
}
