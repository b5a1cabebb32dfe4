/** The steps of a backup, in the order it takes them: tools, key claim, placement, the one stream. */
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { nodeHasZstd, planCompressor } from '../stream/compress.js';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import { backupKey } from '../core/naming.js';
import type { BackupOptions } from '../model/options.js';
import { runBackupStream } from '../stream/pipeline.js';
import { AUTO_MIN_PART, choosePartSize, S3_MIN_PART, taggingHeader } from '../core/plan.js';
import { pgDumpArgs } from '../postgres/argv.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import type { DumpSnapshot } from '../postgres/snapshot.js';
import { findPgBin } from '../postgres/tools.js';
import { claimBackupKey, type ClaimStep, type KeyClaim } from '../store/claims.js';
import { uploadSink, type UploadSink } from '../s3/upload.js';
import { teeSink } from '../stream/tee.js';
import { deferredSink } from '../stream/deferred-sink.js';
import { completedByLooking } from '../s3/multipart.js';
import { which } from '../stream/which.js';
import { formatBytes } from '../core/format.js';
import { formatLimit } from '../stream/stall-watch.js';
import type { Encryptor } from '../encryption/encrypt.js';
import { tieredParams } from '../retention/after-backup.js';
import type { Tier } from '../model/retention.js';
import type { DumpTables } from '../core/work-progress.js';
import type { ServerInfo } from '../model/catalog.js';
import { verboseReader } from '../postgres/verbose.js';

/** Database names may hold anything; keys get a safe form. */
export function keyName(database: string): string {
  return database.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'database';
}

export /** Everything a backup's steps share, once the snapshot is open and pg_dump is found. */
interface Run {
  o: BackupOptions;
  ctx: RunContext;
  s3: S3Client;
  snap: DumpSnapshot;
  startedAt: Date;
  /** The time in the key (a set's members share the set's). */
  keyAt: Date;
  encryptor?: Encryptor;
  s3Error: (err: unknown, action: string, key?: string) => Error;
  /** How far the dump is by its tables (custom format), told by every pg_dump of the backup. */
  progress?: DumpTables;
}

/** pg_dump for the server's major, and the compressor; started early, it runs while the snapshot opens. */
export async function findTools(o: BackupOptions, ctx: RunContext, server: ServerInfo) {
  const bin = await findPgBin({
    tool: 'pg_dump',
    required: server.major,
    pgBinDir: o.pgBinDir,
    because: `the server is PostgreSQL ${server.version}`,
    install: ctx.installClient,
  });
  const compressor = planCompressor(o.compression, o.compressionLevel, {
    zstd: await which('zstd', ctx.env),
    nodeZstd: nodeHasZstd(),
  });
  return { bin, compressor };
}

/** The tools of the run (those found early, or found now), said in the log. */
export async function tools(run: Run, found?: ReturnType<typeof findTools>) {
  const t = await (found ?? findTools(run.o, run.ctx, run.snap.server));
  run.ctx.log.info(`pg_dump: ${t.bin.version} from ${t.bin.dir}`);
  return t;
}

/** The put parameters: the bucket's (encryption, tags), and the backup's own (its tier tag and lock). */
export function putParams(o: BackupOptions, tier: Tier, startedAt: Date) {
  const common: Omit<PutObjectCommandInput, 'Key' | 'Body'> = {
    Bucket: o.s3.bucket,
    ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
    ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
    ...(taggingHeader(o.tags) ? { Tagging: taggingHeader(o.tags) } : {}),
  };
  return { common, tiered: tieredParams(o, common, tier, startedAt) };
}

/** Backups are never overwritten: a key taken this second (by an object or another run's claim) moves on to _2 … */
export async function claimKey(run: Run, claims: KeyClaim[]): Promise<string> {
  const { o, ctx } = run;
  const name = o.name ?? keyName(o.connection.database);
  const keyFor = (seq: number) =>
    backupKey({
      prefix: o.s3.prefix,
      name,
      environment: o.environment,
      at: run.keyAt,
      format: o.format,
      compression: o.compression,
      encryption: run.encryptor?.method,
      seq,
    });
  try {
    claims.push(
      await claimBackupKey(run.s3, {
        bucket: o.s3.bucket,
        keyFor,
        signal: ctx.signal,
        onStrayClaim: (err) =>
          ctx.log.warning(run.s3Error(err, 'deleting the claim', (err as ClaimStep).claimKey).message),
        put: {
          ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
          ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
        },
      }),
    );
  } catch (err) {
    const at = err as ClaimStep;
    const action =
      at.claimAction === 'deleting'
        ? 'deleting the claim'
        : at.claimAction === 'writing'
          ? 'writing the claim'
          : 'listing';
    throw run.s3Error(err, action, at.claimKey ?? o.s3.prefix);
  }
  const key = claims[0]!.key;
  if (key !== keyFor(1)) ctx.log.info(`${keyFor(1)} is taken (another backup in the same second): this one is ${key}`);
  return key;
}

interface StreamPlan {
  key: string;
  tier: string;
  tiered: Omit<PutObjectCommandInput, 'Key' | 'Body'>;
  bin: { dir: string };
  compressor: ReturnType<typeof planCompressor>;
  /** Exact counts run in the snapshot while pg_dump runs; the object completes only if they succeed. */
  counting: Promise<unknown>;
  /** The second copy: its upload (given the part size), fed from the same stream; told when it fails. */
  copy?: { sink: (partSize: number) => UploadSink | undefined; failed: (err: unknown) => void };
  /** One part of a multi-stream backup: what its pg_dump selects, its share of the queue, its progress. */
  part?: {
    dump: NonNullable<Parameters<typeof pgDumpArgs>[0]['part']>;
    queueSize: number;
    onProgress: (bytes: number) => void;
  };
}

