/**
 * One stream, two uploads: every chunk goes to the primary sink and to the copy's, and the next chunk is taken only
 * once both have accepted it (the slower upload sets the pace; memory stays bounded by their buffers).
 *
 * The two are not equal. The primary failing fails the stream (and the copy's upload is aborted with it). The copy
 * failing never touches the primary: the copy is dropped (its upload aborted by its own sink), `onCopyError` is told
 * once, and the stream goes on to the primary alone.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Resolves when `s` took the chunk (at once, or after 'drain'), or when `s` is gone (ended, failed, destroyed). */
function handTo(s: Writable, chunk: Buffer, gone: Promise<unknown>): Promise<void> {
  if (s.destroyed || s.writableEnded) return Promise.resolve();
  if (s.write(chunk)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      s.off('drain', done);
      resolve();
    };
    s.once('drain', done);
    gone.then(done, done);
  });
}

export function teeSink(primary: Writable, copy: Writable, onCopyError: (err: Error) => void): Writable {
  let copyFailed = false;
  const copyGone = finished(copy).then(
    () => undefined,
    (err: Error) => {
      copyFailed = true;
      onCopyError(err);
    },
  );
  const primaryGone = finished(primary);
  primaryGone.catch(() => undefined);
  const tee: Writable = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, callback) {
      Promise.all([handTo(primary, chunk, primaryGone), copyFailed ? undefined : handTo(copy, chunk, copyGone)]).then(
        () => callback(primary.errored ?? null),
        callback,
      );
    },
    final(callback) {
      primary.end();
      if (!copyFailed && !copy.destroyed) copy.end();
      // both settle: the primary's verdict is the stream's, the copy's was told to onCopyError
      Promise.all([primaryGone, copyGone]).then(
        () => callback(),
        (err: Error) => callback(err),
      );
    },
    destroy(err, callback) {
      if (!primary.destroyed) primary.destroy(err ?? undefined);
      if (!copy.destroyed) copy.destroy(err ?? undefined);
      // wait for both multipart uploads to be aborted before the error goes on
      Promise.allSettled([primaryGone, copyGone]).then(() => callback(err));
    },
  });
  // the primary failing on its own (an S3 error after its retries) fails the stream, which stops pg_dump
  primaryGone.catch((err: Error) => tee.destroy(err));
  return tee;
}
