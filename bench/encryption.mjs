#!/usr/bin/env node
// `npm run bench:encryption`: what client-side encryption costs a backup. Only the backup runs, (c) and
// its encrypted twins (c+age), (c+gpg), interleaved in a rotating order, many times, so that the per-run ratios
// have a chance on a shared, noisy machine; the full benchmark (`npm run bench`) has the same rows among the others.
// Usage: npm run bench:encryption -- [--size-mb 150] [--runs 6] [--cli DIR ...]
//   --cli DIR (repeatable) compares CLI bundles (e.g. a copy of dist/cli from another commit) on the same runs.
import { cpSync, mkdirSync, mkdtempSync, rmSync, chmodSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDatabase } from './lib/datagen.mjs';
import { killRunning, max, median, runMeasured } from './lib/measure.mjs';
import {
  createBucket,
  deletePrefix,
  rgwAvailable,
  startFauxqsServer,
  startPostgres,
  startRgw,
} from './lib/servers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const o = { sizeMiB: 150, runs: 6, clis: [], pgBinDir: '/usr/lib/postgresql/15/bin' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--size-mb') o.sizeMiB = Number(process.argv[++i]);
  else if (a === '--runs') o.runs = Number(process.argv[++i]);
  else if (a === '--cli') o.clis.push(path.resolve(process.argv[++i]));
  else if (a === '--pg-bin-dir') o.pgBinDir = process.argv[++i];
  else throw new Error(`unknown option ${a}`);
}
if (!o.clis.length) o.clis.push(path.join(ROOT, 'dist', 'cli'));
const t0 = Date.now();
const log = (m) =>
  process.stderr.write(`[bench:encryption ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${m}\n`);

const work = mkdtempSync(path.join(os.tmpdir(), 's3b-bench-enc-'));
const cleanups = [() => rmSync(work, { recursive: true, force: true })];
const cleanup = async () => {
  killRunning('SIGTERM');
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch((e) => log(`cleanup: ${e.message}`));
};
process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));

async function main() {
  chmodSync(work, 0o755);
  // snapshots of the bundles: others may rebuild dist/ meanwhile
  const clis = o.clis.map((dir, k) => {
    if (!existsSync(path.join(dir, 'index.js'))) throw new Error(`${dir}/index.js is missing: npm run build`);
    const to = path.join(work, `cli${k}`);
    cpSync(dir, to, { recursive: true });
    return { label: o.clis.length > 1 ? `cli${k} (${dir})` : 'dist/cli', file: path.join(to, 'index.js') };
  });
  const withCleanup = (server) => {
    cleanups.push(() => server.stop());
    return server;
  };
  const [pgs, s3] = await Promise.all([
    startPostgres(path.join(work, 'pg'), log).then(withCleanup),
    (rgwAvailable() ? startRgw(path.join(work, 'rgw'), log) : startFauxqsServer(log)).then(withCleanup),
  ]);
  const bucket = 'bench-enc';
  await createBucket(s3, bucket);
  await generateDatabase(pgs, 'bench_enc', o.sizeMiB, log);
  const age = await import('age-encryption');
  const openpgp = await import('openpgp');
  const identity = await age.generateIdentity();
  const gpgKey = await openpgp.generateKey({
    userIDs: [{ name: 'bench' }],
    type: 'rsa',
    rsaBits: 3072,
    format: 'armored',
  });
  const variants = [
    { id: 'c', args: [] },
    { id: 'c+age', args: ['--encryption-recipients', await age.identityToRecipient(identity)] },
    { id: 'c+gpg', args: ['--encryption-recipients', gpgKey.publicKey] },
  ];
  const tmpDir = path.join(work, 'tmp');
  mkdirSync(tmpDir);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: tmpDir,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
  };
  const results = []; // { cli, id, wall, cpu, rss, stored, raw }
  for (let run = 1; run <= o.runs; run++) {
    const order = clis.flatMap((cli) => variants.map((v) => ({ cli, v })));
    const shift = (run - 1) % order.length;
    for (const { cli, v } of [...order.slice(shift), ...order.slice(0, shift)]) {
      await pgs.query('postgres', 'CHECKPOINT');
      const r = await runMeasured(
        process.execPath,
        [
          cli.file,
          'backup',
          '--database-url',
          pgs.url('bench_enc'),
          '--bucket',
          bucket,
          '--endpoint',
          s3.endpoint,
          '--environment',
          `e${run}-${v.id.replace('+', '-')}-${clis.indexOf(cli)}`,
          '--pg-bin-dir',
          o.pgBinDir,
          '--json',
          ...v.args,
        ],
        { env, rss: true, tmpDir, scratch: work, cwd: work },
      );
      if (r.code !== 0) throw new Error(`${v.id} failed: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      results.push({
        cli: cli.label,
        id: v.id,
        run,
        wall: r.wall,
        cpu: r.cpu,
        rss: r.nodeHwmKiB / 1024,
        stored: Number(out.size),
      });
      log(
        `run ${run} ${cli.label} ${v.id.padEnd(6)} ${r.wall.toFixed(1)} s, CPU ${r.cpu?.toFixed(1)} s, node peak RSS ${(r.nodeHwmKiB / 1024).toFixed(0)} MiB`,
      );
    }
    await deletePrefix(s3, bucket, '');
    await s3.collectGarbage();
  }
  const md = [
    `## bench:encryption — ${new Date().toISOString().slice(0, 16)} UTC, ${o.sizeMiB} MiB database, ${o.runs} runs, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
    '',
    '| CLI | stage | wall (median) | × (c) same run (median) | CPU s (median) | stored | peak RSS node (max / median) |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const cli of clis) {
    const of = (id) => results.filter((x) => x.cli === cli.label && x.id === id);
    for (const v of variants) {
      const rs = of(v.id);
      const ratio = median(rs.map((x) => x.wall / of('c').find((c) => c.run === x.run).wall));
      md.push(
        `| ${cli.label} | (${v.id}) | ${median(rs.map((x) => x.wall)).toFixed(1)} s | ${ratio.toFixed(2)}× | ${median(rs.map((x) => x.cpu)).toFixed(1)} | ${(median(rs.map((x) => x.stored)) / 2 ** 20).toFixed(0)} MiB | ${max(rs.map((x) => x.rss)).toFixed(0)} / ${median(rs.map((x) => x.rss)).toFixed(0)} MiB |`,
      );
    }
  }
  process.stdout.write(`${md.join('\n')}\n`);
}

try {
  await main();
  await cleanup();
  process.exit(0);
} catch (err) {
  log(`FAILED: ${err.stack ?? err}`);
  await cleanup();
  process.exit(1);
}
