import type { Scenario } from './types';

/**
 * A small address book for tests and `wxbot sim`: friends Alice, Bob (remark
 * "Bobby"), Carol, Dave (pinned), 张伟, "Eve🌙"; strangers Mallory and Trent;
 * official accounts "Tech Weekly" (verified) and "Daily Notes"; groups
 * "Family" (saved) and "Dev Team" (not saved, with non-friend members).
 */
export function demoScenario(): Scenario {
  return {
    self: { wxid: 'wxid_wxbot0self', nickName: 'wxbot', uin: 176666155, sex: 1, signature: 'beep boop', province: '广东', city: '深圳' },
    friends: [
      { wxid: 'wxid_alice01', nickName: 'Alice', sex: 2, province: 'Zhejiang', city: 'Hangzhou', signature: 'hi there' },
      { wxid: 'wxid_bob02', nickName: 'Bob', remarkName: 'Bobby', sex: 1, alias: 'bob_the_builder' },
      { wxid: 'wxid_carol03', nickName: 'Carol', sex: 2, starred: true },
      { wxid: 'wxid_dave04', nickName: 'Dave', sex: 1, pinned: true, muted: true },
      { wxid: 'wxid_zhangwei05', nickName: '张伟', pyInitial: 'ZW', pyQuanPin: 'zhangwei', sex: 1, province: '北京', city: '海淀' },
      { wxid: 'wxid_eve06', nickName: 'Eve🌙', pyInitial: 'EVE', pyQuanPin: 'Eve', sex: 2 },
    ],
    strangers: [
      { wxid: 'wxid_mallory07', nickName: 'Mallory', sex: 1 },
      { wxid: 'wxid_trent08', nickName: 'Trent', sex: 1 },
    ],
    officialAccounts: [
      { wxid: 'gh_3dfda90e39d6', nickName: 'Tech Weekly', verifyFlag: 24, signature: 'Weekly tech digest', alias: 'techweekly' },
      { wxid: 'gh_8ee26bcfc5f9', nickName: 'Daily Notes', verifyFlag: 8, signature: 'Notes every day' },
    ],
    specials: ['filehelper', 'weixin', 'fmessage', 'newsapp'],
    groups: [
      { wxid: '902809793@chatroom', topic: 'Family', saved: true, members: ['Alice', 'Bob', 'Carol'], owner: 'Alice', displayNames: { Bob: 'Dad' } },
      {
        wxid: '2914059377@chatroom',
        topic: 'Dev Team',
        saved: false,
        members: ['Alice', 'Carol', 'Mallory', 'Trent'],
        owner: 'self',
        displayNames: { Carol: 'Carol (QA)', self: 'Bot' },
      },
    ],
    recentChats: ['filehelper', 'Alice', 'Family', 'Dev Team', 'Tech Weekly', 'Bob'],
  };
}
