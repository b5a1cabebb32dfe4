/** Small object operations: sidecars, pointers, listings, copies, downloads. */
import { open, type FileHandle } from 'node:fs/promises';
import { addAbortSignal, type Readable } from 'node:stream';
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
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCopyCommand,
  type PutObjectCommandInput,
  type S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { errorMessage, UserError } from '../core/errors.js';
import { isNotFound, s3ErrorCode } from './errors.js';
import { timeoutOf, transportOf } from './transport.js';
import { uploadSink } from './upload.js';

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified?: Date;
  storageClass?: string;
}

export async function headObject(client: S3Client, bucket: string, key: string) {
  try {
    return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

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

/**
 * Server-side copy; multipart (UploadPartCopy) above 5 GB, where CopyObject stops. Some S3-compatible servers
 * cannot copy some objects server-side (Ceph before 17: encrypted objects → 501 NotImplemented): then the bytes
 * are streamed through this process instead, through the same multipart upload as a backup.
 */
export async function copyObject(
  client: S3Client,
  o: {
    bucket: string;
    from: string;
    to: string;
    size: number;
    extra?: Omit<PutObjectCommandInput, 'Bucket' | 'Key' | 'Body'>;
  },
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
    { Bucket: o.bucket, Key: o.to, ...(o.extra ?? {}) },
    { partSize: Math.max(AUTO_MIN_PART, Math.ceil(o.size / 10_000)), queueSize: 2 },
  );
  await pipeline(source.Body as Readable, sink);
  return 'streamed';
}

async function serverSideCopy(
  client: S3Client,
  o: {
    bucket: string;
    from: string;
    to: string;
    size: number;
    extra?: Omit<PutObjectCommandInput, 'Bucket' | 'Key' | 'Body'>;
  },
  limits = { copyLimit: COPY_LIMIT, partSize: COPY_PART },
): Promise<void> {
  const source = `${o.bucket}/${o.from.split('/').map(encodeURIComponent).join('/')}`;
  const extra = o.extra ?? {};
  if (o.size <= limits.copyLimit) {
    await client.send(
      new CopyObjectCommand({
        Bucket: o.bucket,
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
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: o.bucket, Key: o.to, ...extra }));
  try {
    const parts: { ETag?: string; PartNumber: number }[] = [];
    for (let start = 0, n = 1; start < o.size; start += limits.partSize, n++) {
      const end = Math.min(start + limits.partSize, o.size) - 1;
      const r = await client.send(
        new UploadPartCopyCommand({
          Bucket: o.bucket,
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
      new CompleteMultipartUploadCommand({ Bucket: o.bucket, Key: o.to, UploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (err) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: o.bucket, Key: o.to, UploadId }))
      .catch(() => undefined);
    throw err;
  }
}

export interface DownloadOptions {
  /** Attempts in a row that may bring no new byte before the download fails (default 5). */
  maxRetries?: number;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told of every resume. */
  onResume?: (r: { bytes: number; total?: number; attempt: number; reason: string }) => void;
}

/**
 * Streams an object to a file, hashing on the way. A body that breaks (a reset, a stall past s3-timeout, a connection
 * closed early) is resumed from the last byte written: GetObject with Range: bytes=N- and If-Match: the ETag first
 * seen, so a replaced object is never stitched to the old one. Bytes are hashed as they are written to the file, each
 * exactly once and in order, so the hash is the final file's.
 */
export async function downloadToFile(
  client: S3Client,
  bucket: string,
  key: string,
  file: string,
  signal?: AbortSignal,
  onProgress?: (bytes: number) => void,
  o: DownloadOptions = {},
): Promise<{ bytes: number; sha256: string; resumes: number }> {
  const maxRetries = o.maxRetries ?? 5;
  const sleep = o.sleep ?? abortableSleep;
  const out = new HashingFile(file, await open(file, 'w', 0o600), onProgress);
  let etag: string | undefined;
  let total: number | undefined;
  let resumes = 0;
  let stuck = 0;
  try {
    for (;;) {
      const from = out.bytes;
      const res = await client
        .send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(etag ? { Range: `bytes=${from}-`, IfMatch: etag } : {}),
          }),
          { abortSignal: signal },
        )
        .catch((err) => {
          if (
            etag &&
            (s3ErrorCode(err) === 'PreconditionFailed' ||
              (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412)
          ) {
            throw new UserError(
              `s3://${bucket}/${key} was replaced during the download (its ETag is no longer ${etag}): run again`,
              { cause: err },
            );
          }
          throw err;
        });
      if (etag === undefined) {
        etag = res.ETag;
        total = res.ContentLength;
      } else {
        const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? '');
        if (!range || Number(range[1]) !== from || (total !== undefined && Number(range[3]) !== total)) {
          (res.Body as Readable | undefined)?.destroy();
          throw new Error(
            `resuming s3://${bucket}/${key} at byte ${from}: the server answered ${res.ContentRange ? `Content-Range ${res.ContentRange}` : 'without a Content-Range'}`,
          );
        }
      }
      try {
        // each chunk is on disk before the next is read: what was received before a break is kept
        const body = signal ? addAbortSignal(signal, res.Body as Readable) : (res.Body as Readable);
        for await (const chunk of body) await out.write(chunk as Buffer);
        if (total !== undefined && out.bytes < total)
          throw new BrokenBody(`the connection closed after ${out.bytes} of ${total} bytes`);
        break;
      } catch (err) {
        (res.Body as Readable | undefined)?.destroy();
        if (signal?.aborted) throw signal.reason ?? err;
        if (err instanceof DiskError || !etag) throw err;
        if (total !== undefined && out.bytes >= total) break; // every byte arrived before the connection broke
        // attempts in a row that brought nothing: bounded, and each waits twice as long as the one before
        stuck = out.bytes > from ? 0 : stuck + 1;
        if (stuck > maxRetries) throw err;
        resumes++;
        o.onResume?.({
          bytes: out.bytes,
          total,
          attempt: resumes,
          reason: describeBreak(err, transportOf(client)?.timeoutMs),
        });
        await sleep(Math.min(200 * 2 ** Math.max(0, stuck - 1), 10_000), signal);
      }
    }
  } catch (err) {
    annotateTimeout(client, err);
    throw err;
  } finally {
    await out.close();
  }
  return { bytes: out.bytes, sha256: out.digest(), resumes };
}

class BrokenBody extends Error {
  override name = 'BrokenBody';
}

/** A failure writing the local file (a full disk): never retried. */
class DiskError extends UserError {
  override name = 'DiskError';
}

function describeBreak(err: unknown, timeoutMs?: number): string {
  const e = err as { code?: string; name?: string; message?: string };
  if (timeoutOf(err))
    return `nothing received for ${timeoutMs !== undefined ? `${timeoutMs / 1000}s` : 'the s3-timeout'}`;
  return [e.code, e.message].filter(Boolean).join(': ') || String(err);
}

/** A stalled body fails outside the SDK's middleware: name the peer and the timeout as ./transport.ts does. */
function annotateTimeout(client: S3Client, err: unknown): void {
  const transport = transportOf(client);
  if (!transport || !timeoutOf(err) || typeof err !== 'object' || err === null) return;
  const e = err as { $peer?: string; $timeoutMs?: number };
  e.$peer ??= transport.peer;
  e.$timeoutMs ??= transport.timeoutMs;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The file being downloaded: bytes are counted and hashed once they are written, at their own offset. */
class HashingFile {
  bytes = 0;
  private readonly hash = createHash('sha256');
  constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
    private readonly onProgress?: (bytes: number) => void,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    try {
      for (let offset = 0; offset < chunk.length; ) {
        const { bytesWritten } = await this.handle.write(chunk, offset, chunk.length - offset, this.bytes + offset);
        offset += bytesWritten;
      }
    } catch (err) {
      throw new DiskError(`writing ${this.file} failed: ${errorMessage(err)}`, { cause: err });
    }
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onProgress?.(this.bytes);
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
