/** Small object operations: sidecars, pointers, listings, copies, downloads. */
import type { ObjectInfo } from '../model/objects.js';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AUTO_MIN_PART } from '../core/plan.js';
import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCopyCommand,
  type PutObjectCommandInput,
  type S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { isNotFound, s3ErrorCode } from './describe-error.js';
import { uploadSink } from './upload.js';

export { downloadToFile } from './resumable-download.js';

export async function putText(
  client: S3Client,
  params: Omit<PutObjectCommandInput, 'Body'> & { Key: string },
  text: string,
): Promise<void> {
  const body = Buffer.from(text, 'utf8');
  // S3 requires Content-MD5 (or a flexible checksum) on a write that sets Object Lock retention
  const md5 =
    params.ObjectLockMode && !params.ContentMD5 ? { ContentMD5: createHash('md5').update(body).digest('base64') } : {};
  await client.send(new PutObjectCommand({ ...params, ...md5, Body: body }));
}

export async function getText(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await out.Body!.transformToString('utf8');
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Every object under a prefix, following continuation tokens past 1,000. */
export async function listAll(client: S3Client, bucket: string, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix ? `${prefix}/` : undefined, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? ([] as _Object[])) {
      out.push({ key: o.Key!, size: o.Size ?? 0, lastModified: o.LastModified, storageClass: o.StorageClass });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

export async function deleteKeys(client: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (const key of keys) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

const COPY_LIMIT = 5 * 2 ** 30;
const COPY_PART = 512 * 2 ** 20;

interface CopyRequest {
  bucket: string;
  from: string;
  to: string;
  /** Another bucket on the same endpoint (the second copy); default: the same bucket. */
  toBucket?: string;
  size: number;
  extra?: Omit<PutObjectCommandInput, 'Bucket' | 'Key' | 'Body'>;
}

/**
 * Server-side copy; multipart (UploadPartCopy) above 5 GB, where CopyObject stops. Some S3-compatible servers
 * cannot copy some objects server-side (Ceph before 17: encrypted objects → 501 NotImplemented): then the bytes
 * are streamed through this process instead, through the same multipart upload as a backup.
 */
export async function copyObject(
  client: S3Client,
  o: CopyRequest,
  limits = { copyLimit: COPY_LIMIT, partSize: COPY_PART },
): Promise<'server-side' | 'streamed'> {
  try {
    await serverSideCopy(client, o, limits);
    return 'server-side';
  } catch (err) {
    if (s3ErrorCode(err) !== 'NotImplemented') throw err;
  }
  const source = await client.send(new GetObjectCommand({ Bucket: o.bucket, Key: o.from }));
  const sink = uploadSink(
    client,
    { Bucket: o.toBucket ?? o.bucket, Key: o.to, ...(o.extra ?? {}) },
    { partSize: Math.max(AUTO_MIN_PART, Math.ceil(o.size / 10_000)), queueSize: 2 },
  );
  await pipeline(source.Body as Readable, sink);
  return 'streamed';
}

async function serverSideCopy(
  client: S3Client,
  o: CopyRequest,
  limits = { copyLimit: COPY_LIMIT, partSize: COPY_PART },
): Promise<void> {
  const source = `${o.bucket}/${o.from.split('/').map(encodeURIComponent).join('/')}`;
  const extra = o.extra ?? {};
  if (o.size <= limits.copyLimit) {
    await client.send(
      new CopyObjectCommand({
        Bucket: o.toBucket ?? o.bucket,
        Key: o.to,
        CopySource: source,
        MetadataDirective: 'COPY',
        ...(extra.Tagging ? { Tagging: extra.Tagging, TaggingDirective: 'REPLACE' } : {}),
        ...(extra.StorageClass ? { StorageClass: extra.StorageClass } : {}),
        ...(extra.ServerSideEncryption ? { ServerSideEncryption: extra.ServerSideEncryption } : {}),
        ...(extra.SSEKMSKeyId ? { SSEKMSKeyId: extra.SSEKMSKeyId } : {}),
      }),
    );
    return;
  }
  await multipartCopy(client, o, source, limits.partSize);
}

/** A copy too large for one CopyObject: UploadPartCopy by ranges, aborted on any failure. */
async function multipartCopy(client: S3Client, o: CopyRequest, source: string, partSize: number): Promise<void> {
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: o.toBucket ?? o.bucket, Key: o.to, ...(o.extra ?? {}) }),
  );
  try {
    const parts: { ETag?: string; PartNumber: number }[] = [];
    for (let start = 0, n = 1; start < o.size; start += partSize, n++) {
      const end = Math.min(start + partSize, o.size) - 1;
      const r = await client.send(
        new UploadPartCopyCommand({
          Bucket: o.toBucket ?? o.bucket,
          Key: o.to,
          UploadId,
          PartNumber: n,
          CopySource: source,
          CopySourceRange: `bytes=${start}-${end}`,
        }),
      );
      parts.push({ ETag: r.CopyPartResult?.ETag, PartNumber: n });
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: o.toBucket ?? o.bucket,
        Key: o.to,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (err) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: o.toBucket ?? o.bucket, Key: o.to, UploadId }))
      .catch(() => undefined);
    throw err;
  }
}
