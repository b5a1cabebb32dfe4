/**
 * A multi-stream backup's second copy (copy-to): every data part lands on the copy beside the copy's schema part, named
 * after the copy's key (its own upload fed from the part's stream, or copied by the server when the copy is on the
 * primary's server), then gets its own .sha256 there; the copy's manifest names the copy's parts. Everything written
 * is recorded in `written`, so that a copy that fails removes all of itself and leaves nothing partial.
 */
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { checksumKey, checksumLine } from '../core/naming.js';
import { partKeyFor } from '../core/streams.js';
import type { ManifestPart } from '../model/manifest.js';
import { copyObject, putText } from '../s3/objects.js';

export interface CopySite {
  s3: S3Client;
  bucket: string;
  /** The copy's key (its schema part); its data parts are named after it. */
  key: string;
  /** The copy's objects this run stored besides its key, in the order they landed. */
  written: string[];
  /** The primary's bucket, when the server copies the parts (same provider, endpoint and credentials). */
  serverSideFrom?: string;
  storageClass: string;
  s3Error: (err: unknown, action: string, key?: string) => Error;
}

/** The copy's data parts and their .sha256 (the parts copied first when the server copies); the copy's part list. */
export async function storeCopyParts(
  site: CopySite,
  parts: ManifestPart[],
  tiered: Omit<PutObjectCommandInput, 'Key' | 'Body'>,
): Promise<ManifestPart[]> {
  const own = parts.map((p) => ({ ...p, key: partKeyFor(p.key, site.key) }));
  for (const [i, p] of parts.entries()) {
    const to = own[i]!.key;
    if (site.serverSideFrom) {
      await copyObject(site.s3, {
        bucket: site.serverSideFrom,
        from: p.key,
        toBucket: site.bucket,
        to,
        size: p.size,
        extra: { ...tiered, StorageClass: site.storageClass as PutObjectCommandInput['StorageClass'] },
      }).catch((err) => {
        throw site.s3Error(err, 'copying to', to);
      });
      site.written.push(to);
    }
    const sidecar = checksumKey(to);
    await putText(
      site.s3,
      { ...tiered, Bucket: site.bucket, Key: sidecar, ContentType: 'text/plain', IfNoneMatch: '*' },
      checksumLine(p.sha256, to),
    ).catch((err) => {
      throw site.s3Error(err, 'writing', sidecar);
    });
    site.written.push(sidecar);
  }
  return own;
}
