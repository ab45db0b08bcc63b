import { isAbsolute, relative } from 'node:path';

/** Where a syntax error is and what the compiler said about it. */
export interface SyntaxProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  text: string;
  source: string;
  /** How many further errors the file has (only the first is shown: the rest often follow from it). */
  more: number;
}

const shown = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

/**
 * The lines around `line` with a caret under `column`, as editors and compilers print them.
 * @example
 * codeFrame('a\nb(\nc', 2, 3);
 * // "  1 | a\n> 2 | b(\n    |   ^\n  3 | c"
 */
export function codeFrame(source: string, line: number, column: number, context = 2): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const gutter = ` ${String(n).padStart(width)} |`;
    // Tabs kept as they are, so the caret lines up in a terminal that expands them the same way.
    const text = (lines[n - 1] ?? '').replace(/\s+$/, '');
    out.push(`${n === line ? '>' : ' '}${gutter}${text ? ` ${text}` : ''}`);
    if (n === line) {
      const pad = (lines[n - 1] ?? '').slice(0, column - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${pad}^`);
    }
  }
  return out.join('\n');
}

/** `file:line:column: syntax error: <what>`, the code frame, and the fix. */
export function syntaxErrorMessage(p: SyntaxProblem): string {
  const more = p.more > 0 ? ` (and ${p.more} more error${p.more === 1 ? '' : 's'} after it)` : '';
  return `${shown(p.file)}:${p.line}:${p.column}: syntax error: ${p.text}${more}\n${codeFrame(p.source, p.line, p.column)}\nFix: correct the code at that line and column, then save (with --watch) or start again.`;
}
