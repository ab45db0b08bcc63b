import type { Rng } from '../util/rng';
import type { AddressBook, ChatRef, Group, Person } from './address-book';

/**
 * Session-scoped UserNames (docs/protocol.md 13.2): every login mints new `@<hex>`
 * names for people and `@@<64 hex>` for groups, so clients that persist them
 * break as they would against the real server. Lookups both ways are O(1).
 */
export class Directory {
  private readonly personNames: string[] = [];
  private readonly groupNames: string[] = [];
  private readonly encryIds: string[] = [];
  private readonly byUserName = new Map<string, ChatRef>();
  private readonly byEncryId = new Map<string, number>();

  constructor(
    readonly book: AddressBook,
    private readonly rng: Rng,
  ) {
    for (const p of book.people) this.namePerson(p);
    for (const g of book.groups) this.nameGroup(g);
  }

  /** Specials keep their literal ids; some users get 64-hex names as seen in captures. */
  private namePerson(p: Person): string {
    const long = p.kind === 'self' || p.kind === 'stranger' || p.index % 3 === 0;
    const userName = p.kind === 'special' ? p.wxid : `@${this.rng.hex(long ? 64 : 32)}`;
    this.personNames[p.index] = userName;
    this.byUserName.set(userName, { type: 'person', index: p.index });
    return userName;
  }

  private nameGroup(g: Group): void {
    const userName = `@@${this.rng.hex(64)}`;
    this.groupNames[g.index] = userName;
    const encry = `@${this.rng.hex(32)}`;
    this.encryIds[g.index] = encry;
    this.byEncryId.set(encry, g.index);
    this.byUserName.set(userName, { type: 'group', index: g.index });
  }

  /** UserName of a person, minting one if the address book grew after login. */
  personUserName(p: Person): string {
    return this.personNames[p.index] ?? this.namePerson(p);
  }

  groupUserName(g: Group): string {
    const name = this.groupNames[g.index];
    if (name !== undefined) return name;
    this.nameGroup(g);
    return this.groupNames[g.index] as string;
  }

  encryChatRoomId(g: Group): string {
    return this.encryIds[g.index] ?? (this.groupUserName(g), this.encryIds[g.index] as string);
  }

  get selfUserName(): string {
    return this.personUserName(this.book.self);
  }

  resolve(userName: string): ChatRef | undefined {
    return this.byUserName.get(userName);
  }

  person(userName: string): Person | undefined {
    const ref = this.byUserName.get(userName);
    return ref?.type === 'person' ? this.book.people[ref.index] : undefined;
  }

  group(userName: string): Group | undefined {
    const ref = this.byUserName.get(userName);
    return ref?.type === 'group' ? this.book.groups[ref.index] : undefined;
  }

  /** A group by its EncryChatRoomId or its UserName (both accepted in batchgetcontact). */
  groupByRoomId(id: string): Group | undefined {
    const byName = this.group(id);
    if (byName) return byName;
    const index = this.byEncryId.get(id);
    return index === undefined ? undefined : this.book.groups[index];
  }

  userNameOf(ref: ChatRef): string {
    return ref.type === 'group'
      ? this.groupUserName(this.book.groups[ref.index] as Group)
      : this.personUserName(this.book.people[ref.index] as Person);
  }
}
