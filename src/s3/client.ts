/** The only place that builds an S3 client. Provider quirks are settled here. */
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Options } from '../model/options.js';
import { conditionalWriteFallback } from './conditional.js';
import { settleLostCompletes } from './multipart.js';
import { DEFAULT_TIMEOUT_MS, requestHandler, watchTimeouts } from './transport.js';

export interface S3ClientExtras {
  maxAttempts?: number;
  /** The run's cancellation: every request of this client is aborted with it (see ./transport.ts). */
  signal?: AbortSignal;
}

export function createS3Client(o: S3Options, extra: S3ClientExtras = {}): S3Client {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new S3Client({
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    forcePathStyle: o.forcePathStyle,
    ...(o.credentials ? { credentials: o.credentials } : {}),
    requestChecksumCalculation: o.requestChecksum,
    responseChecksumValidation: o.requestChecksum,
    // parts and sidecars are retried with backoff by the SDK; a dump is never restarted halfway
    maxAttempts: extra.maxAttempts ?? 5,
    // s3-timeout: connect and idle timeouts, and the run's signal on every request
    requestHandler: requestHandler(timeoutMs, extra.signal),
  });
  conditionalWriteFallback(client);
  watchTimeouts(client, timeoutMs);
  settleLostCompletes(client);
  return client;
}

/** The run's client for a destination: the context's seam (the host's, bound to the run's signal) or a new one. */
export function clientFor(ctx: { s3Client?: (o: S3Options) => S3Client }, o: S3Options): S3Client {
  return (ctx.s3Client ?? createS3Client)(o);
}
