/**
 * restore: choose → download to a temporary file → check SHA-256 against the sidecar → only then touch the target
 * → decompress → pg_restore / psql. The target is inspected read-only before the download so that a wrong password
 * or a non-empty target fails fast, and is changed only after the checksum passed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { nodeHasZstd, planDecompressor, type CodecPlan } from './compress.js';
import type { RunContext } from './context.js';
import { UserError } from './errors.js';
import { parseManifest, type Manifest } from './manifest.js';
import { basename, checksumKey, manifestKey, parseChecksumLine } from './naming.js';
import type { RestoreOptions } from './options/parse.js';
import { listBackups } from './list.js';
import { pgRestoreArgs, psqlRestoreArgs } from './postgres/argv.js';
import { connectionUrl, toolEnv, type Connection } from './postgres/connection.js';
import { connect, describePgError, serverInfo, userTableCount } from './postgres/introspect.js';
import { spawnTool } from './postgres/process.js';
import { findPgBin } from './postgres/tools.js';
import { createS3Client } from './s3/client.js';
import { describeS3Error } from './s3/errors.js';
import { downloadToFile, getText } from './s3/objects.js';
import { selectBackup, type BackupEntry } from './select.js';
import { which } from './which.js';
import { formatBytes } from './backup.js';

export interface RestoreResult {
  key: string;
  sha256: string;
  size: number;
  database: string;
  serverVersion: string;
  durationSeconds: number;
  manifest?: Manifest;
}

export interface RestorePlanSummary {
  key: string;
  database: string;
  host: string;
  existingTables: number;
}

/** Whether the target database exists and how many user tables it holds (read-only). */
async function inspectTarget(c: Connection): Promise<{ exists: boolean; tables: number; serverVersion: string; major: number }> {
  try {
    const client = await connect(c);
    try {
      const info = await serverInfo(client);
      return { exists: true, tables: await userTableCount(client), serverVersion: info.version, major: info.major };
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (err) {
    if (err instanceof UserError && /does not exist/.test(err.message)) {
      return { exists: false, tables: 0, serverVersion: '', major: 0 };
    }
    throw err;
  }
}

async function createDatabase(c: Connection): Promise<string> {
  const admin = await connect(c, 'postgres').catch(() => connect(c, 'template1'));
  try {
    await admin.query(`CREATE DATABASE "${c.database.replace(/"/g, '""')}"`);
    return (await serverInfo(admin)).version;
  } catch (err) {
    throw new UserError(`create-database: could not create "${c.database}": ${describePgError(err, c).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

export async function restore(
  o: RestoreOptions,
  ctx: RunContext,
  confirm?: (s: RestorePlanSummary) => Promise<boolean>,
): Promise<RestoreResult> {
  const started = ctx.now();
  const { log } = ctx;
  const bucket = o.s3.bucket;
  const s3 = (ctx.s3Client ?? createS3Client)(o.s3);

  // 1. which backup, and the target read-only
  const listing = await listBackups(o, s3);
  const chosen: BackupEntry = selectBackup(listing.backups, o.backup, listing.latestKey);
  log.info(`backup: s3://${bucket}/${chosen.key} (${formatBytes(chosen.size)})`);
  if (!chosen.hasChecksum) {
    throw new UserError(`refusing to restore ${chosen.key}: its checksum sidecar ${basename(checksumKey(chosen.key))} is missing, so the backup cannot be verified`);
  }
  const target = await inspectTarget(o.connection);
  if (!target.exists && !o.createDatabase) {
    throw new UserError(`database-url: database "${o.connection.database}" does not exist at ${o.connection.host}:${o.connection.port}: create it or set create-database`);
  }
  if (target.tables > 0 && !o.clean) {
    throw new UserError(`database "${o.connection.database}" already holds ${target.tables} tables: set clean to drop and replace them, or restore into an empty database`);
  }

  const [sidecarText, manifestText] = await Promise.all([
    getText(s3, bucket, checksumKey(chosen.key)),
    chosen.hasManifest ? getText(s3, bucket, manifestKey(chosen.key)) : Promise.resolve(undefined),
  ]).catch((err) => {
    throw describeS3Error(err, { bucket, key: chosen.key, endpoint: o.s3.endpoint, action: 'reading' });
  });
  const expected = sidecarText ? parseChecksumLine(sidecarText) : undefined;
  if (!expected) {
    throw new UserError(`refusing to restore ${chosen.key}: its checksum sidecar ${basename(checksumKey(chosen.key))} is missing or not in sha256sum format`);
  }
  let manifest: Manifest | undefined;
  try {
    manifest = manifestText ? parseManifest(manifestText) : undefined;
  } catch (err) {
    log.warning(`ignoring the manifest of ${chosen.key}: ${(err as Error).message}`);
  }

  // 2. download and verify, before anything touches the target
  const dir = await mkdtemp(path.join(ctx.tempDir, 's3-backup-restore-'));
  try {
    const file = path.join(dir, basename(chosen.key));
    log.info(`downloading to ${file}`);
    const got = await downloadToFile(s3, bucket, chosen.key, file, ctx.signal).catch((err) => {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw describeS3Error(err, { bucket, key: chosen.key, endpoint: o.s3.endpoint, action: 'downloading' });
    });
    if (got.sha256 !== expected.sha256) {
      throw new UserError(
        `checksum mismatch for ${chosen.key}: the sidecar says sha256 ${expected.sha256} but the object is ${got.sha256}; refusing to restore (target untouched)`,
      );
    }
    log.info(`sha256 verified: ${got.sha256}`);

    if (confirm && !(await confirm({ key: chosen.key, database: o.connection.database, host: o.connection.host, existingTables: target.tables }))) {
      throw new UserError('restore not confirmed: nothing was changed');
    }

    // 3. the target
    let serverVersion = target.serverVersion;
    if (!target.exists) {
      serverVersion = await createDatabase(o.connection);
      log.info(`created database "${o.connection.database}"`);
    }
    const tool = chosen.format === 'custom' ? 'pg_restore' : 'psql';
    const bin = await findPgBin({
      tool,
      required: chosen.format === 'custom' ? (manifest?.pgDump.major ?? 0) : 0,
      pgBinDir: o.pgBinDir,
      because: `the backup was written by pg_dump ${manifest?.pgDump.version ?? '(unknown)'}`,
      install: ctx.installClient,
    });
    const decompress = planDecompressor(chosen.compression, { zstd: await which('zstd', ctx.env), nodeZstd: nodeHasZstd() });
    const dbUrl = connectionUrl(o.connection);
    const env = toolEnv(o.connection, ctx.env);
    log.info(`restoring into "${o.connection.database}" with ${tool} ${bin.version} (${decompress.label})`);
    if (chosen.format === 'custom' && o.jobs > 1) {
      // parallel pg_restore needs a seekable archive
      const archive = chosen.compression === 'none' ? file : path.join(dir, 'archive.dump');
      if (archive !== file) await decompressToFile(file, archive, decompress);
      await run(tool, `${bin.dir}/${tool}`, pgRestoreArgs({ ...o, dbUrl, file: archive }), env, undefined, decompress, ctx.signal);
    } else if (chosen.format === 'custom') {
      await run(tool, `${bin.dir}/${tool}`, pgRestoreArgs({ ...o, dbUrl }), env, file, decompress, ctx.signal);
    } else {
      await run(tool, `${bin.dir}/${tool}`, psqlRestoreArgs({ dbUrl, singleTransaction: o.singleTransaction }), env, file, decompress, ctx.signal);
    }
    const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
    log.info(`restored ${chosen.key} into "${o.connection.database}" in ${durationSeconds.toFixed(1)} s`);
    return { key: chosen.key, sha256: got.sha256, size: got.bytes, database: o.connection.database, serverVersion, durationSeconds, manifest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function decompressToFile(from: string, to: string, plan: CodecPlan): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  if (plan.kind === 'process') {
    const out = createWriteStream(to, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => { out.once('open', () => resolve()); out.once('error', reject); });
    const proc = spawnTool('zstd', plan.command, [...plan.args, from], { stdio: ['ignore', out, 'pipe'] });
    await proc.exited.finally(() => out.close());
    return;
  }
  await pipeline([createReadStream(from), ...(plan.kind === 'stream' ? [plan.create()] : []), createWriteStream(to, { mode: 0o600 })]);
}

/** Runs a restore tool, feeding it `input` decompressed on its stdin (or nothing, when it reads a file itself). */
async function run(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  input: string | undefined,
  plan: CodecPlan,
  signal: AbortSignal,
): Promise<void> {
  if (input === undefined) {
    const proc = spawnTool(name, command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const kill = () => proc.kill();
    signal.addEventListener('abort', kill, { once: true });
    try {
      await proc.exited;
    } finally {
      signal.removeEventListener('abort', kill);
    }
    return;
  }
  if (plan.kind === 'process') {
    const dec = spawnTool('zstd', plan.command, [...plan.args, input], { stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = spawnTool(name, command, args, { env, stdio: [dec.child.stdout!, 'ignore', 'pipe'] });
    dec.child.stdout!.destroy();
    const kill = () => { proc.kill(); dec.kill(); };
    signal.addEventListener('abort', kill, { once: true });
    try {
      // the restore tool's verdict is the reason; a decompressor failure (damaged file) is next
      const [p, d] = await Promise.allSettled([proc.exited, dec.exited]);
      if (d.status === 'rejected') throw d.reason;
      if (p.status === 'rejected') throw p.reason;
    } finally {
      signal.removeEventListener('abort', kill);
    }
    return;
  }
  const proc = spawnTool(name, command, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const kill = () => proc.kill();
  signal.addEventListener('abort', kill, { once: true });
  try {
    const fed = pipeline([createReadStream(input), ...(plan.kind === 'stream' ? [plan.create()] : []), proc.child.stdin!]);
    const [p, f] = await Promise.allSettled([proc.exited, fed]);
    if (p.status === 'rejected') throw p.reason;
    if (f.status === 'rejected') throw f.reason;
  } finally {
    signal.removeEventListener('abort', kill);
  }
}
