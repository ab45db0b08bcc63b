'use strict';
// Small helpers shared by the benchmarks (plain CommonJS: the bench runs on the built dist/).
const fs = require('node:fs');

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes. */
function nowMs() {
  return performance.timeOrigin + performance.now();
}

/** p-th percentile (0..100) of a numeric array (sorted copy, nearest rank). */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

function median(values) {
  return percentile(values, 50);
}

/** Peak resident set size of this process (VmHWM), in bytes. */
function peakRss() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: fall back to maxRSS (kB on Linux, same meaning)
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** CPU seconds (user + system) used by this process so far. */
function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function mb(bytes) {
  return bytes / (1024 * 1024);
}

/** Wait for the parent's IPC message of a given type. */
function waitFor(type) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && m.type === type) {
        process.off('message', on);
        resolve(m);
      }
    };
    process.on('message', on);
  });
}

function send(msg) {
  if (process.send) process.send(msg);
}

/** The unique token the flood puts in each message: `#<n>#`. */
/**
 * The contender side of the parent's protocol: `mark` starts the CPU count, `report` answers
 * CPU since the mark, peak and current RSS plus `extra()`, `exit` ends the child.
 */
function answerParent(extra) {
  let mark = 0;
  process.on('message', (m) => {
    if (m.type === 'mark') {
      mark = cpuSeconds();
      send({ type: 'marked' });
    } else if (m.type === 'exit') {
      process.exit(0);
    } else if (m.type === 'report') {
      const cpu = cpuSeconds() - mark;
      const rss = process.memoryUsage().rss;
      // What is still reachable after a full collection: retention, as opposed to GC headroom.
      if (global.gc) global.gc();
      send({ type: 'report', cpu, peakRss: peakRss(), rss, heapAfterGc: process.memoryUsage().heapUsed, ...extra() });
    }
  });
}

const TOKEN = /#(\d+)#/;

module.exports = { answerParent, nowMs, percentile, median, peakRss, cpuSeconds, mb, waitFor, send, TOKEN };
