/** The plan of a set made by several jobs and its members' records, in the bucket (see core/matrix-plan.ts). */
import type { S3Client } from '@aws-sdk/client-s3';
import { memberRecordKey, parseMemberRecord, parseSetPlan, planKey } from '../core/matrix-plan.js';
import { errorMessage, UserError } from '../core/errors.js';
import type { BackupOptions } from '../model/options.js';
import type { MemberRecord, SetPlan } from '../model/set-plan.js';
import { getText, putText } from '../s3/objects.js';

type S3ErrorOf = (err: unknown, action: string, key?: string) => Error;
type Place = Pick<BackupOptions, 's3' | 'sse' | 'sseKmsKeyId'>;

const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

function putParams(o: Place, key: string) {
  return {
    Bucket: o.s3.bucket,
    Key: key,
    ContentType: 'application/json',
    ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
    ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
  };
}

/** The plan, never over another. */
export async function writePlan(s3: S3Client, o: Place, plan: SetPlan, s3Error: S3ErrorOf): Promise<void> {
  const key = planKey(o.s3.prefix, plan.id);
  await putText(s3, { ...putParams(o, key), IfNoneMatch: '*' }, json(plan)).catch((err: unknown) => {
    throw s3Error(err, 'writing', key);
  });
}

/** The plan of a set id; a UserError naming set-id when there is none. */
export async function readPlan(s3: S3Client, o: Place, id: string, s3Error: S3ErrorOf): Promise<SetPlan> {
  const key = planKey(o.s3.prefix, id);
  const text = await getText(s3, o.s3.bucket, key).catch((err: unknown) => {
    throw s3Error(err, 'reading', key);
  });
  if (text === undefined)
    throw new UserError(
      `set-id: no plan ${id} at s3://${o.s3.bucket}/${key}; run plan first with the same bucket, prefix and environment, and pass its set-id output`,
    );
  try {
    return parseSetPlan(text);
  } catch (err) {
    throw new UserError(`set-id: s3://${o.s3.bucket}/${key} is not a readable plan (${errorMessage(err)})`);
  }
}

/** One member's outcome; a job run again replaces its earlier record. */
export async function writeMemberRecord(s3: S3Client, o: Place, record: MemberRecord, s3Error: S3ErrorOf) {
  const key = memberRecordKey(o.s3.prefix, record.setId, record.member.name);
  await putText(s3, putParams(o, key), json(record)).catch((err: unknown) => {
    throw s3Error(err, 'writing', key);
  });
}

/** The records of the planned members that have one (a member whose job did not end has none). */
export async function readMemberRecords(
  s3: S3Client,
  o: Place,
  plan: SetPlan,
  names: string[],
  s3Error: S3ErrorOf,
): Promise<Map<string, MemberRecord>> {
  const out = new Map<string, MemberRecord>();
  for (const name of names) {
    const key = memberRecordKey(o.s3.prefix, plan.id, name);
    const text = await getText(s3, o.s3.bucket, key).catch((err: unknown) => {
      throw s3Error(err, 'reading', key);
    });
    if (text === undefined) continue;
    try {
      out.set(name, parseMemberRecord(text));
    } catch (err) {
      throw new UserError(`set-id: s3://${o.s3.bucket}/${key} is not a readable member record (${errorMessage(err)})`);
    }
  }
  return out;
}
