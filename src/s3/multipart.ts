/**
 * A CompleteMultipartUpload whose answer was lost. The server completed the object, the client saw a reset and sent
 * the request again: AWS answers the repeat with 200, MinIO, Ceph and others with NoSuchUpload. Whenever a Complete
 * finally fails, we look instead of guessing: HeadObject, and
 *  - the object is there with our size and our multipart ETag (MD5 of the parts' MD5s, "-" and the part count):
 *    the upload succeeded, and the Complete returns as if the answer had arrived;
 *  - something else is there that this run's upload created (our marker in its metadata): it is removed, so no
 *    backup stays without its sidecars;
 *  - nothing is there, or an object that is not ours: the failure stands.
 * A middleware on the client does it, so lib-storage's Upload (and every other multipart upload) gets it unchanged.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  type CompleteMultipartUploadCommandInput,
  type CompleteMultipartUploadCommandOutput,
  type S3Client,
  type HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { isNotFound, shortCode } from './describe-error.js';

/** x-amz-meta-s3-backup-upload: a random value per upload, so an object can be recognised as this run's own. */
export const UPLOAD_MARKER = 's3-backup-upload';

/** The ETag S3 gives a multipart object: MD5 of the concatenated binary MD5s of its parts, "-", the part count. */
export function multipartETag(partETags: string[]): string | undefined {
  const md5 = createHash('md5');
  for (const etag of partETags) {
    const hex = etag.replace(/"/g, '').toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) return undefined; // not an MD5 (e.g. SSE-KMS): cannot be recomputed
    md5.update(Buffer.from(hex, 'hex'));
  }
  return `${md5.digest('hex')}-${partETags.length}`;
}

const plainETag = (etag: string | undefined) => etag?.replace(/"/g, '').toLowerCase();

/** Outputs that were settled by looking after a lost answer (the backup logs it). */
const settledByLooking = new WeakSet<object>();
export function completedByLooking(output: object | undefined): boolean {
  return Boolean(output && settledByLooking.has(output));
}

/** Lines added to an S3 error's message (what was found or cleaned up after it). */
export function addNote(err: unknown, note: string): void {
  if (err && typeof err === 'object') {
    const e = err as { $notes?: string[] };
    e.$notes = [...(e.$notes ?? []), note];
  }
}

interface Tracked {
  marker?: string;
  /** Bytes of each part sent (UploadPart body, UploadPartCopy range). */
  sizes: Map<number, number>;
}

function byteLength(body: unknown): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body);
  const b = body as { byteLength?: number } | undefined;
  return typeof b?.byteLength === 'number' ? b.byteLength : undefined;
}

async function settle(
  client: S3Client,
  input: CompleteMultipartUploadCommandInput,
  tracked: Tracked | undefined,
  failure: unknown,
): Promise<CompleteMultipartUploadCommandOutput | undefined> {
  const where = `s3://${input.Bucket}/${input.Key}`;
  let head: HeadObjectCommandOutput;
  try {
    head = await client.send(new HeadObjectCommand({ Bucket: input.Bucket, Key: input.Key }));
  } catch (err) {
    if (isNotFound(err)) return undefined; // nothing there: the upload did not complete
    const looked = `could not check whether the server completed ${where} anyway (HeadObject: ${shortCode(err)})`;
    // this run's own upload (its key is new): better gone than there without sidecars
    if (tracked?.marker === undefined) addNote(failure, `${looked}; if it exists, it has no sidecars`);
    else await remove(client, input, failure, looked);
    return undefined;
  }
  const parts = input.MultipartUpload?.Parts ?? [];
  const expectedETag = multipartETag(parts.map((p) => p.ETag ?? ''));
  const sizes = parts.map((p) => tracked?.sizes.get(p.PartNumber ?? 0));
  const expectedSize = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a! + b!, 0) : undefined;
  const sameETag = expectedETag !== undefined && plainETag(head.ETag) === expectedETag;
  const sameSize = expectedSize === undefined || head.ContentLength === expectedSize;
  if (sameETag && sameSize) {
    const output: CompleteMultipartUploadCommandOutput = {
      $metadata: { httpStatusCode: 200 },
      Bucket: input.Bucket,
      Key: input.Key,
      ETag: head.ETag,
      ...(head.VersionId ? { VersionId: head.VersionId } : {}),
    };
    settledByLooking.add(output);
    return output;
  }
  const ours = tracked?.marker !== undefined && head.Metadata?.[UPLOAD_MARKER] === tracked.marker;
  if (!ours) {
    addNote(failure, `${where} exists but is not this run's upload: left as it is`);
    return undefined;
  }
  const found =
    `the server had completed ${where} with other content (ETag ${plainETag(head.ETag)}, ${head.ContentLength} bytes; ` +
    `expected ${expectedETag ?? 'an MD5-based ETag'}, ${expectedSize ?? 'unknown'} bytes)`;
  await remove(client, input, failure, found);
  return undefined;
}

async function remove(
  client: S3Client,
  input: CompleteMultipartUploadCommandInput,
  failure: unknown,
  why: string,
): Promise<void> {
  const where = `s3://${input.Bucket}/${input.Key}`;
  try {
    await client.send(new DeleteObjectCommand({ Bucket: input.Bucket, Key: input.Key }));
    addNote(failure, `${why}: removed ${where}`);
  } catch (err) {
    addNote(failure, `${why}, and removing ${where} failed (${shortCode(err)}): delete it, it has no sidecars`);
  }
}

/** Installs the look-after-a-failed-Complete middleware (and the bookkeeping it needs) on a client. */
export function settleLostCompletes(client: S3Client): void {
  const uploads = new Map<string, Tracked>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      switch (context.commandName) {
        case 'CreateMultipartUploadCommand': {
          const result = await next(args);
          const id = (result.output as { UploadId?: string }).UploadId;
          const metadata = input.Metadata as Record<string, string> | undefined;
          if (id) uploads.set(id, { marker: metadata?.[UPLOAD_MARKER], sizes: new Map() });
          return result;
        }
        case 'UploadPartCommand':
        case 'UploadPartCopyCommand': {
          const result = await next(args);
          const range = /^bytes=(\d+)-(\d+)$/.exec(String(input.CopySourceRange ?? ''));
          const size = range ? Number(range[2]) - Number(range[1]) + 1 : byteLength(input.Body);
          if (size !== undefined) uploads.get(String(input.UploadId))?.sizes.set(Number(input.PartNumber), size);
          return result;
        }
        case 'CompleteMultipartUploadCommand': {
          const id = String(input.UploadId);
          try {
            const result = await next(args);
            uploads.delete(id);
            return result;
          } catch (err) {
            const output = await settle(
              client,
              input as unknown as CompleteMultipartUploadCommandInput,
              uploads.get(id),
              err,
            );
            if (!output) throw err;
            uploads.delete(id);
            return { output: output as never, response: undefined };
          }
        }
        case 'AbortMultipartUploadCommand': {
          const result = await next(args);
          uploads.delete(String(input.UploadId));
          return result;
        }
        default:
          return next(args);
      }
    },
    // outside the retry loop: a Complete has failed only when its retries have
    { step: 'initialize', priority: 'low', name: 's3BackupSettleLostCompletes' },
  );
}