/** pg_dump → compressor → [encryption] → hash → one multipart upload, completed only if every process exited 0. */
export function streamToS3(run: Run, p: StreamPlan): Promise<Awaited<ReturnType<typeof runBackupStream>>> {
  return streamToS3Placed(run, p, Promise.resolve(p));
}

/** Where a stream goes: decided by the key's claim and the tier, which may still be under way when the dump starts. */
export type Placement = Pick<StreamPlan, 'key' | 'tier' | 'tiered' | 'copy'>;

/**
 * The same stream, started before its placement is known: pg_dump runs while the key is claimed, and its first chunk
 * waits for the upload (nothing is written before the key is this run's). A placement that fails stops the dump and is
 * the run's error.
 */
export async function streamToS3Placed(
  run: Run,
  p: Omit<StreamPlan, keyof Placement>,
  placed: Promise<Placement>,
): Promise<Awaited<ReturnType<typeof runBackupStream>>> {
  const { o, ctx } = run;
  const size = run.snap.server.databaseSize;
  const floor = p.part ? S3_MIN_PART : AUTO_MIN_PART;
  const partSize = choosePartSize(size, o.compression, o.partSize, o.s3.provider.maxParts, floor);
  let sink: UploadSink | undefined;
  const destination = placed.then((pl) => {
    ctx.log.info(
      `writing s3://${o.s3.bucket}/${pl.key} (${p.compressor.label}${run.encryptor ? `, encrypted: ${run.encryptor.label}` : ''}, parts of ${formatBytes(partSize)} × ${p.part?.queueSize ?? o.queueSize}, tier ${pl.tier})`,
    );
    sink = backupObjectSink(run, pl.key, pl.tiered, {
      partSize,
      queueSize: p.part?.queueSize ?? o.queueSize,
      onProgress: p.part?.onProgress ?? ((bytes) => uploadProgress(run, bytes)),
      signal: ctx.signal,
    });
    const copySink = pl.copy?.sink(partSize);
    return copySink ? teeSink(sink, copySink, (err) => pl.copy!.failed(err)) : sink;
  });
  const lines = run.progress?.stream();
  let stream: Awaited<ReturnType<typeof runBackupStream>>;
  try {
    stream = await runBackupStream({
      dump: {
        command: `${p.bin.dir}/pg_dump`,
        args: pgDumpArgs({
          dbUrl: connectionUrl(o.connection),
          format: o.format,
          excludeTables: o.excludeTables,
          schemas: o.schemas,
          snapshot: run.snap.id,
          create: true,
          ...(p.part ? { part: p.part.dump } : {}),
          verbose: !!lines,
        }),
        env: toolEnv(o.connection, ctx.env),
        ...(lines ? { onLine: verboseReader('pg_dump', lines) } : {}),
      },
      compressor: p.compressor,
      ...(run.encryptor ? { stages: [run.encryptor.stage()] } : {}),
      sink: deferredSink(destination),
      signal: ctx.signal,
      alsoWaitFor: p.counting,
      stall: { limitMs: o.stallTimeoutMs, describe: (ms) => stallLine(o, ms) },
    });
  } catch (err) {
    // the placement's own failure (a claim or listing refused) is the run's error, not the dump it stopped
    const placing = await placed.then(
      (pl) => ({ key: pl.key }),
      (e: unknown) => ({ error: e }),
    );
    if ('error' in placing) throw placing.error;
    throw streamError(run, err, placing.key);
  }
  lines?.end();
  const key = (await placed).key;
  if (completedByLooking(await sink!.completed)) {
    ctx.log.info(
      `the answer to CompleteMultipartUpload was lost; s3://${o.s3.bucket}/${key} is there with this upload's size and multipart ETag: completed`,
    );
  }
  return stream;
}

/** The bytes uploaded so far, and how far the dump is by its tables once their sizes are known. */
export function uploadProgress(run: Run, bytes: number, final = false): void {
  const work = final ? run.progress?.all() : run.progress?.work();
  if (final && !work) return;
  run.ctx.onProgress?.({ phase: 'upload', bytes, ...(work ? { work } : {}), ...(final ? { final } : {}) });
}

/** The multipart upload of a backup object under its claimed key, never over an object already there. */
export function backupObjectSink(
  run: Run,
  key: string,
  tiered: Omit<PutObjectCommandInput, 'Key' | 'Body'>,
  options: Parameters<typeof uploadSink>[2],
): UploadSink {
  return uploadSink(
    run.s3,
    {
      ...tiered,
      Key: key,
      StorageClass: run.o.storageClass as PutObjectCommandInput['StorageClass'],
      ContentType: 'application/octet-stream',
      IfNoneMatch: '*',
    },
    options,
  );
}

/** A stream that failed: user and tool errors as they are, anything else as the S3 upload's error. */
export function streamError(run: Run, err: unknown, key: string): unknown {
  if (err instanceof UserError || (err as Error).name === 'ToolError') return err;
  return run.s3Error(err, 'uploading', key);
}

/** The one line of a dump that stopped sending (pg-stall-timeout): the peer, the likely causes, the setting. */
function stallLine(o: BackupOptions, ms: number): string {
  const c = o.connection;
  return (
    `pg_dump sent nothing for ${formatLimit(ms)} (pg-stall-timeout): the dump of "${c.database}" from ${c.host}:${c.port} ` +
    'stalled (a lock held by another session, or a server that stopped answering) and the backup was stopped; ' +
    'look at pg_stat_activity on the server, or raise pg-stall-timeout'
  );
}
