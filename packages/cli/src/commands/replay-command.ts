import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareGolden, formatGolden, replay } from '@wxbot/testkit';
import pino from 'pino';
import { loadConfig, resolvePlugins } from '../config';
import { UsageError } from './args';

/** `wxbot replay FILE [--config] [--expect GOLDEN [--update]]`: 0 same or no golden, 1 different. */
export async function runReplay(argv: readonly string[], io: { cwd: string; env: NodeJS.ProcessEnv; write(text: string): void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { config: { type: 'string' }, expect: { type: 'string' }, update: { type: 'boolean' }, json: { type: 'boolean' }, 'log-level': { type: 'string' } },
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  const v = parsed.values;
  if (!file || extra.length > 0) throw new UsageError('wxbot replay takes one recording FILE');
  if (v.update && !v.expect) throw new UsageError('--update needs --expect GOLDEN (the file to write)');
  const config = await loadConfig({ cwd: io.cwd, configPath: v.config, flags: {}, env: io.env });
  const plugins = await resolvePlugins(config.plugins, { configDir: config.configDir, cwd: config.cwd, configFile: config.configFile });
  const logger = pino({ level: v['log-level'] ?? 'warn' }, pino.destination(2));
  const { actions, messages } = await replay(path.resolve(io.cwd, file), { plugins, logger });
  if (v.json) io.write(formatGolden(actions));
  else for (const a of actions) io.write(`-> ${a.to}: ${a.action ? `[${a.action}]` : a.media ? `[${a.media.kind}] ${a.media.name ?? ''}` : a.text}\n`);
  const summary = `${messages.length} messages replayed, ${actions.length} actions`;
  if (!v.expect) {
    process.stderr.write(`${summary}\n`);
    return 0;
  }
  const golden = path.resolve(io.cwd, v.expect);
  if (v.update) {
    await writeFile(golden, formatGolden(actions));
    process.stderr.write(`${summary}; wrote ${golden}\n`);
    return 0;
  }
  const { same, diff } = await compareGolden(actions, golden);
  if (same) {
    process.stderr.write(`${summary}; same as ${golden}\n`);
    return 0;
  }
  process.stderr.write(`${summary}; DIFFERENT from ${golden}:\n${diff}`);
  return 1;
}
