// The start-up rows of `npm run bench`: what a run costs before and around its dump. (v0) `s3-backup --version` of the
// bundled CLI; (f) a backup's fixed cost: `backup` with the defaults (globals included) of a small database minus
// `pg_dump -Fc -Z0` of the same database, the two back to back in each run, the median of the runs' differences.
import { median } from './measure.mjs';

export const STARTUP_TARGETS = { versionSeconds: 0.1, fixedCostSeconds: 0.3 };

/** `h`: the benchmark's helpers (prepare, stageA, stageC, runMeasured, cli, nodeArgs, log, clearBucket). */
export async function runStartupRow(h, o, sizeMiB) {
  const db = await h.prepare('startup', sizeMiB, false);
  const runs = [];
  for (let i = 1; i <= o.runs; i++) {
    const version = await h.runMeasured(process.execPath, [...h.nodeArgs, h.cli, '--version'], { rss: true });
    if (version.stdout.trim() === '') throw new Error('(v0) --version printed nothing');
    // alternate the order so that a slow moment hits both alike
    const order = i % 2 ? ['dump', 'backup'] : ['backup', 'dump'];
    const r = { run: i, version: version.wall, versionCpu: version.cpu };
    for (const which of order) {
      if (which === 'dump') r.dump = (await h.stageA(db)).wall;
      else {
        const c = await h.stageC(db, 'bench-startup');
        Object.assign(r, { backup: c.wall, backupCpu: c.cpu, phases: c.phases });
      }
    }
    r.fixed = r.backup - r.dump;
    h.log(
      `  startup run ${i}/${o.runs}: --version ${r.version.toFixed(3)} s, backup ${r.backup.toFixed(2)} s − pg_dump ${r.dump.toFixed(2)} s = ${r.fixed.toFixed(2)} s`,
    );
    await h.clearBucket();
    runs.push(r);
  }
  return summarizeStartup(db, runs);
}

function summarizeStartup(db, runs) {
  const per = (f) => median(runs.map(f));
  const version = per((r) => r.version);
  const fixed = per((r) => r.fixed);
  const list = (f) => runs.map((r) => f(r).toFixed(2)).join(', ');
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  const markdown = [
    `### Start-up: \`--version\`, and a backup's fixed cost on "${db.db}" (${(db.plainBytes / 2 ** 20).toFixed(1)} MiB of plain dump)`,
    '',
    '| stage | wall (median) | CPU (median) |',
    '|---|---|---|',
    `| (v0) \`node dist/cli/index.js --version\` | ${version.toFixed(3)} s | ${per((r) => r.versionCpu).toFixed(3)} s |`,
    `| (a) \`pg_dump -Fc -Z0 > /dev/null\` | ${per((r) => r.dump).toFixed(2)} s | |`,
    `| (c) \`s3-backup backup\` (defaults: custom format, zstd, globals) | ${per((r) => r.backup).toFixed(2)} s | ${per((r) => r.backupCpu).toFixed(2)} s |`,
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    `| (v0) ≤ ${STARTUP_TARGETS.versionSeconds} s | ${version.toFixed(3)} s (per run ${runs.map((r) => r.version.toFixed(3)).join(', ')}) | ${verdict(version <= STARTUP_TARGETS.versionSeconds)} |`,
    `| (f) = (c) − (a) ≤ ${STARTUP_TARGETS.fixedCostSeconds} s | ${fixed.toFixed(2)} s (per run ${list((r) => r.fixed)}) | ${verdict(fixed <= STARTUP_TARGETS.fixedCostSeconds)} |`,
  ].join('\n');
  return { runs, version, fixed, markdown };
}
