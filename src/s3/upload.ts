/**
 * A Writable whose bytes become one S3 object through lib-storage's multipart Upload (turborepo-remote-cache's
 * pattern). The caller writes one `await pipeline(source, …, sink)`. If the pipeline fails or is cancelled, the body
 * is destroyed, the multipart upload is aborted, and we wait for that abort to finish before reporting — so no
 * unfinished upload is left behind, and when one is (the abort itself failed), the error says which.
 *
 * The abort is ours, not lib-storage's (leavePartsOnError: true): lib-storage lets a failed abort replace the
 * original error, and would not tell whether the abort worked. A Complete whose answer was lost is settled by
 * looking (./multipart.ts); the marker in the object's metadata lets it recognise this upload's object.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  type CompleteMultipartUploadCommandOutput,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { noteCleanup } from '../core/errors.js';
import { isNotFound, s3ErrorCode, shortCode } from './describe-error.js';
import { addNote, UPLOAD_MARKER } from './multipart.js';
import { CLEANUP_GRACE_MS } from './transport.js';

export interface UploadSink extends Writable {
  /** Settles when the object is complete (or the upload failed and was aborted). */
  readonly completed: Promise<CompleteMultipartUploadCommandOutput>;
}

export function uploadSink(
  client: S3Client,
  params: Omit<PutObjectCommandInput, 'Body'>,
  o: { partSize: number; queueSize: number; onProgress?: (uploadedBytes: number) => void; signal?: AbortSignal },
): UploadSink {
  const body = new PassThrough({ highWaterMark: 1 << 20 });
  const upload = new Upload({
    client,
    params: { ...params, Metadata: { ...params.Metadata, [UPLOAD_MARKER]: randomUUID() }, Body: body },
    partSize: o.partSize,
    queueSize: o.queueSize,
    leavePartsOnError: true,
  });
  if (o.onProgress) upload.on('httpUploadProgress', (p) => p.loaded !== undefined && o.onProgress!(p.loaded));
  const completed = (upload.done() as Promise<CompleteMultipartUploadCommandOutput>).catch(async (err: unknown) => {
    // lib-storage has settled every part request by now: nothing races the abort
    if (upload.uploadId) await abortUpload(client, params, upload.uploadId, err, o.signal);
    throw err;
  });
  completed.catch(() => undefined);

  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, callback) {
      if (body.write(chunk)) callback();
      else body.once('drain', () => callback());
    },
    final(callback) {
      body.end();
      completed.then(
        () => callback(),
        (err: Error) => callback(err),
      );
    },
    destroy(err, callback) {
      if (!body.writableFinished) body.destroy(err ?? new Error('upload cancelled'));
      // stopped before the caller heard of success: an upload that completes anyway (its last request was already on
      // its way) leaves an object nothing names, which is removed before the error goes on
      const unannounced = Boolean(err) && !sink.writableFinished;
      // wait for the multipart upload to be aborted before the error goes on
      completed.then(
        async () => {
          if (unannounced) await removeCompleted(client, params, err, o.signal);
          callback(err);
        },
        (uploadErr: Error) => callback(err ?? uploadErr),
      );
    },
  }) as UploadSink;
  // an S3 failure (after the SDK's retries) fails the pipeline, which stops pg_dump
  completed.catch((err: Error) => sink.destroy(err));
  Object.defineProperty(sink, 'completed', { value: completed });
  return sink;
}

async function removeCompleted(
  client: S3Client,
  params: Omit<PutObjectCommandInput, 'Body'>,
  failure: unknown,
  signal?: AbortSignal,
): Promise<void> {
  const where = `s3://${params.Bucket}/${params.Key}`;
  try {
    await client.send(new DeleteObjectCommand({ Bucket: params.Bucket, Key: params.Key }));
    noteCleanup(signal, `the upload completed as the run stopped, and ${where} was removed`);
  } catch (err) {
    const line = `the upload completed as the run stopped, and removing ${where} failed (${shortCode(err)}): delete it, it has no sidecars`;
    addNote(failure, line);
    noteCleanup(signal, line);
  }
}

async function abortUpload(
  client: S3Client,
  params: Omit<PutObjectCommandInput, 'Body'>,
  uploadId: string,
  failure: unknown,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await client.send(new AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId }));
  } catch (err) {
    // already gone: completed and removed by ./multipart.ts, or never there
    if (!(isNotFound(err) || s3ErrorCode(err) === 'NoSuchUpload')) {
      const why =
        s3ErrorCode(err) === 'AbortError'
          ? `no answer within ${CLEANUP_GRACE_MS / 1000}s of the cancellation`
          : (s3ErrorCode(err) ?? 'error');
      const line =
        `the unfinished multipart upload ${uploadId} of s3://${params.Bucket}/${params.Key} could not be aborted ` +
        `(${why}): abort it, or let a lifecycle rule (AbortIncompleteMultipartUpload) remove it`;
      addNote(failure, line);
      noteCleanup(signal, line);
      return;
    }
  }
  noteCleanup(signal, 'the unfinished upload was aborted', { nothingWritten: true });
}
