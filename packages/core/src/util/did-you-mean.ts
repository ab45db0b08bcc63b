/** Edit distance, case-insensitive (a typo such as `answr` or `Answer`). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const same = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase();
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (same ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * The known name closest to `name`, if it is close enough to be a typo (at most 2 edits, and
 * fewer than half the letters).
 * @example
 * closestName('answr', ['answer', 'chats']); // 'answer'
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.floor(name.length / 2));
  return known
    .map((candidate) => [candidate, distance(name, candidate)] as const)
    .filter(([, d]) => d <= limit)
    .sort((a, b) => a[1] - b[1])[0]?.[0];
}
