/** S3 failures → one line with the S3 error code and what to do. */
import { UserError } from '../errors.js';
import { redact } from '../redact.js';

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function s3ErrorCode(err: unknown): string | undefined {
  const e = err as SdkError;
  return e?.Code ?? (e?.name && e.name !== 'Error' ? e.name : undefined) ?? e?.code;
}

export function isNotFound(err: unknown): boolean {
  const e = err as SdkError;
  return e?.$metadata?.httpStatusCode === 404 || ['NoSuchKey', 'NotFound'].includes(s3ErrorCode(err) ?? '');
}

export function describeS3Error(err: unknown, where: { bucket: string; key?: string; endpoint?: string; action: string }): Error {
  if (err instanceof UserError) return err;
  const code = s3ErrorCode(err) ?? 'Error';
  const status = (err as SdkError)?.$metadata?.httpStatusCode;
  const target = `s3://${where.bucket}${where.key ? `/${where.key}` : ''}`;
  const tail = `${where.action} ${target} failed (${code}${status ? ` ${status}` : ''})`;
  const msg = (err as SdkError)?.message ?? String(err);
  switch (code) {
    case 'NoSuchBucket':
      return new UserError(`bucket: "${where.bucket}" does not exist (NoSuchBucket): create it or fix the bucket input`, { cause: err });
    case 'SignatureDoesNotMatch':
    case 'InvalidAccessKeyId':
    case 'InvalidClientTokenId':
    case 'ExpiredToken':
      return new UserError(`${tail}: S3 rejected the credentials; check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the role assumed)`, { cause: err });
    case 'AccessDenied':
    case 'Forbidden':
      return new UserError(`${tail}: the credentials lack permission for this; see the least-privilege policy in the README`, { cause: err });
    case 'PreconditionFailed':
    case 'ConditionalRequestConflict':
      return new UserError(`${tail}: the object was written by another run meanwhile (If-None-Match: * refused this write); nothing was overwritten`, { cause: err });
    case 'CredentialsProviderError':
      return new UserError(`no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use aws-actions/configure-aws-credentials`, { cause: err });
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return new UserError(`${tail}: cannot reach ${where.endpoint ?? 'S3'} (${code}); check the endpoint and region inputs`, { cause: err });
    default:
      return new Error(redact(`${tail}: ${msg}`), { cause: err });
  }
}
