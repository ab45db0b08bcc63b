import type { Group, GroupMember } from './types';

/**
 * The names a member goes by in a group, in the official client's display order (docs/protocol.md
 * 13.5): the owner's remark (friends only), the group alias (`DisplayName`), the nickname.
 */
function namesOf(member: GroupMember, remarkOf: (id: string) => string): string[] {
  return [remarkOf(member.id), member.displayName, member.nickName].filter(Boolean);
}

/**
 * Members of `group` called `name`: by UserName, else those with a name equal to it (remark,
 * group alias or nickname), else those with a name containing it, case-insensitively. Server order.
 * @example findMembers(group, 'Dad', (id) => store.contact(id)?.remarkName ?? '')
 */
export function findMembers(group: Group, name: string, remarkOf: (id: string) => string = () => ''): GroupMember[] {
  const byId = name.startsWith('@') ? group.member(name) : undefined;
  if (byId) return [byId];
  const exact: GroupMember[] = [];
  const partial: GroupMember[] = [];
  const q = name.toLowerCase();
  for (const m of group.members) {
    const names = namesOf(m, remarkOf);
    if (names.includes(name)) exact.push(m);
    else if (q && names.some((n) => n.toLowerCase().includes(q))) partial.push(m);
  }
  return exact.length > 0 ? exact : partial;
}

/**
 * The member with this UserName, else the first whose group alias, then nickname, is exactly
 * `key`. A key that looks like a UserName (`@…`) is looked up by id only: anyone can pick a group
 * alias, and a stale id must not find the member who named themselves after it.
 */
export function memberByIdOrName(members: readonly GroupMember[], byId: ReadonlyMap<string, GroupMember>, key: string): GroupMember | undefined {
  const found = byId.get(key);
  if (found || key.startsWith('@')) return found;
  return members.find((m) => m.displayName === key) ?? members.find((m) => m.nickName === key);
}
