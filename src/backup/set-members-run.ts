/**
 * One job of a set made by several jobs: its group of the planned databases, each a backup like any other under the
 * set's time, each outcome recorded beside the plan. The set document is the close step's (backup/set-close.ts).
 */
import { oneLine, UserError } from '../core/errors.js';
import { MEMBER_SCHEMA, parseSetId, stampTime } from '../core/matrix-plan.js';
import type { RunContext } from '../model/context.js';
import type { ServerInfo } from '../model/catalog.js';
import type { BackupOptions } from '../model/options.js';
import type { CopyOutcome, MemberOutcome, SetResult } from '../model/results.js';
import type { MemberRecord, SetPlan } from '../model/set-plan.js';
import { openEncryption } from '../encryption/encrypt.js';
import { clientFor } from '../s3/client.js';
import { s3ErrorsOf } from '../s3/describe-error.js';
import { readPlan, writeMemberRecord } from '../store/set-plans.js';
import type { PlannedDatabase } from './set-databases.js';
import { setDocument } from './set-document.js';
import { databaseTask, pool, type SetRun } from './set-run.js';

/** The server as the plan found it. */
export const planServer = (plan: SetPlan): ServerInfo => ({
  version: plan.server.serverVersion,
  versionNum: 0,
  major: plan.server.serverMajor,
  databaseSize: 0,
});

/** The time in the members' keys: the set's, as in a set of one run. */
export const planTime = (plan: SetPlan): Date => stampTime(parseSetId(plan.id)!.stamp);

/** This job's databases: the ones given, each of them planned in the set. */
function groupOf(o: BackupOptions, plan: SetPlan): PlannedDatabase[] {
  if (o.databases.kind !== 'list')
    throw new UserError(
      "databases: with set-id, give this job's group: the databases of its matrix entry (${{ matrix.databases }})",
    );
  const planned = plan.groups.flatMap((g) => g.databases);
  const names = o.databases.names.filter((n) => !o.excludeDatabases.includes(n));
  const unknown = names.filter((n) => !planned.some((d) => d.database === n));
  if (unknown.length)
    throw new UserError(
      `databases: ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not planned in set ${plan.id} (it plans ${planned.map((d) => d.database).join(', ')}); pass the matrix entry's databases`,
    );
  return planned.filter((d) => names.includes(d.database)).map((d) => ({ database: d.database, name: d.name }));
}

export async function backupPlannedMembers(o: BackupOptions, setId: string, ctx: RunContext): Promise<SetResult> {
  const s3 = clientFor(ctx, o.s3);
  const s3Error = s3ErrorsOf(o.s3);
  const encryptor = o.encryption ? await openEncryption(o.encryption) : undefined;
  const plan = await readPlan(s3, o, setId, s3Error);
  const databases = groupOf(o, plan);
  const at = planTime(plan);
  const parallel = Math.min(o.jobs, databases.length);
  ctx.log.info(`set ${plan.id}: ${databases.map((d) => d.database).join(', ')}, ${parallel} at a time`);
  const mo: BackupOptions = { ...o, globals: false };
  const queueSize = Math.max(1, Math.floor(o.queueSize / parallel));
  const r: SetRun = { o: mo, ctx, s3, server: planServer(plan), at, encryptor, s3Error, single: false, queueSize };
  const tasks = databases.map((d) => async (): Promise<MemberOutcome> => {
    const startedAt = ctx.now().toISOString();
    const outcome = await databaseTask(r, d)();
    if (ctx.signal.aborted) return outcome;
    const record = {
      schema: MEMBER_SCHEMA,
      setId: plan.id,
      startedAt,
      finishedAt: ctx.now().toISOString(),
      member: outcome.member,
      ...copyRecord(outcome.result?.copy),
    };
    try {
      await writeMemberRecord(s3, o, record, s3Error);
    } catch (err) {
      ctx.log.warning(`database "${d.database}": its record was not written: ${oneLine(err)}`);
      return { ...outcome, error: outcome.error ?? err };
    }
    return outcome;
  });
  const outcomes = await pool(tasks, parallel);
  if (ctx.signal.aborted) throw outcomes.find((x) => x.error)?.error ?? ctx.signal.reason;
  const members = outcomes.map((x) => x.member);
  const set = setDocument({
    key: plan.key,
    o,
    server: planServer(plan),
    startedAt: at,
    finishedAt: ctx.now(),
    members,
    env: ctx.env,
  });
  return { set, bucket: o.s3.bucket, outcomes, failure: failureOf(plan, outcomes) };
}

function failureOf(plan: SetPlan, outcomes: MemberOutcome[]): Error | undefined {
  const failed = outcomes.filter((x) => x.error);
  if (!failed.length) return undefined;
  const what = failed.map((x) => `"${x.member.database}" (${x.member.error ?? oneLine(x.error)})`);
  return new UserError(
    `backup: ${failed.length} of ${outcomes.length} databases of set ${plan.id} failed: ${what.join('; ')}. The others are stored; the close step records the failure`,
  );
}

/** A member's copy as its record keeps it (the error as its message). */
function copyRecord(copy: CopyOutcome | undefined): Pick<MemberRecord, 'copy'> {
  if (!copy) return {};
  return {
    copy: {
      status: copy.status,
      ...(copy.key ? { key: copy.key } : {}),
      ...(copy.error ? { error: copy.error.message } : {}),
    },
  };
}
