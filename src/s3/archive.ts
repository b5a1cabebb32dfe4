/** Archive tiers and replication status as S3 reports them: HeadObject's headers, and the restore request. */
import { HeadObjectCommand, RestoreObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArchiveHead } from '../core/archive-tiers.js';
import type { ThawTier } from '../model/options.js';
import { s3ErrorCode } from './describe-error.js';

export interface ObjectTier extends ArchiveHead {
  /** x-amz-replication-status: COMPLETED, PENDING, FAILED, REPLICA; undefined when S3 sends none. */
  replicationStatus?: string;
}

export async function headTier(client: S3Client, bucket: string, key: string): Promise<ObjectTier> {
  const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return {
    storageClass: h.StorageClass,
    restore: h.Restore,
    archiveStatus: h.ArchiveStatus,
    replicationStatus: h.ReplicationStatus,
  };
}

/**
 * RestoreObject: 'requested' (202, or 200 when a restored copy exists and its expiry was extended),
 * 'in-progress' (409 RestoreAlreadyInProgress: an earlier request is still running), 'not-archived' (403
 * InvalidObjectState / ObjectAlreadyInActiveTierError: the object is readable as it is).
 */
export async function requestRestore(
  client: S3Client,
  o: { bucket: string; key: string; tier: ThawTier; days: number; intelligentTiering: boolean },
): Promise<'requested' | 'in-progress' | 'not-archived'> {
  try {
    await client.send(
      new RestoreObjectCommand({
        Bucket: o.bucket,
        Key: o.key,
        // Intelligent-Tiering restores move the object back to its frequent tier: Days is refused there
        RestoreRequest: {
          ...(o.intelligentTiering ? {} : { Days: o.days }),
          GlacierJobParameters: { Tier: o.tier },
        },
      }),
    );
    return 'requested';
  } catch (err) {
    const code = s3ErrorCode(err);
    if (code === 'RestoreAlreadyInProgress') return 'in-progress';
    if (code === 'InvalidObjectState' || code === 'ObjectAlreadyInActiveTierError') return 'not-archived';
    throw err;
  }
}
