/**
 * A sink whose destination is not known yet: the stream may start (pg_dump connects, the first bytes are compressed)
 * while the upload's key is still being claimed. The first chunk waits until the destination exists, so nothing is
 * written anywhere before then and memory stays one chunk; from there every chunk, the end and a failure pass through.
 * A destination that never comes (the claim failed) fails the stream with that error, which stops the dump.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export function deferredSink(destination: Promise<Writable>): Writable {
  let gone: Promise<void> | undefined;
  const ready = destination.then((s) => {
    gone = finished(s);
    gone.catch(() => undefined);
    return s;
  });
  ready.catch(() => undefined);
  const sink: Writable = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, callback) {
      ready.then(
        (s) => {
          if (s.write(chunk)) callback();
          else {
            let called = false;
            const done = () => {
              if (called) return;
              called = true;
              s.off('drain', done);
              callback(s.errored ?? null);
            };
            s.once('drain', done);
            gone!.then(done, done);
          }
        },
        (err: Error) => callback(err),
      );
    },
    final(callback) {
      ready.then(
        (s) => {
          s.end();
          gone!.then(
            () => callback(),
            (err: Error) => callback(err),
          );
        },
        (err: Error) => callback(err),
      );
    },
    destroy(err, callback) {
      // a destination that arrives after the stream failed is destroyed too (its upload aborted) before the error goes on
      ready.then(
        (s) => {
          if (!s.destroyed) s.destroy(err ?? undefined);
          gone!.then(
            () => callback(err),
            () => callback(err),
          );
        },
        () => callback(err),
      );
    },
  });
  // the destination failing on its own (an S3 error after its retries) fails the stream, which stops pg_dump
  ready.then(
    () => gone!.catch((err: Error) => sink.destroy(err)),
    () => undefined,
  );
  return sink;
}
