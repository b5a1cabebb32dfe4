/**
 * After the object: its .sha256 and .meta sidecars, the optional latest copy, then latest.json — in that order, so a
 * reader that finds latest.json finds everything it names. Any failure removes what this run wrote, latest.json
 * unchanged.
 */
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { errorMessage, noteCleanup } from '../core/errors.js';
import type { LatestPointer } from '../core/manifest.js';
import type { Manifest } from '../model/manifest.js';
import { basename, checksumKey, checksumLine, latestPointerKey, manifestKey } from '../core/naming.js';
import { s3ErrorCode } from '../s3/describe-error.js';
import { copyObject, deleteKeys, getText, putText } from '../s3/objects.js';

type PutParams = Omit<PutObjectCommandInput, 'Key' | 'Body'>;

export interface Sidecars {
  s3: S3Client;
  ctx: RunContext;
  bucket: string;
  prefix: string;
  key: string;
  manifest: Manifest;
  /** The bucket's put parameters (encryption, tags) for the pointers. */
  common: PutParams;
  /** The backup's own parameters (its tier and lock): the sidecars expire with it. */
  tiered: PutParams;
  storageClass: string;
  /** latest-copy: the fixed name the object is copied to. */
  copyKey?: string;
  s3Error: (err: unknown, action: string, key?: string) => Error;
  /** The latest pointers to move to this backup; default: the prefix's latest.json. */
  pointers?: string[];
  /**
   * Awaited once the object and its sidecars are stored, before any pointer moves (a run's other backup beside this
   * one); its failure removes what this run wrote and is thrown as it is.
   */
  beforePointers?: () => Promise<void>;
}

export async function writeSidecars(w: Sidecars): Promise<void> {
  const { s3, manifest, key } = w;
  const written = [key];
  const sidecar = { ...w.common, ContentType: 'text/plain' };
  const tieredSidecar = { ...w.tiered, ContentType: 'text/plain', IfNoneMatch: '*' };
  let current = checksumKey(key);
  let waiting = false;
  try {
    await putNew(s3, { ...tieredSidecar, Key: current }, checksumLine(manifest.sha256, key));
    written.push(current);
    current = manifestKey(key);
    await putNew(
      s3,
      { ...tieredSidecar, Key: current, ContentType: 'application/json' },
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    written.push(current);
    if (w.copyKey) {
      current = w.copyKey;
      await copyObject(s3, {
        bucket: w.bucket,
        from: key,
        to: w.copyKey,
        size: manifest.size,
        extra: { ...w.common, StorageClass: w.storageClass as PutObjectCommandInput['StorageClass'] },
      });
      current = checksumKey(w.copyKey);
      await putText(s3, { ...sidecar, Key: current }, checksumLine(manifest.sha256, w.copyKey));
    }
    waiting = true;
    await w.beforePointers?.();
    waiting = false;
    const pointer: LatestPointer = {
      schema: 's3-backup/latest',
      key,
      sha256: manifest.sha256,
      size: manifest.size,
      finishedAt: manifest.finishedAt,
      manifestKey: manifestKey(key),
    };
    // the last pointer is the one that must stay unchanged on a failure: the ones before it are removed then
    const pointers = w.pointers ?? [latestPointerKey(w.prefix)];
    for (const [i, pointerKey] of pointers.entries()) {
      current = pointerKey;
      await putText(
        s3,
        { ...sidecar, Key: current, ContentType: 'application/json' },
        `${JSON.stringify(pointer, null, 2)}\n`,
      );
      if (i < pointers.length - 1) written.push(current);
    }
  } catch (err) {
    await removeWritten(w, written);
    throw waiting ? err : w.s3Error(err, 'writing', current);
  }
}

async function removeWritten(w: Sidecars, written: string[]): Promise<void> {
  await deleteKeys(w.s3, w.bucket, written).then(
    () =>
      noteCleanup(
        w.ctx.signal,
        `the backup and the sidecars written so far were removed (${written.map(basename).join(', ')}); latest.json is unchanged`,
      ),
    (cleanupErr) => {
      w.ctx.log.warning(`could not remove ${written.join(', ')} after the failure: ${errorMessage(cleanupErr)}`);
      noteCleanup(w.ctx.signal, `could not remove ${written.join(', ')}: ${errorMessage(cleanupErr)}`);
    },
  );
}

/**
 * A sidecar written with If-None-Match: a 412 can be this run's own earlier attempt, whose answer was lost before the
 * SDK sent it again: what is there is ours when it holds exactly these bytes (the key is claimed by this run).
 */
async function putNew(s3: S3Client, params: Parameters<typeof putText>[1], text: string): Promise<void> {
  try {
    await putText(s3, params, text);
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (s3ErrorCode(err) !== 'PreconditionFailed' && status !== 412) throw err;
    if ((await getText(s3, params.Bucket!, params.Key)) !== text) throw err;
  }
}
