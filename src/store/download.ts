/**
 * Choosing a backup and bringing it down verified: the object goes to a temporary file and its SHA-256 must equal
 * the sidecar's before anyone may use it. Shared by restore, verify and validate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tempDirOf, trackTempDir, untrackTempDir } from '../core/temp-dirs.js';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { noteCleanup, errorMessage, UserError } from '../core/errors.js';
import { listBackups } from './listing.js';
import { parseManifest } from '../core/manifest.js';
import type { Manifest } from '../model/manifest.js';
import { basename, checksumKey, manifestKey, parseChecksumLine, rebaseKey } from '../core/naming.js';
import type { CommonOptions } from '../model/options.js';
import { describeS3Error } from '../s3/describe-error.js';
import { downloadToFile, getText } from '../s3/objects.js';
import type { DownloadOptions } from '../s3/resumable-download.js';
import { clientFor } from '../s3/client.js';
import { selectBackup, unambiguous } from '../core/select.js';
import type { BackupEntry } from '../model/objects.js';
import { formatBytes } from '../core/format.js';

export interface Chosen {
  entry: BackupEntry;
  expectedSha256: string;
  manifest?: Manifest;
}

/** Picks the backup and reads its sidecars; refuses one that cannot be verified. */
export async function chooseBackup(o: CommonOptions, selector: string, s3: S3Client, ctx: RunContext): Promise<Chosen> {
  const listing = await listBackups(o, s3);
  const candidates = unambiguous(listing.backups, selector, { ...o, prefix: o.s3.prefix });
  const entry = selectBackup(candidates, selector, listing.latestKey);
  if (
    selector === 'latest' &&
    listing.latestKey &&
    entry.key !== listing.latestKey &&
    !listing.backups.some((b) => b.key === listing.latestKey)
  )
    ctx.log.warning(
      `the latest pointer names ${listing.latestKey}, which no longer exists (expired or deleted): taking the newest complete backup, ${entry.key}`,
      'Latest backup missing',
    );
  ctx.log.info(`backup: s3://${o.s3.bucket}/${entry.key} (${formatBytes(entry.size)})`);
  const missing = `refusing to restore ${entry.key}: its checksum sidecar ${basename(checksumKey(entry.key))} is missing`;
  if (!entry.hasChecksum) throw new UserError(`${missing}, so the backup cannot be verified`);
  const [sidecarText, manifestText] = await Promise.all([
    getText(s3, o.s3.bucket, checksumKey(entry.key)),
    entry.hasManifest ? getText(s3, o.s3.bucket, manifestKey(entry.key)) : Promise.resolve(undefined),
  ]).catch((err) => {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: entry.key, endpoint: o.s3.endpoint, action: 'reading' });
  });
  const expected = sidecarText ? parseChecksumLine(sidecarText) : undefined;
  if (!expected) throw new UserError(`${missing} or not in sha256sum format`);
  let manifest: Manifest | undefined;
  try {
    manifest = manifestText ? parseManifest(manifestText) : undefined;
  } catch (err) {
    ctx.log.warning(`ignoring the manifest of ${entry.key}: ${errorMessage(err)}`);
  }
  return { entry, expectedSha256: expected.sha256, manifest };
}

export interface Fetched {
  file: string;
  dir: string;
  sha256: string;
  bytes: number;
  cleanup(): Promise<void>;
}

/** Downloads to a private temporary folder and checks the SHA-256; the caller must call cleanup(). */
export async function fetchVerified(
  o: CommonOptions & { tempDir?: string },
  chosen: Chosen,
  s3: S3Client,
  ctx: RunContext,
): Promise<Fetched> {
  const dir = await mkdtemp(path.join(tempDirOf(o, ctx), 's3-backup-'));
  trackTempDir(dir);
  const cleanup = async () => {
    await rm(dir, { recursive: true, force: true });
    untrackTempDir(dir);
    noteCleanup(ctx.signal, 'the temporary download was deleted');
  };
  try {
    const file = path.join(dir, basename(chosen.entry.key));
    ctx.log.info(`downloading to ${file}`);
    const total = chosen.entry.size;
    const progress = ctx.onProgress
      ? (bytes: number) => ctx.onProgress!({ phase: 'download', bytes, total })
      : undefined;
    const resumed = ({
      bytes,
      total,
      attempt,
      reason,
    }: {
      bytes: number;
      total?: number;
      attempt: number;
      reason: string;
    }) =>
      ctx.log.info(
        `download broke after ${formatBytes(bytes)}${total !== undefined ? ` of ${formatBytes(total)}` : ''} (${reason}): resuming from there (resume ${attempt})`,
      );
    const got = await downloadToFile(s3, o.s3.bucket, chosen.entry.key, file, ctx.signal, progress, {
      onResume: resumed,
      ...otherSite(o, chosen, ctx),
    }).catch((err) => {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw describeS3Error(err, {
        bucket: o.s3.bucket,
        key: chosen.entry.key,
        endpoint: o.s3.endpoint,
        action: 'downloading',
      });
    });
    if (got.bytes !== chosen.entry.size) {
      throw new UserError(
        `${chosen.entry.key}: downloaded ${got.bytes} bytes but the listing says ${chosen.entry.size}; refusing to restore (target untouched)`,
      );
    }
    if (got.sha256 !== chosen.expectedSha256) {
      throw new UserError(
        `checksum mismatch for ${chosen.entry.key}: the sidecar says sha256 ${chosen.expectedSha256} but the object is ${got.sha256}; refusing to restore (target untouched)`,
      );
    }
    ctx.log.info(`sha256 verified: ${got.sha256}`);
    return { file, dir, sha256: got.sha256, bytes: got.bytes, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * The other site (the copy, or the primary when reading the copy) as the download's alternate: used only when it
 * holds the backup under the same name with the same SHA-256, so the bytes are the same and the proof unchanged.
 */
function otherSite(o: CommonOptions, chosen: Chosen, ctx: RunContext): Pick<DownloadOptions, 'alternate' | 'onSwitch'> {
  const other = o.other;
  if (!other) return {};
  const key = rebaseKey(chosen.entry.key, o.s3.prefix, other.prefix);
  const where = `s3://${other.bucket}/${key}`;
  return {
    alternate: async () => {
      const client = clientFor(ctx, other);
      let why: string;
      try {
        const text = await getText(client, other.bucket, checksumKey(key));
        const sum = text ? parseChecksumLine(text) : undefined;
        if (sum?.sha256 === chosen.expectedSha256) return { client, bucket: other.bucket, key };
        why = text === undefined ? 'it holds no such backup' : 'it holds another SHA-256 under that name';
      } catch (err) {
        why = errorMessage(err);
      }
      ctx.log.info(`the download cannot go on from ${where}: ${why}`);
      return undefined;
    },
    onSwitch: ({ bytes, total, reason }) =>
      ctx.log.warning(
        `the download from s3://${o.s3.bucket}/${chosen.entry.key} failed after ${formatBytes(bytes)}${total !== undefined ? ` of ${formatBytes(total)}` : ''} (${reason}): continuing from ${where} at that byte (same SHA-256)`,
        'Download continued from the other site',
      ),
  };
}
