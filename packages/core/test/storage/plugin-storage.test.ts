import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPluginStorage } from '../../src/storage/plugin-storage';

// Per-chat values are kept under the chat's stable id, so a re-login (new UserNames) finds them.
describe('plugin storage by chat', () => {
  it('keys a chat by its stable id, across a new login and a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxbot-ps-'));
    try {
      let ids = new Map([['@0a', 'p:alice']]);
      const errors: string[] = [];
      const storage = await openPluginStorage(dir, 'counter', (e) => errors.push(e.message), (id) => ids.get(id));
      await storage.chat('@0a').set('seen', 3);
      expect(storage.keys()).toEqual(['chat:p:alice:seen']);

      ids = new Map([['@1b', 'p:alice']]); // the next login: a new UserName, the same stable id
      const again = await openPluginStorage(dir, 'counter', (e) => errors.push(e.message), (id) => ids.get(id));
      expect(again.chat('@1b').get('seen')).toBe(3);
      expect(again.chat('@1b').keys()).toEqual(['seen']);
      expect(() => again.chat('@0a')).toThrow(expect.objectContaining({ code: 'WXBOT_CONTACT_UNRESOLVED' }));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns once when a key holds a session-scoped UserName', async () => {
    const errors: string[] = [];
    const storage = await openPluginStorage(undefined, 'p', (e) => errors.push(e.message));
    await storage.set(`seen:@${'ab'.repeat(16)}`, 1);
    await storage.set(`seen:@${'cd'.repeat(16)}`, 1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/changes at every login.*storage\.chat/);
  });
});
