/**
 * A Writable whose bytes become one S3 object through lib-storage's multipart Upload (turborepo-remote-cache's
 * pattern). The caller writes one `await pipeline(source, …, sink)`. If the pipeline fails or is cancelled, the body
 * is destroyed, lib-storage aborts the multipart upload (leavePartsOnError: false), and we wait for that abort to
 * finish before reporting — so no unfinished upload is left behind.
 */
import { PassThrough, Writable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import type { CompleteMultipartUploadCommandOutput, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';

export interface UploadSink extends Writable {
  /** Settles when the object is complete (or the upload failed and was aborted). */
  readonly completed: Promise<CompleteMultipartUploadCommandOutput>;
}

export function uploadSink(
  client: S3Client,
  params: Omit<PutObjectCommandInput, 'Body'>,
  o: { partSize: number; queueSize: number; onProgress?: (uploadedBytes: number) => void },
): UploadSink {
  const body = new PassThrough({ highWaterMark: 1 << 20 });
  const upload = new Upload({
    client,
    params: { ...params, Body: body },
    partSize: o.partSize,
    queueSize: o.queueSize,
    leavePartsOnError: false,
  });
  if (o.onProgress) upload.on('httpUploadProgress', (p) => p.loaded !== undefined && o.onProgress!(p.loaded));
  const completed = upload.done() as Promise<CompleteMultipartUploadCommandOutput>;
  completed.catch(() => undefined);

  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, callback) {
      if (body.write(chunk)) callback();
      else body.once('drain', () => callback());
    },
    final(callback) {
      body.end();
      completed.then(() => callback(), (err: Error) => callback(err));
    },
    destroy(err, callback) {
      if (!body.writableFinished) body.destroy(err ?? new Error('upload cancelled'));
      // wait for lib-storage to abort the multipart upload before the error goes on
      completed.then(
        () => callback(err),
        (uploadErr: Error) => callback(err ?? uploadErr),
      );
    },
  }) as UploadSink;
  // an S3 failure (after the SDK's retries) fails the pipeline, which stops pg_dump
  completed.catch((err: Error) => sink.destroy(err));
  Object.defineProperty(sink, 'completed', { value: completed });
  return sink;
}
