/**
 * The backup's second copy (copy-to): its own key claim, its own multipart upload fed from the same stream (see
 * ../stream/tee.ts), then its own .sha256, .meta and latest.json. It has the primary's guarantees (a claimed key,
 * If-None-Match, nothing partial: a failed upload is aborted and a failed sidecar removes what the copy wrote), and
 * one more rule: whatever happens to the copy, the primary backup is completed and becomes latest. A failed copy
 * is remembered here and fails the run once the primary is stored. A multi-stream backup's copy has one upload per
 * part, each fed from that part's stream; its parts' sidecars are written by ./copy-parts.ts.
 */
import type { CopyOutcome } from '../model/results.js';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { cancellationOf, errorMessage, noteCleanup, UserError } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import { rebaseKey } from '../core/naming.js';
import type { BackupOptions } from '../model/options.js';
import type { CopyOptions } from '../model/options.js';
import { tieredParams } from '../retention/after-backup.js';
import type { Tier } from '../model/retention.js';
import { clientFor } from '../s3/client.js';
import type { ClaimStep, KeyClaim } from '../store/claims.js';
import { describeS3Error } from '../s3/describe-error.js';
import { copyObject, deleteKeys } from '../s3/objects.js';
import { writeSidecars } from '../store/sidecars.js';
import { uploadSink, type UploadSink } from '../s3/upload.js';
import { claimKey, type Run } from './steps.js';
import { storeCopyParts, type CopySite } from './copy-parts.js';
import { partKey } from '../core/streams.js';

export interface CopyRun {
  options: CopyOptions;
  s3: S3Client;
  claims: KeyClaim[];
  key?: string;
  error?: Error;
  /** The copy's object is complete (its sidecars may not be). */
  stored?: boolean;
  /** The copy's sidecars and latest.json are written: the copy is whole. */
  whole?: boolean;
  /** The copy's other objects stored so far (a multi-stream backup's data parts, their .sha256). */
  written?: string[];
  /** The copy's uploads under way: one per part of a multi-stream backup, all stopped when one fails. */
  sinks?: UploadSink[];
}

export function prepareCopy(o: BackupOptions, ctx: RunContext): CopyRun | undefined {
  if (!o.copy) return undefined;
  if (!o.copy.s3.credentials) {
    ctx.log.info(
      `copy: s3://${o.copy.s3.bucket}/${o.copy.s3.prefix} with the same credentials as the backups (same provider and endpoint)`,
    );
  }
  return { options: o.copy, s3: clientFor(ctx, o.copy.s3), claims: [] };
}

/** An S3 failure of the copy, in one line that says it is the copy's. */
export function copyError(copy: CopyRun, err: unknown, action: string, key?: string): Error {
  const where = { bucket: copy.options.s3.bucket, key, endpoint: copy.options.s3.endpoint, action };
  const e = describeS3Error(err, where);
  if (cancellationOf(e)) return e;
  const message = `copy: ${e.message.replace(/AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY/, 'copy-access-key-id / copy-secret-access-key')}`;
  return e instanceof UserError ? new UserError(message, { cause: err }) : new Error(message, { cause: err });
}

/** The copy's own view of the backup: its bucket and prefix, no SSE (another provider may not have it), no lock. */
function copyRun(run: Run, copy: CopyRun): Run {
  const s3 = copy.options.s3;
  const o: BackupOptions = { ...run.o, s3, sse: undefined, sseKmsKeyId: undefined, objectLock: undefined };
  return { ...run, o, s3: copy.s3, s3Error: (err, action, key) => copyError(copy, err, action, key) };
}

/** Claims the copy's key (the same name under the copy's prefix, _2 … when taken there). A failure drops the copy. */
export async function claimCopyKey(run: Run, copy: CopyRun | undefined): Promise<void> {
  if (!copy) return;
  try {
    copy.key = await claimKey(copyRun(run, copy), copy.claims);
  } catch (err) {
    if (cancellationOf(err)) throw err;
    copy.error = err as Error;
    run.ctx.log.warning(`${errorMessage(err)}; the backup goes on without its copy`, 'Copy failed');
  }
}

