/**
 * A backup brought down and proven, a multi-stream backup's data parts like its schema part and at the same time:
 * each one's SHA-256 equal to its own .sha256 sidecar and to the manifest's, and its whole decryption authenticated,
 * before anything may read it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../core/errors.js';
import { basename, checksumKey, parseChecksumLine } from '../core/naming.js';
import type { Decryption } from '../encryption/decrypt.js';
import type { ProgressEvent, RunContext } from '../model/context.js';
import { allBounded } from '../core/bounded.js';
import type { CommonOptions } from '../model/options.js';
import { describeS3Error } from '../s3/describe-error.js';
import { getText } from '../s3/objects.js';
import type { Chosen } from './download.js';
import { fetchProven, type Proven } from './readback.js';

/**
 * At most this many objects download at once. A restore's `jobs` speaks of the target's cores, not of the link: the
 * downloads are limited by S3's throughput per connection and the SHA-256 and decryption they run on the way, so a
 * few at once fill a runner's link while the disk writes stay sequential enough; the backup's `streams` is at most 8.
 */
const DOWNLOADS_AT_ONCE = 4;

export interface ProvenBackup {
  /** The object at the backup's key (a multi-stream backup's schema part). */
  proven: Proven;
  /** Every data part, in order; [] for a backup of one stream. */
  parts: Proven[];
}

/**
 * The backup's object and its data parts downloaded at once (at most DOWNLOADS_AT_ONCE), each proven; the first
 * failure stops the other downloads and removes every one of them. Progress is one sample for them all: the bytes
 * of every download summed, of the sizes of all. The caller cleans them up.
 */
export async function fetchBackupProven(
  o: CommonOptions & { tempDir?: string },
  chosen: Chosen,
  decryption: Decryption | undefined,
  s3: S3Client,
  ctx: RunContext,
  refusal?: (err: unknown) => unknown,
): Promise<ProvenBackup> {
  const { entry, manifest } = chosen;
  const parts = manifest?.parts ?? [];
  if (!parts.length && entry.parts?.length)
    throw new UserError(
      `${entry.key} has ${entry.parts.length} data parts but no readable manifest (.meta) naming them; refusing to restore (target untouched)`,
    );
  // a listing shows the parts there; a set's member (no listing) takes the manifest's sizes
  const sizes = parts.map((part) => {
    const listed = entry.parts ? entry.parts.find((p) => p.key === part.key) : { size: part.size };
    if (!listed)
      throw new UserError(
        `${entry.key}: its data part ${basename(part.key)} is missing; refusing to restore (target untouched)`,
      );
    return listed.size;
  });
  const progress = combinedProgress(ctx, [entry.size, ...sizes]);
  const tasks = [
    (signal: AbortSignal) => fetchProven(o, chosen, decryption, s3, progress.of(0, signal), refusal),
    ...parts.map((part, i) => async (signal: AbortSignal) => {
      // said as it starts: the downloads start in order, whatever order they end in
      ctx.log.info(`data part ${i + 1} of ${parts.length}: ${basename(part.key)}`);
      const own = progress.of(i + 1, signal);
      const expectedSha256 = await partChecksum(o, s3, entry.key, part);
      const partEntry = { ...entry, key: part.key, size: sizes[i]!, parts: undefined };
      return fetchProven(o, { entry: partEntry, expectedSha256, manifest }, decryption, s3, own, refusal);
    }),
  ];
  const all = await allBounded(tasks, DOWNLOADS_AT_ONCE, ctx.signal, (p) => p.fetched.cleanup());
  return { proven: all[0]!, parts: all.slice(1) };
}

/** One context per download whose progress adds up to one sample: the bytes of all of them, of all their sizes. */
function combinedProgress(ctx: RunContext, sizes: number[]) {
  const bytes = sizes.map(() => 0);
  const total = sizes.reduce((n, b) => n + b, 0);
  const report = ctx.onProgress;
  return {
    of: (i: number, signal: AbortSignal): RunContext => ({
      ...ctx,
      signal,
      ...(report
        ? {
            onProgress: (p: ProgressEvent) => {
              bytes[i] = p.bytes;
              report({ ...p, bytes: bytes.reduce((n, b) => n + b, 0), total });
            },
          }
        : {}),
    }),
  };
}

/** The part's own .sha256, which must agree with the manifest's. */
async function partChecksum(
  o: CommonOptions,
  s3: S3Client,
  key: string,
  part: { key: string; sha256: string },
): Promise<string> {
  const text = await getText(s3, o.s3.bucket, checksumKey(part.key)).catch((err) => {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: part.key, endpoint: o.s3.endpoint, action: 'reading' });
  });
  const line = text ? parseChecksumLine(text) : undefined;
  const sidecar = basename(checksumKey(part.key));
  if (!line)
    throw new UserError(
      `${key}: the checksum sidecar ${sidecar} of its data part is missing or not in sha256sum format; refusing to restore (target untouched)`,
    );
  if (line.sha256 !== part.sha256)
    throw new UserError(
      `${key}: ${sidecar} says sha256 ${line.sha256} but the manifest says ${part.sha256}; refusing to restore (target untouched)`,
    );
  return line.sha256;
}
