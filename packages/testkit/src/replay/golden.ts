import { readFile, writeFile } from 'node:fs/promises';
import type { ReplayAction } from './replay';

/** A replay's actions as a golden file holds them: one JSON object per line. */
export function formatGolden(actions: readonly ReplayAction[]): string {
  return actions.map((a) => `${JSON.stringify(a)}\n`).join('');
}

/** The actions a golden file holds. */
export async function readGolden(file: string): Promise<ReplayAction[]> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ReplayAction);
}

/** What `compareGolden` found: `diff` lists the first differing lines (`-` golden, `+` now). */
export interface GoldenComparison {
  readonly same: boolean;
  readonly diff: string;
}

/**
 * Compares a replay's actions with a golden file; with `update`, writes the file instead (and
 * reports the actions as the same). A missing golden file is a difference, unless updating.
 * @example
 * const { same, diff } = await compareGolden(actions, 'day.golden.jsonl');
 */
export async function compareGolden(actions: readonly ReplayAction[], file: string, options: { update?: boolean } = {}): Promise<GoldenComparison> {
  const now = formatGolden(actions);
  if (options.update) {
    await writeFile(file, now);
    return { same: true, diff: '' };
  }
  const before = await readFile(file, 'utf8').catch(() => undefined);
  if (before === undefined) return { same: false, diff: `${file}: no golden file yet (write it with --update)\n` };
  if (before === now) return { same: true, diff: '' };
  const a = before.split('\n');
  const b = now.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && lines.length < 40; i++) {
    if (a[i] === b[i]) continue;
    if (a[i]) lines.push(`line ${i + 1}: - ${a[i]}`);
    if (b[i]) lines.push(`line ${i + 1}: + ${b[i]}`);
  }
  return { same: false, diff: `${lines.join('\n')}\n` };
}
