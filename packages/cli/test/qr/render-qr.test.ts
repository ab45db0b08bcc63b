import QRCode from 'qrcode';
import { loginUrl, renderQr } from '../../src/qr';

const UUID = '4ZvZsN0zQg==';

// Each character is two vertically stacked modules (top, bottom); true = dark.
const HALVES: Record<string, [boolean, boolean]> = { ' ': [false, false], '▀': [true, false], '▄': [false, true], '█': [true, true] };

/** Reads the dark/light module grid back out of the terminal text, quiet zone included. */
function readModules(text: string): boolean[][] {
  // Strip the colour codes, and the last line: it holds only the bottom edge of the quiet zone.
  const rows = text.replace(/\u001b\[\d+m/g, '').split('\n').filter((row) => row.trim() !== '').slice(0, -1);
  return rows.flatMap((row) => {
    const cells = [...row].map((char): [boolean, boolean] => HALVES[char] ?? [false, false]);
    return [cells.map(([top]) => top), cells.map(([, bottom]) => bottom)];
  });
}

describe('renderQr', () => {
  it('encodes https://login.weixin.qq.com/l/<uuid>, module for module', async () => {
    expect(loginUrl(UUID)).toBe('https://login.weixin.qq.com/l/4ZvZsN0zQg==');
    const text = await renderQr(UUID);
    const { modules } = QRCode.create(loginUrl(UUID), {});
    const grid = readModules(text);
    // One light module of quiet zone around the code, so module (x, y) is grid[y + 1][x + 1];
    // BitMatrix.get takes (row, column).
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) expect([x, y, grid[y + 1]?.[x + 1]]).toEqual([x, y, modules.get(y, x) === 1]);
    }
  });

  it('draws with block characters on a light background', async () => {
    const text = await renderQr(UUID);
    expect(text.length).toBeGreaterThan(200);
    expect(text).toMatch(/[█▀▄]/);
    expect(text.startsWith('\u001b[47m\u001b[30m')).toBe(true); // black on white: scannable on dark terminals
    // Finder patterns: the top rows start and end with a solid 7-module bar.
    expect(text).toContain('█ ▄▄▄ █');
  });

  it('is deterministic for a uuid and differs between uuids', async () => {
    expect(await renderQr(UUID)).toBe(await renderQr(UUID));
    expect(await renderQr('A_1_xxxw==')).not.toBe(await renderQr(UUID));
  });

  it('rejects an empty or spaced uuid', async () => {
    await expect(renderQr('')).rejects.toThrow('renderQr: expected a login uuid, got ""');
    await expect(renderQr('a b')).rejects.toThrow(TypeError);
  });
});
