/** Bucket settings and batch deletes: the SDK calls behind bucket init, audit, lifecycle and prune. */
import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type LifecycleRule,
  type PublicAccessBlockConfiguration,
  type S3Client,
  type ServerSideEncryptionConfiguration,
  type DeleteObjectsCommandOutput,
} from '@aws-sdk/client-s3';
import { errorMessage } from '../core/errors.js';
import { isNotFound, s3ErrorCode } from './describe-error.js';

export const ALL_BLOCKED: Required<PublicAccessBlockConfiguration> = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/** 'created', or 'exists' when the bucket is already ours (idempotent). */
export async function ensureBucket(
  client: S3Client,
  bucket: string,
  region: string,
  objectLock: boolean,
): Promise<'created' | 'exists'> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return 'exists';
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region && region !== 'us-east-1' && region !== 'auto'
          ? { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }
          : {}),
        ...(objectLock ? { ObjectLockEnabledForBucket: true } : {}),
      }),
    );
    return 'created';
  } catch (err) {
    if (s3ErrorCode(err) === 'BucketAlreadyOwnedByYou') return 'exists';
    throw err;
  }
}

export async function getVersioning(client: S3Client, bucket: string): Promise<string | undefined> {
  return (await client.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
}

export async function enableVersioning(client: S3Client, bucket: string): Promise<void> {
  await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
}

/** The default encryption rule, or undefined when the bucket has none. */
export async function getEncryption(
  client: S3Client,
  bucket: string,
): Promise<{ algorithm: string; kmsKeyId?: string } | undefined> {
  try {
    const out = await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    return rule?.SSEAlgorithm ? { algorithm: rule.SSEAlgorithm, kmsKeyId: rule.KMSMasterKeyID } : undefined;
  } catch (err) {
    if (s3ErrorCode(err) === 'ServerSideEncryptionConfigurationNotFoundError') return undefined;
    throw err;
  }
}

export async function putEncryption(
  client: S3Client,
  bucket: string,
  sse: 'AES256' | 'aws:kms',
  kmsKeyId?: string,
): Promise<void> {
  const config: ServerSideEncryptionConfiguration = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: sse, ...(kmsKeyId ? { KMSMasterKeyID: kmsKeyId } : {}) },
        ...(sse === 'aws:kms' ? { BucketKeyEnabled: true } : {}),
      },
    ],
  };
  await client.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: config }));
}

export async function getPublicAccessBlock(
  client: S3Client,
  bucket: string,
): Promise<PublicAccessBlockConfiguration | undefined> {
  try {
    return (await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
  } catch (err) {
    if (s3ErrorCode(err) === 'NoSuchPublicAccessBlockConfiguration') return undefined;
    throw err;
  }
}

export async function putPublicAccessBlock(
  client: S3Client,
  bucket: string,
  config: PublicAccessBlockConfiguration,
): Promise<void> {
  await client.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: config }));
}

export async function getLifecycle(client: S3Client, bucket: string): Promise<LifecycleRule[]> {
  try {
    return (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
  } catch (err) {
    if (s3ErrorCode(err) === 'NoSuchLifecycleConfiguration') return [];
    throw err;
  }
}

export async function putLifecycle(client: S3Client, bucket: string, rules: LifecycleRule[]): Promise<void> {
  await client.send(
    new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }),
  );
}

export async function getObjectLockEnabled(client: S3Client, bucket: string): Promise<boolean> {
  try {
    const out = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    return out.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
  } catch (err) {
    if (s3ErrorCode(err) === 'ObjectLockConfigurationNotFoundError') return false;
    throw err;
  }
}

/** Turns Object Lock on for an existing (versioned) bucket: AWS allows it since 2023; many servers refuse. */
export async function enableObjectLock(client: S3Client, bucket: string): Promise<void> {
  await client.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
    }),
  );
}

/** Object Lock state of one object; undefined fields when none (or when GetObjectRetention is not granted). */
export async function objectLockOf(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<{ mode?: string; until?: Date; legalHold: boolean } | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      mode: head.ObjectLockMode,
      until: head.ObjectLockRetainUntilDate,
      legalHold: head.ObjectLockLegalHoldStatus === 'ON',
    };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface DeleteFailure {
  key: string;
  code: string;
  message: string;
}

/**
 * Deletes keys in batches of 1,000 (DeleteObjects), or one request per key where the provider has no bulk delete.
 * Per-key failures are returned, not thrown: the caller decides what a refusal means (Object Lock → kept). A batch
 * refused as a whole (AccessDenied: Ceph RGW 16 checks s3:DeleteObject on the bucket, not on each key, so a
 * prefix-scoped policy fails there; NotImplemented: servers without multi-delete) is retried key by key.
 */
export async function deleteMany(
  client: S3Client,
  bucket: string,
  keys: string[],
  bulk: boolean,
): Promise<{ deleted: string[]; failed: DeleteFailure[]; singleAfterBatchRefused?: string }> {
  const deleted: string[] = [];
  const failed: DeleteFailure[] = [];
  const one = async (key: string) => {
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      deleted.push(key);
    } catch (err) {
      const code = s3ErrorCode(err) ?? 'Error';
      if (!['AccessDenied', 'ObjectLocked', 'InvalidRequest'].includes(code)) throw err;
      failed.push({ key, code, message: errorMessage(err) });
    }
  };
  let refused: string | undefined;
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    if (!bulk || refused) {
      for (const key of batch) await one(key);
      continue;
    }
    let out: DeleteObjectsCommandOutput;
    try {
      out = await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }),
      );
    } catch (err) {
      const code = s3ErrorCode(err);
      if (code !== 'AccessDenied' && code !== 'NotImplemented') throw err;
      refused = code;
      for (const key of batch) await one(key);
      continue;
    }
    for (const d of out.Deleted ?? []) if (d.Key) deleted.push(d.Key);
    for (const e of out.Errors ?? [])
      failed.push({ key: e.Key ?? '', code: e.Code ?? 'Error', message: e.Message ?? '' });
  }
  return { deleted, failed, ...(refused ? { singleAfterBatchRefused: refused } : {}) };
}

export const md5Base64 = (data: Buffer | string) => createHash('md5').update(data).digest('base64');
