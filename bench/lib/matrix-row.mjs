// The job-matrix row of `npm run bench -- --matrix-only`: three databases of different sizes backed up as a job matrix
// makes them (plan, three `backup --set-id` processes at once, `set close`) against one `backup` of the same three
// with `--jobs 3`. On one machine the matrix cannot be faster (the jobs share its cores); the row measures what the
// split costs: three processes instead of one, the plan, and the close's globals and set document.
import { median } from './measure.mjs';
import { SET_SHARES } from './set-row.mjs';

/** `h`: the benchmark's helpers (prepare, runOurs, settle, pgs, s3, log, clearBucket). */
export async function runMatrixRow(h, o) {
  const dbs = [];
  for (const [name, share] of Object.entries(SET_SHARES))
    dbs.push(await h.prepare(`set_${name}`, Math.max(1, Math.round(o.sizeMiB * share)), false));
  const list = dbs.map((d) => d.db).join(',');
  const server = h.pgs.url('postgres');
  const runs = [];
  for (let i = 1; i <= o.runs; i++) {
    h.log(`matrix run ${i}/${o.runs}`);
    const r = { run: i };
    // alternate the order so that a slow minute hits both alike
    for (const which of i % 2 ? ['matrix', 'jobs'] : ['jobs', 'matrix']) {
      const meter = await h.settle(h.pgs, h.s3);
      r[which] = which === 'jobs' ? await oneRun(h, server, list) : await matrixRun(h, server, list);
      Object.assign(r[which], meter());
      h.log(`  (${which === 'jobs' ? 'j' : 'm'}) ${r[which].label}  ${r[which].wall.toFixed(1)} s`);
    }
    await h.clearBucket();
    runs.push(r);
  }
  return summarize(dbs, runs);
}

async function oneRun(h, server, list) {
  const s = await h.runOurs('backup', server, 'bench-jobs', ['--databases', list, '--jobs', '3']);
  if (s.json.failed?.length) throw new Error(`(j) backup --jobs 3: failed members ${s.json.failed.join(', ')}`);
  return { label: 'one backup --jobs 3', wall: s.wall, cpu: s.cpu };
}

async function matrixRun(h, server, list) {
  const start = performance.now();
  const plan = await h.runOurs('plan', server, 'bench-matrix', ['--databases', list, '--max-jobs', '3']);
  const groups = plan.json.matrix.include;
  if (groups.length !== 3) throw new Error(`(m) plan: ${groups.length} groups, expected 3`);
  const members = await Promise.all(
    groups.map((g) =>
      h.runOurs('backup', server, 'bench-matrix', ['--set-id', plan.json.setId, '--databases', g.databases]),
    ),
  );
  const close = await h.runOurs(['set', 'close'], server, 'bench-matrix', ['--set-id', plan.json.setId]);
  if (close.json.failed?.length) throw new Error(`(m) set close: failed members ${close.json.failed.join(', ')}`);
  const wall = (performance.now() - start) / 1000;
  return {
    label: 'plan + 3 backups at once + set close',
    wall,
    cpu: plan.cpu + members.reduce((a, m) => a + m.cpu, 0) + close.cpu,
    plan: plan.wall,
    members: members.map((m) => m.wall),
    close: close.wall,
  };
}

function summarize(dbs, runs) {
  const med = (f) => median(runs.map(f));
  const ratio = med((r) => r.matrix.wall / r.jobs.wall);
  const sizes = dbs.map((d) => `${d.db} ${(d.plainBytes / 2 ** 20).toFixed(0)} MiB`).join(', ');
  const markdown = [
    `### Job matrix: three databases (${sizes}) and the globals, on one machine`,
    '',
    '| stage | wall (median) | CPU client (sum of processes) |',
    '|---|---|---|',
    `| (j) \`s3-backup backup --databases … --jobs 3\` | ${med((r) => r.jobs.wall).toFixed(1)} s | ${med((r) => r.jobs.cpu).toFixed(1)} s |`,
    `| (m) \`plan\` + three \`backup --set-id\` at once + \`set close\` | ${med((r) => r.matrix.wall).toFixed(1)} s (plan ${med((r) => r.matrix.plan).toFixed(1)} s, slowest backup ${med((r) => Math.max(...r.matrix.members)).toFixed(1)} s, close ${med((r) => r.matrix.close).toFixed(1)} s) | ${med((r) => r.matrix.cpu).toFixed(1)} s |`,
    '',
    `(m) / (j): ${ratio.toFixed(2)}× (per run ${runs.map((r) => (r.matrix.wall / r.jobs.wall).toFixed(2)).join(', ')}). ` +
      'On one machine the jobs share its cores; across runners each job has its own.',
  ].join('\n');
  return { runs, ratio, markdown };
}
