import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRecording, Recorder, RECORDING_VERSION, type RecordedStore } from '@wxbot/testkit';
import type { SyncResponse, WireContact } from '@wxbot/wire-types';

const SELF = `@${'5e'.repeat(16)}`;
const ALICE = `@${'a1'.repeat(16)}`;
const BOB = `@${'b2'.repeat(16)}`;
const contact = (UserName: string, NickName: string): WireContact => ({ UserName, NickName, HeadImgUrl: `/cgi-bin/mmwebwx-bin/webwxgeticon?username=${UserName}&skey=@crypt_secret` }) as unknown as WireContact;
const sync = (over: Partial<SyncResponse>): SyncResponse => ({ AddMsgList: [], ModContactList: [], DelContactList: [], ...over }) as SyncResponse;

describe('Recorder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-rec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a 0600 JSON-lines recording: header, sanitised contacts at login, then only the new contacts and non-empty sync parts', async () => {
    const file = path.join(dir, 'day.jsonl');
    const wires = [contact(ALICE, 'Alice')];
    const store: RecordedStore = { self: { raw: contact(SELF, 'wxbot') }, wires: () => wires };
    const rec = new Recorder(file, () => store);
    rec.login();
    rec.batch(sync({}));
    wires.push(contact(BOB, 'Bob'));
    rec.batch(sync({ AddMsgList: [{ MsgId: '1', FromUserName: BOB, ToUserName: SELF, Content: 'hi' }] as never }));
    rec.close();

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(rec.count).toBe(4);
    const text = readFileSync(file, 'utf8');
    for (const secret of [SELF, ALICE, BOB, '@crypt_secret']) expect(text).not.toContain(secret);
    const lines = await readRecording(file);
    expect(lines.map((l) => l.type)).toEqual(['wxbot-recording', 'contacts', 'contacts', 'sync']);
    expect(lines[0]).toMatchObject({ version: RECORDING_VERSION });
    const [, first, fresh, batch] = lines as [unknown, { self: WireContact; contacts: WireContact[] }, { contacts: WireContact[] }, { AddMsgList: Array<Record<string, string>> }];
    expect(first.self.UserName).toBe('@self');
    expect(first.contacts.map((c) => c.NickName)).toEqual(['Alice']);
    expect(fresh.contacts.map((c) => c.NickName)).toEqual(['Bob']);
    expect(batch.AddMsgList[0]).toMatchObject({ FromUserName: fresh.contacts[0]?.UserName, ToUserName: '@self', Content: 'hi' });
    expect(batch).not.toHaveProperty('ModContactList');
  });
});
