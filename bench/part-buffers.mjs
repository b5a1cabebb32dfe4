#!/usr/bin/env node
// What assembling multipart parts costs in Node, without S3: 266 MiB (the benchmark's stored size per GiB of dump)
// arriving in 64 KiB chunks (as zstd's stdout does), assembled into parts while two parts stay in flight.
//   node bench/part-buffers.mjs concat|copy|pool [part MiB]
// concat: lib-storage's chunker (Buffer.concat into a fresh buffer per part); copy: fresh buffer per part, filled by
// copy; pool: queue+1 reused part buffers (what an own multipart loop could do). Prints CPU seconds and RSS.
// Measured 2026-11-26 (Node 24, 2 cores): 16 MiB parts concat 1.23 s / 229 MiB, pool 0.63 s / 167 MiB;
// 8 MiB parts concat 0.79 s / 185 MiB, pool 0.58 s / 143 MiB.
const mode = process.argv[2];
const P = Number(process.argv[3] ?? 16) << 20;
const total = 266 << 20;
const inflight = [];
const pool = [];
const t0 = process.cpuUsage();
const w0 = Date.now();
let cur = [];
let len = 0;
let parts = 0;
let fill,
  off = 0;
for (let done = 0; done < total; done += 65536) {
  const c = Buffer.allocUnsafe(65536);
  c.fill(done & 255, 0, 64);
  if (mode === 'concat') {
    cur.push(c);
    len += c.length;
    if (len > P) {
      const b = Buffer.concat(cur);
      inflight.push(b.subarray(0, P));
      cur = [b.subarray(P)];
      len = cur[0].length;
      parts++;
    }
  } else {
    if (!fill) fill = (mode === 'pool' && pool.pop()) || Buffer.allocUnsafeSlow(P);
    c.copy(fill, off);
    off += c.length;
    if (off === P) {
      inflight.push(fill);
      fill = undefined;
      off = 0;
      parts++;
    }
  }
  if (inflight.length > 2) {
    const done = inflight.shift();
    if (mode === 'pool') pool.push(done);
  }
}
const u = process.cpuUsage(t0);
console.log(
  mode,
  P >> 20,
  'MiB parts:',
  parts,
  'cpu',
  ((u.user + u.system) / 1e6).toFixed(2),
  's, wall',
  Date.now() - w0,
  'ms, rss',
  (process.memoryUsage().rss / 2 ** 20).toFixed(0),
  'MiB',
);
