// Test order for jest's workers: the long suites start first. Jest orders by the durations of the
// last run, kept in its cache; a fresh clone (CI) has none, and jest falls back to file size, which
// would start the crash test (a short file, ~90 s) last and leave one worker running it alone while
// the other idles. Suites named here go first, longest first (figures from CI runs, one worker);
// the others keep jest's own order. A name that no longer matches only loses its head start.
// @jest/test-sequencer is jest's own dependency (not hoisted by pnpm): resolved through jest.
const Sequencer = require(require.resolve('@jest/test-sequencer', { paths: [require.resolve('jest')] })).default;

/** Path endings of the long suites, longest first (seconds on a 2-core CI machine). */
const LONG_FIRST = [
  'reliability/crash.test.ts', // ~90
  'bench-quick.test.ts', // ~40
  'pack-install.process.test.ts', // ~40
  'doc-samples.process.test.ts', // ~35
  'init.process.test.ts', // ~16
  'faults.test.ts', // ~14
  'watch.process.test.ts', // ~13
];

const rank = (testPath) => {
  const p = testPath.split('\\').join('/');
  const i = LONG_FIRST.findIndex((end) => p.endsWith(`/${end}`));
  return i < 0 ? LONG_FIRST.length : i;
};

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    // Array.prototype.sort is stable: the rest keep jest's order.
    return Promise.resolve(ordered).then((list) => [...list].sort((a, b) => rank(a.path) - rank(b.path)));
  }
}

module.exports = LongFirstSequencer;