function copyParams(run: Run, copy: CopyRun, tier: Tier) {
  const c = copyRun(run, copy);
  const common: Omit<PutObjectCommandInput, 'Key' | 'Body'> = { Bucket: copy.options.s3.bucket };
  return { common, tiered: tieredParams(c.o, common, tier, run.startedAt) };
}

/** The copy's multipart upload, fed by the tee; undefined when the copy was already dropped. */
function copySinkFor(
  run: Run,
  copy: CopyRun | undefined,
  tier: Tier,
  sizes: { partSize: number; queueSize: number },
  key = copy?.key,
): UploadSink | undefined {
  if (!copy?.key || !key || copy.error || copy.options.serverSide) return undefined;
  run.ctx.log.info(`copying to s3://${copy.options.s3.bucket}/${key} (${copy.options.storageClass})`);
  const sink = uploadSink(
    copy.s3,
    {
      ...copyParams(run, copy, tier).tiered,
      Key: key,
      StorageClass: copy.options.storageClass as PutObjectCommandInput['StorageClass'],
      ContentType: 'application/octet-stream',
      IfNoneMatch: '*',
    },
    { ...sizes, signal: run.ctx.signal },
  );
  sink.completed.then(
    () => {
      if (key === copy.key) copy.stored = true;
      else {
        copy.written ??= [];
        copy.written.push(key);
      }
    },
    () => undefined,
  );
  copy.sinks ??= [];
  copy.sinks.push(sink);
  return sink;
}

/**
 * What the stream needs of the copy: its upload, given the part size, and what to do when it fails. `part`: one part
 * of a multi-stream backup, its key on the copy and its share of the queue; the first part to fail drops the copy
 * and stops the other parts' uploads.
 */
export function copyStreamPlan(
  run: Run,
  copy: CopyRun | undefined,
  tier: Tier,
  part?: { key: string; queueSize: number },
) {
  if (!copy) return undefined;
  return {
    sink: (partSize: number) =>
      copySinkFor(run, copy, tier, { partSize, queueSize: part?.queueSize ?? run.o.queueSize }, part?.key ?? copy.key),
    failed: (err: unknown) => {
      if (copy.error) return;
      copy.error = copyError(copy, err, 'uploading', part?.key ?? copy.key);
      run.ctx.log.warning(`${copy.error.message}; the backup goes on without its copy`, 'Copy failed');
      for (const s of copy.sinks ?? []) if (!s.destroyed) s.destroy(copy.error);
    },
  };
}

/** A multi-stream backup: each part's stream feeds the copy's upload of that part too, named after the copy's key. */
export function copyPartsPlan(run: Run, copy: CopyRun | undefined, tier: Tier, ext: string) {
  return (i: number, queueSize: number) =>
    copyStreamPlan(
      run,
      copy,
      tier,
      copy?.key ? { key: i ? partKey(copy.key, ext, i) : copy.key, queueSize } : undefined,
    );
}

/**
 * Once the primary is stored and latest: the copy's sidecars and the same latest pointers as the primary's, under
 * the copy's prefix (or the copy removed on failure). `pointers` are the primary's pointer keys (default latest.json).
 */
