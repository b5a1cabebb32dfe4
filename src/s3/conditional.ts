/**
 * `If-None-Match: *` on a write (PutObject, CompleteMultipartUpload) asks the server to refuse it with 412
 * PreconditionFailed if the key exists: AWS S3 honours it on both; Ceph RGW 16 on PutObject only; fauxqs ignores it.
 * A server that does not implement it either ignores it or refuses the request as not implemented (501
 * NotImplemented, or 400 naming the header): then the same request is sent again without the header, and this client
 * stops sending it. So the header can only ever stop an overwrite, never fail a write that would otherwise succeed.
 * The key claim (claim.ts) is what keeps keys unique everywhere; this is the last guard where the server has it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { s3ErrorCode } from './describe-error.js';

interface SdkError {
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The server does not implement conditional writes (as opposed to: the object exists, 412). */
function refusedAsUnsupported(err: unknown): boolean {
  const status = (err as SdkError)?.$metadata?.httpStatusCode;
  const code = s3ErrorCode(err) ?? '';
  if (status === 501 || code === 'NotImplemented') return true;
  return status === 400 && /if-none-match|conditional/i.test(`${code} ${(err as SdkError)?.message ?? ''}`);
}

interface Request {
  headers: Record<string, string>;
}

function withoutIfNoneMatch<T extends Request>(request: T): T {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'if-none-match'),
  );
  return Object.assign(Object.create(Object.getPrototypeOf(request) as object) as T, request, { headers });
}

/** Adds the fallback to a client: requests that carry If-None-Match keep it until the server refuses it once. */
export function conditionalWriteFallback(client: S3Client): void {
  let unsupported = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as Request | undefined;
      if (!request?.headers || !Object.keys(request.headers).some((h) => h.toLowerCase() === 'if-none-match'))
        return next(args);
      const plain = withoutIfNoneMatch(request);
      if (unsupported) return next({ ...args, request: plain });
      try {
        return await next(args);
      } catch (err) {
        if (!refusedAsUnsupported(err)) throw err;
        unsupported = true;
        return next({ ...args, request: plain });
      }
    },
    // before retries and signing: the request sent again is signed again, without the header
    { step: 'build', name: 'conditionalWriteFallback' },
  );
}
