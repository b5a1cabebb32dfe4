/**
 * The set document of a run, written once every member has ended (stored or failed), under a claimed key, never over
 * another; then sets/latest.json, only when no member failed.
 */
import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { latestSetPointerKey, type NamedLatestPointer, SET_SCHEMA, SET_VERSION, setKey } from '../core/set-format.js';
import type { SetMember } from '../model/set.js';
import type { BackupSet } from '../model/set.js';
import { TOOL_VERSION } from '../core/version.js';
import { githubContext } from '../core/manifest.js';
import type { BackupOptions } from '../model/options.js';
import type { ServerInfo } from '../model/catalog.js';
import { claimBackupKey, type ClaimStep, type KeyClaim } from '../store/claims.js';
import { putText } from '../s3/objects.js';

export type S3ErrorOf = (err: unknown, action: string, key?: string) => Error;

/** Claims the set's key at the start of the run: a second run in the same second takes _2. */
export async function claimSetKey(
  s3: S3Client,
  o: BackupOptions,
  at: Date,
  signal: AbortSignal,
  s3Error: S3ErrorOf,
): Promise<KeyClaim> {
  try {
    return await claimBackupKey(s3, {
      bucket: o.s3.bucket,
      keyFor: (seq) => setKey({ prefix: o.s3.prefix, environment: o.environment, at, seq }),
      signal,
      put: {
        ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
        ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
      },
    });
  } catch (err) {
    const at = err as ClaimStep;
    throw s3Error(err, at.claimAction === 'writing' ? 'writing the claim' : 'listing', at.claimKey ?? o.s3.prefix);
  }
}

export function setDocument(p: {
  key: string;
  o: BackupOptions;
  server: ServerInfo;
  startedAt: Date;
  finishedAt: Date;
  members: SetMember[];
  env: Record<string, string | undefined>;
}): BackupSet {
  return {
    schema: SET_SCHEMA,
    version: SET_VERSION,
    tool: { name: 's3-backup', version: TOOL_VERSION },
    key: p.key,
    environment: p.o.environment,
    server: { host: p.o.connection.host, serverVersion: p.server.version, serverMajor: p.server.major },
    startedAt: p.startedAt.toISOString(),
    finishedAt: p.finishedAt.toISOString(),
    members: p.members,
    failed: p.members.filter((m) => m.status === 'failed').map((m) => m.name),
    github: githubContext(p.env),
  };
}

/** The document (never over another), then sets/latest.json when the set is complete. */
export async function writeSetDocument(s3: S3Client, o: BackupOptions, doc: BackupSet, s3Error: S3ErrorOf) {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const common = {
    Bucket: o.s3.bucket,
    ContentType: 'application/json',
    ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
    ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
  } as const;
  try {
    await putText(s3, { ...common, Key: doc.key, IfNoneMatch: '*' }, text);
  } catch (err) {
    throw s3Error(err, 'writing', doc.key);
  }
  if (doc.failed.length) return;
  const pointer: NamedLatestPointer = {
    schema: 's3-backup/latest',
    key: doc.key,
    sha256: createHash('sha256').update(text).digest('hex'),
    size: Buffer.byteLength(text),
    finishedAt: doc.finishedAt,
  };
  const latest = latestSetPointerKey(o.s3.prefix);
  try {
    await putText(s3, { ...common, Key: latest }, `${JSON.stringify(pointer, null, 2)}\n`);
  } catch (err) {
    throw s3Error(err, 'writing', latest);
  }
}
