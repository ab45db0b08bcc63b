'use strict';
// Preloaded into the `wxbot fleet` process by bench/density-fleet (`node --expose-gc -r …`): an
// observer only, it changes nothing in the fleet. On SIGUSR2 it runs a full GC and writes one line
// to stderr, `@@probe {rss, heapUsed, heapTotal, external, rssBeforeGc}`, so the bench reads the
// heap of a process it did not write. RSS and CPU are read from /proc by the bench itself.
process.on('SIGUSR2', () => {
  const before = process.memoryUsage().rss;
  if (global.gc) global.gc();
  const m = process.memoryUsage();
  process.stderr.write(`@@probe ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, rssBeforeGc: before })}\n`);
});
