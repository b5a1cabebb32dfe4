/** backup: inputs → plan → one stream → sidecars → latest. Nothing is left behind when any step fails. */
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { nodeHasZstd, planCompressor } from '../stream/compress.js';
import { type RunContext, TOOL_VERSION } from '../core/context.js';
import { noteCleanup, errorMessage, UserError } from '../core/errors.js';
import {
  githubContext,
  MANIFEST_SCHEMA,
  MANIFEST_VERSION,
  type LatestPointer,
  type Manifest,
} from '../core/manifest.js';
import {
  backupKey,
  basename,
  checksumKey,
  checksumLine,
  extensionFor,
  latestCopyKey,
  latestPointerKey,
  manifestKey,
} from '../core/naming.js';
import { type BackupOptions, parseBackupOptions } from '../options/parse.js';
import { runBackupStream } from '../stream/pipeline.js';
import { choosePartSize, taggingHeader } from '../core/plan.js';
import { pgDumpArgs } from '../postgres/argv.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import { openSnapshot, type DumpSnapshot } from '../postgres/snapshot.js';
import { findPgBin } from '../postgres/tools.js';
import { createS3Client } from '../s3/client.js';
import { claimBackupKey, type ClaimStep, type KeyClaim } from '../s3/claim.js';
import { describeS3Error } from '../s3/errors.js';
import { copyObject, deleteKeys, putText } from '../s3/objects.js';
import { uploadSink } from '../s3/upload.js';
import { completedByLooking } from '../s3/multipart.js';
import { which } from '../stream/which.js';
import { formatBytes } from '../core/format.js';
import { openEncryption, type Encryptor } from '../encryption/encrypt.js';
import { afterBackup, tierBeforeUpload, tieredParams, type AfterBackup } from '../retention/after-backup.js';
import { parseReportOptions } from '../options/monitoring.js';
import { backupOutputs, backupSummary } from '../reporting/results.js';
import { backupTrend } from '../reporting/backup-report.js';
import { outputsJson, type Command } from './command.js';

export { formatBytes };

export interface BackupResult {
  key: string;
  uri: string;
  size: number;
  rawSize: number | null;
  sha256: string;
  durationSeconds: number;
  serverVersion: string;
  pgDumpVersion: string;
  manifestKey: string;
  checksumKey: string;
  latestCopyKey?: string;
  manifest: Manifest;
  /** The retention tier, prune result, cost estimate and audit (never failing the backup itself). */
  retention?: AfterBackup;
}

/** Database names may hold anything; keys get a safe form. */
export function keyName(database: string): string {
  return database.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'database';
}

export async function backup(o: BackupOptions, ctx: RunContext): Promise<BackupResult> {
  const startedAt = ctx.now();
  const s3 = (ctx.s3Client ?? createS3Client)(o.s3);
  // recipients are checked before anything else: a bad key must not cost a connection or a dump
  const encryptor = o.encryption ? await openEncryption(o.encryption) : undefined;

  // 1. the server, and the snapshot pg_dump will dump (its catalog and row counts go into the manifest)
  const snap = await openSnapshot(o.connection, o, ctx.log);
  let result: BackupResult;
  const claims: KeyClaim[] = [];
  try {
    result = await backupInSnapshot(o, ctx, snap, s3, startedAt, claims, encryptor);
  } finally {
    await snap.close();
    // the key's claim goes when the run ends, however it ended: a stored backup now guards its key itself
    for (const c of claims) {
      await c.release().catch((err) =>
        ctx.log.warning(
          describeS3Error(err, {
            bucket: o.s3.bucket,
            key: (err as ClaimStep).claimKey,
            endpoint: o.s3.endpoint,
            action: 'deleting the claim',
          }).message,
        ),
      );
    }
  }
  // only once the backup is stored: retention, cost estimate, audit (never undoing the backup)
  const name = o.name ?? keyName(o.connection.database);
  result.retention = await afterBackup(o, ctx, s3, { tier: result.retention!.tier, size: result.size, name });
  return result;
}

