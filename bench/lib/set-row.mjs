// The backup-set row of `npm run bench`: three databases of different sizes backed up with `--databases all` (one
// run, `jobs` from the cores) against the same three backed up one after another (`--globals false`, the database
// alone). Targets: the set at most 0.7× the sum of the three, its Node peak RSS within the single backup's bound.
import { max, median } from './measure.mjs';

export const SET_TARGETS = { setVsSum: 0.7, rssMiB: 160 };
/** The three databases' shares of --size-mb. */
export const SET_SHARES = { large: 0.5, medium: 0.3, small: 0.2 };

/**
 * `h`: the benchmark's helpers (prepare, runOurs, settle, pgs, s3, log, clearBucket); `exclude`: other databases on the
 * server that `all` must leave out (the main rows' database).
 */
export async function runSetRow(h, o, exclude = []) {
  const dbs = [];
  for (const [name, share] of Object.entries(SET_SHARES))
    dbs.push(await h.prepare(`set_${name}`, Math.max(1, Math.round(o.sizeMiB * share)), false));
  const runs = [];
  for (let i = 1; i <= o.runs; i++) {
    h.log(`set run ${i}/${o.runs}`);
    const r = { run: i, singles: [] };
    // alternate the order so that a slow minute hits both alike
    const order = i % 2 ? ['singles', 'set'] : ['set', 'singles'];
    for (const which of order) {
      if (which === 'singles') {
        for (const db of dbs) {
          const meter = await h.settle(h.pgs, h.s3);
          const s = await h.runOurs('backup', h.pgs.url(db.db), 'bench-single', ['--globals', 'false']);
          r.singles.push({ db: db.db, wall: s.wall, cpu: s.cpu, rss: s.nodeHwmKiB / 1024, ...meter() });
        }
        h.log(
          `  (s1) three single backups, one after another  ${r.singles.map((s) => s.wall.toFixed(1)).join(' + ')} s`,
        );
      } else {
        const meter = await h.settle(h.pgs, h.s3);
        const args = ['--databases', 'all', ...(exclude.length ? ['--exclude-databases', exclude.join(',')] : [])];
        const s = await h.runOurs('backup', h.pgs.url('postgres'), 'bench-set', args);
        if (s.json.failed?.length) throw new Error(`(s) set backup: failed members ${s.json.failed.join(', ')}`);
        r.set = { wall: s.wall, cpu: s.cpu, rss: s.nodeHwmKiB / 1024, members: Object.keys(s.json.keys), ...meter() };
        h.log(`  (s) s3-backup backup --databases all        ${s.wall.toFixed(1)} s (${r.set.members.join(', ')})`);
      }
    }
    await h.clearBucket();
    runs.push(r);
  }
  return summarizeSet(dbs, runs);
}

function summarizeSet(dbs, runs) {
  const sum = (r) => r.singles.reduce((a, s) => a + s.wall, 0);
  const ratio = median(runs.map((r) => r.set.wall / sum(r)));
  const setRss = max(runs.map((r) => r.set.rss));
  const singleRss = max(runs.flatMap((r) => r.singles.map((s) => s.rss)));
  const sizes = dbs.map((d) => `${d.db} ${(d.plainBytes / 2 ** 20).toFixed(0)} MiB`).join(', ');
  const markdown = [
    `### Backup set: three databases (${sizes}) and the globals`,
    '',
    '| stage | wall (median) | CPU client | peak RSS (Node) |',
    '|---|---|---|---|',
    `| (s1) three \`s3-backup backup --globals false\`, one after another | ${median(runs.map(sum)).toFixed(1)} s | ${median(runs.map((r) => r.singles.reduce((a, s) => a + s.cpu, 0))).toFixed(1)} s | ${singleRss.toFixed(0)} MiB (max of the three) |`,
    `| (s) \`s3-backup backup --databases all\` (jobs from the cores, queue-size shared) | ${median(runs.map((r) => r.set.wall)).toFixed(1)} s | ${median(runs.map((r) => r.set.cpu)).toFixed(1)} s | ${setRss.toFixed(0)} MiB |`,
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    `| (s) ≤ ${SET_TARGETS.setVsSum} × (s1) | ${ratio.toFixed(2)}× (per run ${runs.map((r) => (r.set.wall / sum(r)).toFixed(2)).join(', ')}) | ${ratio <= SET_TARGETS.setVsSum ? 'PASS' : 'MISS'} |`,
    `| (s) peak RSS within the single backup's bound (${SET_TARGETS.rssMiB} MiB) | ${setRss.toFixed(0)} MiB (single: ${singleRss.toFixed(0)} MiB) | ${setRss <= SET_TARGETS.rssMiB ? 'PASS' : 'MISS'} |`,
  ].join('\n');
  return { runs, ratio, setRss, singleRss, markdown };
}
