/**
 * age-encryption and OpenPGP.js work on web streams; the pipelines here are Node streams. A stage is a Node Duplex
 * whose writable side feeds the library's input stream and whose readable side is the library's output, with
 * backpressure end to end (nothing is buffered beyond the web streams' one-chunk queues). Errors travel both ways:
 * the library's error (wrong key, damaged data), passed through `mapError`, fails the Node pipeline, and a failing
 * pipeline cancels the library.
 */
import { Duplex } from 'node:stream';
import type { ReadableStream as WebReadable } from 'node:stream/web';

export function webStage(
  start: (input: WebReadable<Uint8Array>) => Promise<WebReadable<Uint8Array>>,
  mapError: (err: unknown) => unknown = (err) => err,
): Duplex {
  const input = new TransformStream<Uint8Array, Uint8Array>();
  const output = new TransformStream<Uint8Array, Uint8Array>();
  start(input.readable as unknown as WebReadable<Uint8Array>)
    // preventAbort: the output fails with the mapped error below, not with the library's raw one
    .then((out) => (out as unknown as ReadableStream<Uint8Array>).pipeTo(output.writable, { preventAbort: true }))
    .catch((err: unknown) => {
      output.writable.abort(mapError(err)).catch(() => undefined);
      input.writable.abort(err).catch(() => undefined);
    });
  return Duplex.fromWeb({ readable: output.readable, writable: input.writable } as never);
}