export async function finishCopy(
  run: Run,
  copy: CopyRun | undefined,
  manifest: Manifest,
  pointers?: string[],
): Promise<CopyOutcome | undefined> {
  if (!copy) return undefined;
  const place = copy.options.s3;
  const uri = copy.key ? `s3://${place.bucket}/${copy.key}` : undefined;
  // writeSidecars removes the copy's key itself when it fails
  let keyRemoved = false;
  if (!copy.error && copy.key) {
    const { common, tiered } = copyParams(run, copy, manifest.tier as Tier);
    let own: Manifest = { ...manifest, key: copy.key, storageClass: copy.options.storageClass };
    try {
      if (copy.options.serverSide) {
        await copyOnServer(run, copy, manifest, tiered);
        copy.stored = true;
      }
      if (manifest.parts) own = { ...own, parts: await storeCopyParts(copySite(run, copy), manifest.parts, tiered) };
      keyRemoved = true;
      await writeSidecars({
        s3: copy.s3,
        ctx: run.ctx,
        bucket: place.bucket,
        prefix: place.prefix,
        key: copy.key,
        manifest: own,
        common,
        tiered,
        storageClass: copy.options.storageClass,
        s3Error: (err, action, key) => copyError(copy, err, action, key),
        ...(pointers ? { pointers: pointers.map((k) => rebaseKey(k, run.o.s3.prefix, place.prefix)) } : {}),
      });
    } catch (err) {
      if (cancellationOf(err)) throw err;
      copy.error = err as Error;
    }
  }
  if (copy.error) {
    await removeCopy(copy, run.ctx, !keyRemoved);
    return { status: 'failed', error: copy.error, ...(copy.key ? { key: copy.key } : {}) };
  }
  copy.whole = true;
  run.ctx.log.info(`copy: ${uri} stored with its sidecars and latest pointers`);
  return { status: 'complete', key: copy.key, uri };
}

/** Same endpoint, region and credentials: the server copies the stored backup (CopyObject, UploadPartCopy). */
async function copyOnServer(
  run: Run,
  copy: CopyRun,
  manifest: Manifest,
  tiered: Omit<PutObjectCommandInput, 'Key' | 'Body'>,
): Promise<void> {
  run.ctx.log.info(
    `copying to s3://${copy.options.s3.bucket}/${copy.key} on the server (${copy.options.storageClass})`,
  );
  try {
    await copyObject(copy.s3, {
      bucket: run.o.s3.bucket,
      from: manifest.key,
      toBucket: copy.options.s3.bucket,
      to: copy.key!,
      size: manifest.size,
      extra: { ...tiered, StorageClass: copy.options.storageClass as PutObjectCommandInput['StorageClass'] },
    });
  } catch (err) {
    throw copyError(copy, err, 'copying to', copy.key);
  }
}

/** The copy's site for the data parts of a multi-stream backup (./copy-parts.ts). */
function copySite(run: Run, copy: CopyRun): CopySite {
  copy.written ??= [];
  return {
    s3: copy.s3,
    bucket: copy.options.s3.bucket,
    key: copy.key!,
    written: copy.written,
    ...(copy.options.serverSide ? { serverSideFrom: run.o.s3.bucket } : {}),
    storageClass: copy.options.storageClass,
    s3Error: (err, action, key) => copyError(copy, err, action, key),
  };
}

/** The backup failed after the copy's upload completed: the copy goes too (it has no sidecars, and no backup). */
export async function discardCopy(copy: CopyRun | undefined, ctx: RunContext): Promise<void> {
  if (!copy || copy.whole) return;
  await removeCopy(copy, ctx, true);
}

/** Removes what the copy stored (its object when `withKey`, a multi-stream backup's parts and their .sha256). */
async function removeCopy(copy: CopyRun, ctx: RunContext, withKey: boolean): Promise<void> {
  const keys = [...(withKey && copy.stored && copy.key ? [copy.key] : []), ...(copy.written ?? [])];
  if (!keys.length) return;
  const where = `s3://${copy.options.s3.bucket}/${keys[0]}`;
  const what = keys.length > 1 ? `${where} and ${keys.length - 1} more` : where;
  try {
    await deleteKeys(copy.s3, copy.options.s3.bucket, keys);
    copy.stored = false;
    copy.written?.splice(0);
    noteCleanup(ctx.signal, `the copy ${what} was removed`);
  } catch (err) {
    ctx.log.warning(`${copyError(copy, err, 'deleting', keys[0]).message}: delete ${what}, it has no sidecars`);
  }
}

/** The copy's claim goes when the run ends, however it ended. */
export async function releaseCopy(copy: CopyRun | undefined, ctx: RunContext): Promise<void> {
  for (const c of copy?.claims ?? []) {
    await c
      .release()
      .catch((err) =>
        ctx.log.warning(copyError(copy!, err, 'deleting the claim', (err as ClaimStep).claimKey).message),
      );
  }
}
