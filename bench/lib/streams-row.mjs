// The multi-stream rows of `npm run bench`: backup and restore of one database at 1, 2 and 4 streams (`--streams N`,
// one snapshot, a schema part and N data parts; the restore loads the parts `jobs` at a time and builds a loaded part's
// indexes while the others load), against `pg_restore` of the same dump from a local file. Target: the restore of 4
// streams at most 0.7× that `pg_restore`.
import { max, median } from './measure.mjs';

export const STREAMS = [1, 2, 4];
export const STREAMS_TARGETS = { restore4VsPgRestore: 0.7 };

/**
 * `h`: the benchmark's helpers (runOurs, settle, pgs, s3, log, clearBucket, checkRestored, restorePlain); `src`: the
 * prepared database (with its local dump for the `pg_restore` baseline).
 */
export async function runStreamsRow(h, o, src) {
  const runs = [];
  for (let i = 1; i <= o.runs; i++) {
    h.log(`streams run ${i}/${o.runs}`);
    const r = { run: i, plain: await h.restorePlain(src, `s${i}`) };
    h.log(`  (m0) pg_restore -d local file           ${r.plain.wall.toFixed(1)} s`);
    // rotate the order between runs so that a slow minute hits each alike
    const order = STREAMS.map((_, k) => STREAMS[(k + i - 1) % STREAMS.length]);
    for (const n of order) {
      const environment = `bench-s${n}`;
      const meter = await h.settle(h.pgs, h.s3);
      const b = await h.runOurs('backup', h.pgs.url(src.db), environment, [
        '--streams',
        String(n),
        '--globals',
        'false',
      ]);
      const backup = { ...measured(b), ...meter(), stored: Number(b.json.size) };
      const db = `restore_streams_${n}_${i}`;
      await h.pgs.query('postgres', `CREATE DATABASE ${db}`);
      const rmeter = await h.settle(h.pgs, h.s3);
      const rs = await h.runOurs('restore', h.pgs.url(db), environment, ['--backup', 'latest', '--yes']);
      const restore = { ...measured(rs), ...rmeter() };
      await h.checkRestored(src, db);
      await h.pgs.query('postgres', `DROP DATABASE ${db}`);
      r[n] = { backup, restore };
      h.log(
        `  (m${n}) --streams ${n}: backup ${backup.wall.toFixed(1)} s, restore ${restore.wall.toFixed(1)} s (temp peak ${(restore.tmpPeakBytes / 2 ** 20).toFixed(0)} MiB)`,
      );
    }
    await h.clearBucket();
    runs.push(r);
  }
  return summarizeStreams(src, runs);
}

function measured(r) {
  return {
    wall: r.wall,
    cpu: r.cpu,
    rss: r.nodeHwmKiB / 1024,
    rssTree: r.timeMaxKiB / 1024,
    tmpPeakBytes: r.tmpPeakBytes,
  };
}

function summarizeStreams(src, runs) {
  const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const plain = median(runs.map((r) => r.plain.wall));
  const line = (n, what) => {
    const m = (f) => median(runs.map((r) => f(r[n][what])));
    const ratio = median(runs.map((r) => r[n][what].wall / r.plain.wall));
    const vs = what === 'restore' ? `${ratio.toFixed(2)}×` : '—';
    return `| (m${n}) ${what} \`--streams ${n}\` | ${m((x) => x.wall).toFixed(1)} s | ${vs} | ${m((x) => x.cpu).toFixed(1)} s | ${max(runs.map((r) => r[n][what].rss)).toFixed(0)} MiB (tree ${max(runs.map((r) => r[n][what].rssTree)).toFixed(0)} MiB) | ${mib(max(runs.map((r) => r[n][what].tmpPeakBytes)))} |`;
  };
  const r4 = median(runs.map((r) => r[4].restore.wall / r.plain.wall));
  const markdown = [
    `### Multi-stream backup and restore: ${src.db} (${mib(src.plainBytes)} of plain dump)`,
    '',
    '| stage | wall (median) | × pg_restore | CPU client | peak RSS (Node) | temp peak |',
    '|---|---|---|---|---|---|',
    `| (m0) \`pg_restore\` of the dump from a local file | ${plain.toFixed(1)} s | 1.00× | ${median(runs.map((r) => r.plain.cpu)).toFixed(1)} s | — | 0 MiB |`,
    ...STREAMS.flatMap((n) => [line(n, 'backup'), line(n, 'restore')]),
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    `| (m4) restore ≤ ${STREAMS_TARGETS.restore4VsPgRestore} × (m0) | ${r4.toFixed(2)}× | ${r4 <= STREAMS_TARGETS.restore4VsPgRestore ? 'PASS' : 'MISS'} |`,
  ].join('\n');
  return { runs, restore4VsPgRestore: r4, markdown };
}
