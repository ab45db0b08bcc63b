import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const created: string[] = [];

/**
 * Writes `files` (relative path → content; objects are written as JSON) into a fresh temp dir and
 * returns its real path. Every project gets a package.json unless given one, so cosmiconfig's
 * upward search stops there instead of wandering into os.tmpdir().
 */
export async function tempProject(files: Record<string, string | object>): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'wxbot-cli-')));
  created.push(dir);
  const all = { 'package.json': { name: 'fixture', private: true }, ...files };
  for (const [name, content] of Object.entries(all)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Removes every project made by this test file (call from afterAll). */
export async function removeTempProjects(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A local plugin module in CommonJS, shaped like what core's definePlugin returns. */
export const pluginModule = (name: string): string => `
const definition = { name: ${JSON.stringify(name)}, setup() {} };
const factory = (options) => ({ definition, rawOptions: options });
factory.definition = definition;
module.exports = { default: factory, __esModule: true };
`;

/** The same plugin as a TypeScript module with a default export. */
export const pluginModuleTs = (name: string): string => `
interface Definition { name: string; setup(): void }
const definition: Definition = { name: ${JSON.stringify(name)}, setup() {} };
const factory = Object.assign((options?: unknown) => ({ definition, rawOptions: options }), { definition });
export default factory;
`;

/** Drops the keys that vary between machines so whole results can be compared. */
export const noEnv: Record<string, string | undefined> = {};
