/**
 * How every S3 request travels: bounded in time (s3-timeout) and bound to the run's cancellation.
 *
 * - s3-timeout is the connect timeout and the socket idle timeout of @smithy/node-http-handler: a request fails when
 *   no connection is made within it, or when no byte moves either way on its socket for that long. A multipart part
 *   on a slow link is never cut while bytes flow (the handler's requestTimeout, a total deadline, is not used).
 *   Node refreshes a socket's idle timer when a write completes, not while one is in progress: a part handed over
 *   as one 16 MiB write on a slow link looks idle until the whole part is sent. Bodies are therefore written in
 *   64 KiB pieces (the SDK still sees the buffer, so the request stays retryable); once the last piece is handed to
 *   the kernel, what is buffered there must drain and the answer come within s3-timeout.
 * - A request that timed out is retried by the SDK once the endpoint has answered anything on this client; an endpoint
 *   that accepted the connection and never answered fails at the first timeout, instead of five times in a row.
 * - Every read and every part's body gets the run's signal (SIGINT/SIGTERM aborts it at once). DELETE requests
 *   (aborting a multipart upload, removing what a failed run wrote) are the cleanup, and a request that creates an
 *   object or an upload (PutObject, CopyObject, Create/CompleteMultipartUpload) must end before it: abandoned on its
 *   way, it can still land on the server, and nobody would know to remove it. Both keep a few seconds after the
 *   signal to finish.
 */
import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { S3Client } from '@aws-sdk/client-s3';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** How long cleanup requests may still run after the run was cancelled. */
export const CLEANUP_GRACE_MS = 5_000;

type HandleArgs = Parameters<NodeHttpHandler['handle']>;

/** NodeHttpHandler whose requests also stop when the run is cancelled. */
class RunHttpHandler extends NodeHttpHandler {
  constructor(
    options: ConstructorParameters<typeof NodeHttpHandler>[0],
    private readonly run?: { signal: AbortSignal; cleanup: AbortSignal },
  ) {
    super(options);
  }

  override handle(request: HandleArgs[0], options: HandleArgs[1] = {}): ReturnType<NodeHttpHandler['handle']> {
    request = inPieces(request);
    if (!this.run) return super.handle(request, options);
    const bound = request.method === 'DELETE' || createsObject(request) ? this.run.cleanup : this.run.signal;
    const own = options.abortSignal as AbortSignal | undefined;
    const abortSignal = own ? AbortSignal.any([own, bound]) : bound;
    return super.handle(request, { ...options, abortSignal } as HandleArgs[1]);
  }
}

/** A PUT or POST that is not a part's body (UploadPart, UploadPartCopy): its object or upload may outlive an abort. */
function createsObject(request: HandleArgs[0]): boolean {
  return request.method === 'POST' || (request.method === 'PUT' && request.query?.partNumber === undefined);
}

export const PIECE = 64 * 1024;

/** The same request, its body (a buffer larger than PIECE) written as a stream of PIECE-sized writes. */
export function inPieces(request: HandleArgs[0]): HandleArgs[0] {
  const body = request.body as unknown;
  const bytes =
    typeof body === 'string'
      ? Buffer.from(body)
      : body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
        : undefined;
  if (!bytes || bytes.length <= PIECE) return request;
  function* pieces() {
    for (let offset = 0; offset < bytes!.length; offset += PIECE) yield bytes!.subarray(offset, offset + PIECE);
  }
  // a plain copy: the handler reads only the request's fields; the SDK keeps the original for a retry
  return { ...request, body: Readable.from(pieces(), { objectMode: false }) } as HandleArgs[0];
}

/** Aborts CLEANUP_GRACE_MS after `run` aborts. */
function cleanupSignal(run: AbortSignal, graceMs: number): AbortSignal {
  const controller = new AbortController();
  const arm = () => {
    setTimeout(
      () => controller.abort(new Error(`the cleanup after cancellation ran past ${graceMs / 1000}s`)),
      graceMs,
    ).unref();
  };
  if (run.aborted) arm();
  else run.addEventListener('abort', arm, { once: true });
  return controller.signal;
}

export function requestHandler(timeoutMs: number, signal?: AbortSignal, graceMs = CLEANUP_GRACE_MS): NodeHttpHandler {
  return new RunHttpHandler(
    { connectionTimeout: timeoutMs, socketTimeout: timeoutMs },
    signal ? { signal, cleanup: cleanupSignal(signal, graceMs) } : undefined,
  );
}

/** An S3 request that timed out at an endpoint that had never answered: not retried. */
export class S3TimeoutError extends Error {
  override name = 'S3TimeoutError';
  constructor(
    readonly $peer: string,
    readonly $timeoutMs: number,
    readonly $phase: 'connect' | 'idle',
    readonly $neverAnswered: boolean,
  ) {
    super(
      $phase === 'connect'
        ? `no connection to ${$peer} within ${$timeoutMs / 1000}s`
        : `nothing received from ${$peer} for ${$timeoutMs / 1000}s`,
    );
  }
}

export interface TimeoutInfo {
  peer?: string;
  timeoutMs?: number;
  phase: 'connect' | 'idle';
  neverAnswered: boolean;
}

interface Annotated {
  name?: string;
  code?: string;
  message?: string;
  $peer?: string;
  $timeoutMs?: number;
  $phase?: 'connect' | 'idle';
  $neverAnswered?: boolean;
}

/**
 * Whether an error is a connect or idle timeout. The handler also names ECONNRESET and EPIPE "TimeoutError" (so the
 * SDK retries them): those are resets, not timeouts.
 */
export function timeoutOf(err: unknown): TimeoutInfo | undefined {
  const e = err as Annotated | undefined;
  if (!e) return undefined;
  const isTimeout = e.name === 'S3TimeoutError' || (e.name === 'TimeoutError' && (!e.code || e.code === 'ETIMEDOUT'));
  if (!isTimeout) return undefined;
  const phase = e.$phase ?? (/establish a connection|connect ETIMEDOUT/.test(e.message ?? '') ? 'connect' : 'idle');
  return { peer: e.$peer, timeoutMs: e.$timeoutMs, phase, neverAnswered: e.$neverAnswered ?? false };
}

interface Transport {
  timeoutMs: number;
  /** host[:port] of the last request sent. */
  peer?: string;
}

const transports = new WeakMap<S3Client, Transport>();

/** The client's timeout and peer, for errors raised outside the SDK's middleware (a response body that stalls). */
export function transportOf(client: S3Client): Transport | undefined {
  return transports.get(client);
}

/** Names the peer and the timeout on timeout errors, and stops the retries of an endpoint that never answered. */
export function watchTimeouts(client: S3Client, timeoutMs: number): void {
  const transport: Transport = { timeoutMs };
  transports.set(client, transport);
  let answered = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname?: string; port?: number };
      const peer = `${request.hostname ?? 'S3'}${request.port ? `:${request.port}` : ''}`;
      transport.peer = peer;
      try {
        const out = await next(args);
        answered = true;
        return out;
      } catch (err) {
        const timeout = timeoutOf(err);
        if (!timeout) throw err;
        if (!answered) throw new S3TimeoutError(peer, timeoutMs, timeout.phase, true);
        throw Object.assign(err as Error, { $peer: peer, $timeoutMs: timeoutMs, $phase: timeout.phase });
      }
    },
    // inside the retry loop and below the deserializer: sees every attempt, and only transport failures as errors
    { step: 'deserialize', priority: 'low', name: 's3BackupTimeouts' },
  );
}
