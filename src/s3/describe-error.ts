/** S3 failures → one line with the S3 error code and what to do. */
import { cancellationOf, UserError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { timeoutOf, type TimeoutInfo } from './transport.js';

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  /** What was found or cleaned up after the failure (./multipart.ts, ./upload.ts). */
  $notes?: string[];
}

export function s3ErrorCode(err: unknown): string | undefined {
  const e = err as SdkError;
  // the HTTP handler names ECONNRESET and EPIPE "TimeoutError" (so that they are retried): the code says what happened
  if (e?.name === 'TimeoutError' && e.code && e.code !== 'ETIMEDOUT') return e.code;
  return e?.Code ?? (e?.name && e.name !== 'Error' ? e.name : undefined) ?? e?.code;
}

/** "AccessDenied 403", "403" (a HEAD error has no body, so no code), "ECONNRESET": for notes about a side request. */
export function shortCode(err: unknown): string {
  const code = s3ErrorCode(err);
  const status = (err as SdkError)?.$metadata?.httpStatusCode;
  return [code === 'Unknown' ? undefined : code, status].filter(Boolean).join(' ') || 'error';
}

export function isNotFound(err: unknown): boolean {
  const e = err as SdkError;
  return e?.$metadata?.httpStatusCode === 404 || ['NoSuchKey', 'NotFound'].includes(s3ErrorCode(err) ?? '');
}

export function describeS3Error(
  err: unknown,
  where: { bucket: string; key?: string; endpoint?: string; action: string },
): Error {
  const cancelled = cancellationOf(err);
  if (cancelled) return cancelled;
  if (err instanceof UserError) return err;
  const described = describe(err, where);
  const notes = (err as SdkError)?.$notes;
  if (!notes?.length) return described;
  const message = `${described.message.replace(/\.$/, '')}; ${notes.join('; ')}`;
  return described instanceof UserError
    ? new UserError(message, { cause: err })
    : new Error(redact(message), { cause: err });
}

/** The host (and port) of an endpoint URL, for messages. */
function hostOf(endpoint: string | undefined): string | undefined {
  try {
    return endpoint ? new URL(endpoint).host : undefined;
  } catch {
    return undefined;
  }
}

type Where = { bucket: string; key?: string; endpoint?: string; action: string };

function describe(err: unknown, where: Where): Error {
  const target = `s3://${where.bucket}${where.key ? `/${where.key}` : ''}`;
  const timeout = timeoutOf(err);
  if (timeout) return describeTimeout(err, timeout, where, target);
  const code = s3ErrorCode(err) ?? 'Error';
  const status = (err as SdkError)?.$metadata?.httpStatusCode;
  const tail = `${where.action} ${target} failed (${code}${status ? ` ${status}` : ''})`;
  if (status === 301 || code === 'PermanentRedirect') return new UserError(wrongRegion(err, tail), { cause: err });
  const known = knownCause(code, where, tail);
  if (known) return new UserError(known, { cause: err });
  const msg = (err as SdkError)?.message ?? String(err);
  return new Error(redact(`${tail}: ${msg}`), { cause: err });
}

/** A request that timed out (s3-timeout): which phase, against which peer, after how many attempts. */
function describeTimeout(err: unknown, timeout: TimeoutInfo, where: Where, target: string): UserError {
  const peer = timeout.peer ?? hostOf(where.endpoint) ?? 'S3';
  const seconds = timeout.timeoutMs !== undefined ? `${timeout.timeoutMs / 1000}s` : 'the s3-timeout';
  const attempts = (err as SdkError)?.$metadata?.attempts;
  const tries = attempts && attempts > 1 ? ` on each of ${attempts} attempts` : '';
  const what =
    timeout.phase === 'connect'
      ? `no connection to ${peer} within ${seconds}${tries}`
      : timeout.neverAnswered
        ? `${peer} accepted the connection but sent nothing for ${seconds}`
        : `nothing moved to or from ${peer} for ${seconds}${tries}`;
  return new UserError(
    `${where.action} ${target} failed: ${what} (s3-timeout); check the endpoint and the network, or raise s3-timeout for a slow link`,
    { cause: err },
  );
}

/** The message for an error code whose cause and remedy are known (a user error), else undefined. */
function knownCause(code: string, where: Where, tail: string): string | undefined {
  switch (code) {
    case 'NoSuchBucket':
      return `bucket: "${where.bucket}" does not exist (NoSuchBucket): create it or fix the bucket input`;
    case 'SignatureDoesNotMatch':
    case 'InvalidAccessKeyId':
    case 'InvalidClientTokenId':
    case 'ExpiredToken':
      return `${tail}: S3 rejected the credentials; check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the role assumed)`;
    case 'AccessDenied':
    case 'Forbidden':
      return `${tail}: the credentials lack permission for this; see the least-privilege policy in the README`;
    case 'PreconditionFailed':
    case 'ConditionalRequestConflict':
      return `${tail}: the object was written by another run meanwhile (If-None-Match: * refused this write); nothing was overwritten`;
    case 'InvalidObjectState':
      return `${tail}: the object is in an archive tier (GLACIER or DEEP_ARCHIVE) and must be restored first: run again with --thaw (see thaw-tier)`;
    case 'CredentialsProviderError':
      return `no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use aws-actions/configure-aws-credentials`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return `${tail}: cannot reach ${where.endpoint ?? 'S3'} (${code}); check the endpoint and region inputs`;
    default:
      return undefined;
  }
}

/** describeS3Error bound to one destination: `(err, action, key?)` → the one line. */
export function s3ErrorsOf(s3: { bucket: string; endpoint?: string }) {
  return (err: unknown, action: string, key?: string): Error =>
    describeS3Error(err, { bucket: s3.bucket, key, endpoint: s3.endpoint, action });
}

/** A bucket in another region than the client's: S3 answers 301 and names the bucket's region in a header. */
function wrongRegion(err: unknown, tail: string): string {
  const headers = (err as { $response?: { headers?: Record<string, string | undefined> } })?.$response?.headers;
  const region = headers?.['x-amz-bucket-region'];
  return region
    ? `${tail}: the bucket is in ${region}: set region to ${region} (--region ${region}, or AWS_REGION)`
    : `${tail}: the bucket is in another region, which S3 did not name: set region to the bucket's region (aws s3api get-bucket-location --bucket …)`;
}