async function backupInSnapshot(
  o: BackupOptions,
  ctx: RunContext,
  snap: DumpSnapshot,
  s3: S3Client,
  startedAt: Date,
  claims: KeyClaim[],
  encryptor?: Encryptor,
): Promise<BackupResult> {
  const { log } = ctx;
  const bucket = o.s3.bucket;
  const s3Error = (err: unknown, action: string, key?: string) =>
    describeS3Error(err, { bucket, key, endpoint: o.s3.endpoint, action });
  const { server, catalog } = snap;
  log.info(
    `server: PostgreSQL ${server.version}, database "${o.connection.database}" ${formatBytes(server.databaseSize)}, ${catalog.tables.length} tables`,
  );

  // 2. a pg_dump that can dump it
  const bin = await findPgBin({
    tool: 'pg_dump',
    required: server.major,
    pgBinDir: o.pgBinDir,
    because: `the server is PostgreSQL ${server.version}`,
    install: ctx.installClient,
  });
  log.info(`pg_dump: ${bin.version} from ${bin.dir}`);
  const compressor = planCompressor(o.compression, o.compressionLevel, {
    zstd: await which('zstd', ctx.env),
    nodeZstd: nodeHasZstd(),
  });

  // 3. where it goes; the bucket and credentials are checked before the dump starts
  const name = o.name ?? keyName(o.connection.database);
  const keyFor = (seq: number) =>
    backupKey({
      prefix: o.s3.prefix,
      name,
      environment: o.environment,
      at: startedAt,
      format: o.format,
      compression: o.compression,
      encryption: encryptor?.method,
      seq,
    });
  // backups are never overwritten: a key taken this second (by an object or another run's claim) moves on to _2, _3 …
  try {
    claims.push(
      await claimBackupKey(s3, {
        bucket,
        keyFor,
        signal: ctx.signal,
        onStrayClaim: (err) =>
          log.warning(
            describeS3Error(err, {
              bucket,
              key: (err as ClaimStep).claimKey,
              endpoint: o.s3.endpoint,
              action: 'deleting the claim',
            }).message,
          ),
        put: {
          ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
          ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
        },
      }),
    );
  } catch (err) {
    const at = err as ClaimStep;
    throw s3Error(
      err,
      at.claimAction === 'deleting'
        ? 'deleting the claim'
        : at.claimAction === 'writing'
          ? 'writing the claim'
          : 'listing',
      at.claimKey ?? o.s3.prefix,
    );
  }
  const key = claims[0]!.key;
  if (key !== keyFor(1)) log.info(`${keyFor(1)} is taken (another backup in the same second): this one is ${key}`);
  const tier = await tierBeforeUpload(s3, o, name, startedAt).catch((err) => {
    throw s3Error(err, 'listing', o.s3.prefix);
  });
  const partSize = choosePartSize(server.databaseSize, o.compression, o.partSize, o.s3.provider.maxParts);
  const common: Omit<PutObjectCommandInput, 'Key' | 'Body'> = {
    Bucket: bucket,
    ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
    ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
    ...(taggingHeader(o.tags) ? { Tagging: taggingHeader(o.tags) } : {}),
  };
  const tiered = tieredParams(o, common, tier, startedAt);
  log.info(
    `writing s3://${bucket}/${key} (${compressor.label}${encryptor ? `, encrypted: ${encryptor.label}` : ''}, parts of ${formatBytes(partSize)} × ${o.queueSize}, tier ${tier})`,
  );

  // 4. the one stream
  const sink = uploadSink(
    s3,
    {
      ...tiered,
      Key: key,
      StorageClass: o.storageClass as PutObjectCommandInput['StorageClass'],
      ContentType: 'application/octet-stream',
      IfNoneMatch: '*',
    },
    {
      partSize,
      queueSize: o.queueSize,
      onProgress: (bytes) => ctx.onProgress?.({ phase: 'upload', bytes }),
      signal: ctx.signal,
    },
  );
  let stream: Awaited<ReturnType<typeof runBackupStream>>;
  // exact counts run in the snapshot while pg_dump runs; the object completes only if they succeed
  const counting = snap.counts();
  counting.catch(() => undefined);
  try {
    stream = await runBackupStream({
      dump: {
        command: `${bin.dir}/pg_dump`,
        args: pgDumpArgs({
          dbUrl: connectionUrl(o.connection),
          format: o.format,
          excludeTables: o.excludeTables,
          schemas: o.schemas,
          snapshot: snap.id,
        }),
        env: toolEnv(o.connection, ctx.env),
      },
      compressor,
      ...(encryptor ? { stages: [encryptor.stage()] } : {}),
      sink,
      signal: ctx.signal,
      alsoWaitFor: counting,
    });
  } catch (err) {
    if (err instanceof UserError || (err as Error).name === 'ToolError') throw err;
    throw s3Error(err, 'uploading', key);
  }
  if (completedByLooking(await sink.completed)) {
    log.info(
      `the answer to CompleteMultipartUpload was lost; s3://${bucket}/${key} is there with this upload's size and multipart ETag: completed`,
    );
  }

  // 5. sidecars, then pointers; any failure removes what this run wrote
  const finishedAt = ctx.now();
  const durationSeconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    version: MANIFEST_VERSION,
    tool: { name: 's3-backup', version: TOOL_VERSION },
    key,
    database: {
      name: o.connection.database,
      host: o.connection.host,
      serverVersion: server.version,
      serverMajor: server.major,
      sizeBytes: server.databaseSize,
    },
    pgDump: { version: bin.version, major: bin.major },
    format: o.format,
    compression: { method: o.compression, level: o.compressionLevel, tool: compressor.label },
    encryption: encryptor?.manifest ?? null,
    rawSize: stream.rawBytes ?? null,
    size: stream.bytes,
    sha256: stream.sha256,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds,
    github: githubContext(ctx.env),
    storageClass: o.storageClass,
    tags: o.tags,
    tier,
    rowCounts: snap.rowCounts,
    snapshot: snap.id ?? null,
    schemas: catalog.schemas,
    tables: await counting,
    sequences: catalog.sequences,
    extensions: catalog.extensions,
    largeObjects: catalog.largeObjects,
    roles: catalog.roles,
    options: { schemas: o.schemas, excludeTables: o.excludeTables },
  };
  const written = [key];
  const sidecar = { ...common, ContentType: 'text/plain' };
  // the sidecars share the backup's tier (and lock), so lifecycle rules expire the three together
  const tieredSidecar = { ...tiered, ContentType: 'text/plain', IfNoneMatch: '*' };
  let current = checksumKey(key);
  try {
    await putText(s3, { ...tieredSidecar, Key: current }, checksumLine(stream.sha256, key));
    written.push(current);
    current = manifestKey(key);
    await putText(
      s3,
      { ...tieredSidecar, Key: current, ContentType: 'application/json' },
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    written.push(current);
    let copyKey: string | undefined;
    if (o.latestCopy) {
      copyKey = latestCopyKey(o.s3.prefix, extensionFor(o.format, o.compression, encryptor?.method));
      current = copyKey;
      await copyObject(s3, {
        bucket,
        from: key,
        to: copyKey,
        size: stream.bytes,
        extra: { ...common, StorageClass: o.storageClass as PutObjectCommandInput['StorageClass'] },
      });
      current = checksumKey(copyKey);
      await putText(s3, { ...sidecar, Key: current }, checksumLine(stream.sha256, copyKey));
    }
    const pointer: LatestPointer = {
      schema: 's3-backup/latest',
      key,
      sha256: stream.sha256,
      size: stream.bytes,
      finishedAt: finishedAt.toISOString(),
      manifestKey: manifestKey(key),
    };
    current = latestPointerKey(o.s3.prefix);
    await putText(
      s3,
      { ...sidecar, Key: current, ContentType: 'application/json' },
      `${JSON.stringify(pointer, null, 2)}\n`,
    );
    log.info(
      `done: ${formatBytes(stream.bytes)} stored${stream.rawBytes ? ` from ${formatBytes(stream.rawBytes)}` : ''}, sha256 ${stream.sha256}`,
    );
    const result: BackupResult = {
      key,
      uri: `s3://${bucket}/${key}`,
      size: stream.bytes,
      rawSize: stream.rawBytes ?? null,
      sha256: stream.sha256,
      durationSeconds,
      serverVersion: server.version,
      pgDumpVersion: bin.version,
      manifestKey: manifestKey(key),
      checksumKey: checksumKey(key),
      latestCopyKey: copyKey,
      manifest,
    };
    result.retention = { tier };
    return result;
  } catch (err) {
    await deleteKeys(s3, bucket, written).then(
      () =>
        noteCleanup(
          ctx.signal,
          `the backup and the sidecars written so far were removed (${written.map(basename).join(', ')}); latest.json is unchanged`,
        ),
      (cleanupErr) => {
        log.warning(`could not remove ${written.join(', ')} after the failure: ${errorMessage(cleanupErr)}`);
        noteCleanup(ctx.signal, `could not remove ${written.join(', ')}: ${errorMessage(cleanupErr)}`);
      },
    );
    throw s3Error(err, 'writing', current);
  }
}

export const backupCommand: Command = {
  verb: 'backup',
  description: 'dump a database and stream it to S3 with .sha256 and .meta sidecars',
  async run(raw, ctx) {
    const options = parseBackupOptions(raw, ctx.env);
    const report = parseReportOptions(raw, ctx.env);
    const result = await backup(options, ctx);
    const trend = await backupTrend(options, result, report, ctx);
    const outputs = backupOutputs(result);
    return {
      outputs,
      summary: backupSummary(result) + (trend.section ? `\n${trend.section}` : ''),
      text: `${result.uri}\nsha256 ${result.sha256}  ${formatBytes(result.size)}`,
      json: {
        ...outputsJson('backup', outputs),
        trend: { points: trend.points, ...trend.stats, shrinkWarning: trend.shrink ?? null },
      },
      report: `backed up ${result.uri}: ${formatBytes(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`,
      warnings: trend.shrink ? [{ message: trend.shrink, title: 'Backup shrank' }] : [],
      // the backup is stored and reported; a failed retention still fails the run
      failure: result.retention?.pruneError,
    };
  },
};
