/**
 * A key of its own for every run, even for runs of the same database that start in the same second, on any S3 with
 * strong read-after-write consistency for PUT and LIST (AWS S3 since December 2020, Ceph RGW, MinIO, R2 …):
 *
 *   for each candidate key (the plain key, then _2, _3 …):
 *     the object exists already → next candidate;
 *     PUT a claim object <prefix>/.claims/<basename>/<run id>;
 *     LIST the key's claims and the key itself;
 *     no other claim and no object → the key is this run's;
 *     otherwise delete the claim, wait a random moment, next candidate.
 *
 * Of two runs on one key, the later PUT's LIST sees the earlier claim, so at most one of them takes it (both may step
 * aside, and then both try the next key). The claim stays until the run ends, so that a run arriving while the winner
 * uploads (the object does not exist before its upload completes) sees it too.
 *
 * A run killed outright leaves its claim behind. A claim older than CLAIM_STALE_MS, measured against this run's own
 * claim (the server's clock on both), is a leftover: it no longer holds the key, and this run removes it.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { claimObjectKey, claimsPrefix } from '../core/naming.js';
import { isStale, type ListedObject } from '../core/stale-claims.js';

export interface KeyClaim {
  /** The key this run may write. */
  key: string;
  /** Removes the claim object; call it when the run ends, however it ends. */
  release(): Promise<void>;
}

export interface ClaimOptions {
  bucket: string;
  /** Candidate n (1, 2, 3 …). */
  keyFor: (seq: number) => string;
  /** Headers a bucket policy may demand on every PutObject (server-side encryption). */
  put?: Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'>;
  signal?: AbortSignal;
  runId?: string;
  /** Candidates tried before giving up. */
  maxCandidates?: number;
  /** The pause after a contested candidate, in ms (random, so that contenders drift apart). */
  backoff?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when a claim on a key this run stepped aside from could not be removed (the run goes on). */
  onStrayClaim?: (err: unknown) => void;
}

const MAX_CANDIDATES = 100;
const EMPTY_MD5 = createHash('md5').update(new Uint8Array(0)).digest('base64');
const defaultBackoff = () => 20 + Math.floor(Math.random() * 180);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class KeyClaimError extends Error {
  override name = 'KeyClaimError';
}

/** What a failed S3 request was doing, for the error message: `listing` (the prefix), `writing` or `deleting` (a claim). */
export interface ClaimStep {
  claimAction?: 'listing' | 'writing' | 'deleting';
  claimKey?: string;
}

async function step<T>(action: NonNullable<ClaimStep['claimAction']>, key: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err && typeof err === 'object') Object.assign(err, { claimAction: action, claimKey: key } satisfies ClaimStep);
    throw err;
  }
}

/** Whether the object itself exists (a LIST answers with the S3 error code where a HEAD has none). */
async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  const prefix = key.slice(0, Math.max(0, key.lastIndexOf('/')));
  const page = await step(
    'listing',
    prefix,
    s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 })),
  );
  return page.Contents?.some((c) => c.Key === key) ?? false;
}

async function claims(s3: S3Client, bucket: string, key: string): Promise<ListedObject[]> {
  const prefix = claimsPrefix(key);
  const page = await step(
    'listing',
    prefix,
    s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 100 })),
  );
  return (page.Contents ?? []).filter((c) => c.Key).map((c) => ({ key: c.Key!, lastModified: c.LastModified }));
}

/** The other runs' claims on a key: live ones contend, stale ones (left by killed runs) are only to be removed. */
function contendersOf(listed: ListedObject[], mine: string): { live: string[]; stale: string[] } {
  const own = listed.find((c) => c.key === mine);
  const others = listed.filter((c) => c.key !== mine);
  const stale = own?.lastModified ? others.filter((c) => isStale(c, own.lastModified!)) : [];
  return { live: others.filter((c) => !stale.includes(c)).map((c) => c.key), stale: stale.map((c) => c.key) };
}

/** Removes leftover claims; a failure is only reported (they block nothing). */
async function removeStale(s3: S3Client, o: ClaimOptions, keys: string[]): Promise<void> {
  for (const k of keys)
    await step('deleting', k, s3.send(new DeleteObjectCommand({ Bucket: o.bucket, Key: k }))).catch((err: unknown) =>
      o.onStrayClaim?.(err),
    );
}

export async function claimBackupKey(s3: S3Client, o: ClaimOptions): Promise<KeyClaim> {
  const runId = o.runId ?? randomUUID();
  const max = o.maxCandidates ?? MAX_CANDIDATES;
  const sleep = o.sleep ?? defaultSleep;
  const backoff = o.backoff ?? defaultBackoff;
  const stopIfCancelled = () => {
    if (o.signal?.aborted) throw o.signal.reason ?? new Error('cancelled');
  };
  for (let seq = 1; seq <= max; seq++) {
    stopIfCancelled();
    const key = o.keyFor(seq);
    if (await exists(s3, o.bucket, key)) continue;
    const mine = claimObjectKey(key, runId);
    // Content-MD5: a bucket with a default Object Lock retention requires it on every write
    await step(
      'writing',
      mine,
      s3.send(
        new PutObjectCommand({
          Bucket: o.bucket,
          Key: mine,
          Body: new Uint8Array(0),
          ContentLength: 0,
          ContentMD5: EMPTY_MD5,
          ContentType: 'text/plain',
          ...o.put,
        }),
      ),
    );
    const release = () =>
      step('deleting', mine, s3.send(new DeleteObjectCommand({ Bucket: o.bucket, Key: mine }))).then(() => undefined);
    let won = false;
    try {
      const { live: contenders, stale } = contendersOf(await claims(s3, o.bucket, key), mine);
      await removeStale(s3, o, stale);
      const free = contenders.length === 0 && !(await exists(s3, o.bucket, key));
      stopIfCancelled();
      if (free) {
        won = true;
        return { key, release };
      }
      if (contenders.length) await sleep(backoff());
    } finally {
      // a claim left behind only blocks a key this run does not want: never a reason to fail the backup
      if (!won) await release().catch((err: unknown) => o.onStrayClaim?.(err));
    }
  }
  throw new KeyClaimError(
    `no free key for ${o.keyFor(1)} after ${max} tries (each taken by an object or another run's claim)`,
  );
}
