/** The only place that builds an S3 client. Provider quirks (issue 4) are settled here. */
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Options } from '../options/parse.js';
import { conditionalWriteFallback } from './conditional.js';

export function createS3Client(o: S3Options, extra: { maxAttempts?: number } = {}): S3Client {
  const client = new S3Client({
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    forcePathStyle: o.forcePathStyle,
    requestChecksumCalculation: o.requestChecksum,
    responseChecksumValidation: o.requestChecksum,
    // parts and sidecars are retried with backoff by the SDK; a dump is never restarted halfway
    maxAttempts: extra.maxAttempts ?? 5,
  });
  conditionalWriteFallback(client);
  return client;
}
