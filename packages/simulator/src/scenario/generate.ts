import { Rng } from '../util/rng';
import type { Scenario, ScenarioGroup, ScenarioPerson } from './types';

/** Options of {@link generateScenario}. */
export interface GenerateOptions {
  friends: number;
  groups?: number;
  membersPerGroup?: number;
  /** Official accounts (default 20, capped by `friends`). */
  officialAccounts?: number;
  seed?: number;
}

// [hanzi, pinyin] pairs so the PY fields of generated names are correct.
const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['赵', 'zhao'], ['黄', 'huang'], ['周', 'zhou'], ['吴', 'wu'], ['徐', 'xu'], ['孙', 'sun'],
];
const GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'],
  ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'],
];
const LATIN = ['Alex', 'Sam', 'Kim', 'Lee', 'Max', 'Joy', 'Leo', 'Mia', 'Zoe', 'Ivy'];
const TOPIC_WORDS = ['Project', 'Family', 'Alumni', 'Hiking', 'Book Club', 'Football', 'Parents', 'Startup'];

function person(rng: Rng, prefix: string, index: number): ScenarioPerson {
  const wxid = `wxid_${prefix}${rng.base64(10).replace(/[+/]/g, 'x').toLowerCase()}${index}`;
  if (index % 4 === 3) {
    const name = `${rng.pick(LATIN)} ${index}`;
    return { wxid, nickName: name, sex: rng.int(0, 2) };
  }
  const [s, sp] = rng.pick(SURNAMES);
  const [g, gp] = rng.pick(GIVEN);
  return {
    wxid,
    nickName: `${s}${g}${index}`,
    pyInitial: `${sp[0]}${gp[0]}${index}`.toUpperCase(),
    pyQuanPin: `${sp}${gp}${index}`,
    sex: rng.int(0, 2),
    province: rng.pick(['广东', '北京', '上海', '浙江', '']),
    remarkName: index % 10 === 0 ? `R${index}` : undefined,
  };
}

/**
 * Builds a large address book deterministically from a seed: `friends`
 * friends, `groups` groups (even ones saved to contacts) of `membersPerGroup`
 * members each, about a fifth of whom are strangers. 5,000 friends and 100
 * groups build in a few milliseconds.
 *
 * @example generateScenario({ friends: 5000, groups: 100, membersPerGroup: 50, seed: 1 })
 */
export function generateScenario(options: GenerateOptions): Scenario {
  const rng = new Rng(options.seed ?? 1);
  const groupCount = options.groups ?? 0;
  const perGroup = Math.max(1, options.membersPerGroup ?? 20);
  const friends = Array.from({ length: options.friends }, (_, i) => person(rng, 'f', i));
  const strangerCount = groupCount === 0 ? 0 : Math.max(5, Math.ceil((groupCount * perGroup) / 10));
  const strangers = Array.from({ length: strangerCount }, (_, i) => person(rng, 's', i));
  const mpCount = Math.min(options.officialAccounts ?? 20, Math.max(1, options.friends));
  const officialAccounts = Array.from({ length: mpCount }, (_, i) => ({
    wxid: `gh_${rng.hex(12)}`,
    nickName: `Official ${i}`,
    verifyFlag: i % 3 === 0 ? 8 : 24,
    signature: `Official account number ${i}`,
  }));
  const groups: ScenarioGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const members = new Set<string>();
    while (members.size < perGroup && members.size < friends.length + strangers.length) {
      const pool = strangers.length > 0 && rng.int(0, 4) === 0 ? strangers : friends;
      if (pool.length === 0) break;
      const wxid = rng.pick(pool).wxid;
      if (wxid) members.add(wxid);
    }
    const memberList = [...members];
    groups.push({
      wxid: `${rng.int(100000000, 3999999999)}@chatroom`,
      topic: `${rng.pick(TOPIC_WORDS)} ${g}`,
      saved: g % 2 === 0,
      members: memberList,
      owner: g % 5 === 0 ? 'self' : memberList[0],
    });
  }
  return {
    self: { wxid: 'wxid_selfgenerated', nickName: 'wxbot', uin: 100000000 + rng.int(0, 899999999) },
    friends,
    strangers,
    officialAccounts,
    groups,
  };
}
