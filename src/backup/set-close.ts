/**
 * The close of a set made by several jobs: every planned member's record read (waited for up to a timeout), the
 * globals taken, the set document written with every member, stored or failed or missing; sets/latest.json moves
 * only when every member is stored (writeSetDocument).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../core/errors.js';
import { plannedDatabases } from '../core/matrix-plan.js';
import type { RunContext } from '../model/context.js';
import type { MemberOutcome, SetResult } from '../model/results.js';
import type { MemberRecord, SetCloseOptions, SetPlan } from '../model/set-plan.js';
import type { SetMember } from '../model/set.js';
import { openEncryption } from '../encryption/encrypt.js';
import { clientFor } from '../s3/client.js';
import { s3ErrorsOf } from '../s3/describe-error.js';
import { getText } from '../s3/objects.js';
import { readMemberRecords, readPlan } from '../store/set-plans.js';
import { setDocument, writeSetDocument, type S3ErrorOf } from './set-document.js';
import { planServer, planTime } from './set-members-run.js';
import { globalsTask, type SetRun } from './set-run.js';
import { writeCopySet } from './copy-set.js';

const POLL_MS = 10_000;
const NOT_ENDED = 'no result: its job did not end (killed, cancelled or not run)';

/** The members' records, asked again every POLL_MS until every planned one has one or the timeout has passed. */
async function awaitRecords(
  s3: S3Client,
  o: SetCloseOptions,
  ctx: RunContext,
  p: { plan: SetPlan; s3Error: S3ErrorOf },
): Promise<Map<string, MemberRecord>> {
  const names = plannedDatabases(p.plan).map((d) => d.name);
  const deadline = Date.now() + o.membersTimeoutSeconds * 1000;
  for (;;) {
    const records = await readMemberRecords(s3, o, p.plan, names, p.s3Error);
    const waiting = names.filter((n) => !records.has(n));
    if (!waiting.length || Date.now() + POLL_MS > deadline) return records;
    ctx.log.info(`set ${p.plan.id}: waiting for ${waiting.join(', ')}`);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, POLL_MS);
      const stop = () => {
        clearTimeout(t);
        resolve();
      };
      ctx.signal.addEventListener('abort', stop, { once: true });
    });
    if (ctx.signal.aborted) throw ctx.signal.reason;
  }
}

export async function closeSet(o: SetCloseOptions, ctx: RunContext): Promise<SetResult> {
  const s3 = clientFor(ctx, o.s3);
  const s3Error = s3ErrorsOf(o.s3);
  const encryptor = o.encryption ? await openEncryption(o.encryption) : undefined;
  const plan = await readPlan(s3, o, o.setId, s3Error);
  const closed = await getText(s3, o.s3.bucket, plan.key).catch((err: unknown) => {
    throw s3Error(err, 'reading', plan.key);
  });
  if (closed !== undefined)
    throw new UserError(`set-id: set ${plan.id} is closed already (s3://${o.s3.bucket}/${plan.key}); plan a new set`);
  const records = await awaitRecords(s3, o, ctx, { plan, s3Error });
  const at = planTime(plan);
  const r: SetRun = {
    o,
    ctx,
    s3,
    server: planServer(plan),
    at,
    encryptor,
    s3Error,
    single: false,
    queueSize: o.queueSize,
  };
  const globals = o.globals ? [await globalsTask(r)()] : [];
  if (ctx.signal.aborted) throw globals[0]?.error ?? ctx.signal.reason;
  const databases: MemberOutcome[] = plannedDatabases(plan).map((d) => {
    const record = records.get(d.name);
    const member: SetMember = record?.member ?? {
      kind: 'database',
      database: d.database,
      name: d.name,
      status: 'failed',
      error: NOT_ENDED,
    };
    const copy = record?.copy && {
      ...record.copy,
      error: record.copy.error ? new Error(record.copy.error) : undefined,
    };
    return { member, ...(copy ? { copy } : {}) };
  });
  const outcomes = [...globals, ...databases];
  const members = outcomes.map((x) => x.member);
  const set = setDocument({
    key: plan.key,
    o,
    server: planServer(plan),
    startedAt: new Date(plan.plannedAt),
    finishedAt: ctx.now(),
    members,
    env: ctx.env,
  });
  await writeSetDocument(s3, o, set, s3Error);
  ctx.log.info(`set: s3://${o.s3.bucket}/${set.key}${set.failed.length ? `, failed: ${set.failed.join(', ')}` : ''}`);
  const copyFailure = await writeCopySet(o, ctx, { set, outcomes, at, single: false });
  return { set, bucket: o.s3.bucket, outcomes, failure: failureOf(set.key, members) ?? copyFailure };
}

function failureOf(key: string, members: SetMember[]): Error | undefined {
  const failed = members.filter((m) => m.status === 'failed');
  if (!failed.length) return undefined;
  const what = failed.map((m) => `${m.kind === 'globals' ? 'the globals' : `"${m.database}"`} (${m.error})`);
  return new UserError(
    `set close: ${failed.length} of ${members.length} members failed or did not end: ${what.join('; ')}. The set ${key} records them and sets/latest.json was not moved`,
  );
}
