/**
 * A multi-stream backup's data parts brought down and proven like its schema part: each one's SHA-256 equal to its
 * own .sha256 sidecar and to the manifest's, and its whole decryption authenticated, before anything may read it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../core/errors.js';
import { basename, checksumKey, parseChecksumLine } from '../core/naming.js';
import type { Decryption } from '../encryption/decrypt.js';
import type { RunContext } from '../model/context.js';
import type { CommonOptions } from '../model/options.js';
import { describeS3Error } from '../s3/describe-error.js';
import { getText } from '../s3/objects.js';
import type { Chosen } from './download.js';
import { fetchProven, type Proven } from './readback.js';

/** Every data part, proven, in order; [] for a backup of one stream. The caller cleans them up. */
export async function fetchPartsProven(
  o: CommonOptions & { tempDir?: string },
  chosen: Chosen,
  decryption: Decryption | undefined,
  s3: S3Client,
  ctx: RunContext,
  refusal?: (err: unknown) => unknown,
): Promise<Proven[]> {
  const { entry, manifest } = chosen;
  const parts = manifest?.parts ?? [];
  if (!parts.length && entry.parts?.length)
    throw new UserError(
      `${entry.key} has ${entry.parts.length} data parts but no readable manifest (.meta) naming them; refusing to restore (target untouched)`,
    );
  const out: Proven[] = [];
  try {
    for (const part of parts) {
      const expectedSha256 = await partChecksum(o, s3, entry.key, part);
      // a listing shows the parts there; a set's member (no listing) takes the manifest's sizes
      const listed = entry.parts ? entry.parts.find((p) => p.key === part.key) : { size: part.size };
      if (!listed)
        throw new UserError(
          `${entry.key}: its data part ${basename(part.key)} is missing; refusing to restore (target untouched)`,
        );
      const partEntry = { ...entry, key: part.key, size: listed.size, parts: undefined };
      ctx.log.info(`data part ${out.length + 1} of ${parts.length}: ${basename(part.key)}`);
      out.push(await fetchProven(o, { entry: partEntry, expectedSha256, manifest }, decryption, s3, ctx, refusal));
    }
    return out;
  } catch (err) {
    await Promise.all(out.map((p) => p.fetched.cleanup()));
    throw err;
  }
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
