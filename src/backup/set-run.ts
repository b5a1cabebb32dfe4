/**
 * A backup set: the globals and every chosen database, each a backup like any other (the single-database backup,
 * called once a database), up to `jobs` at once; one member failing loses none of the others. The set document then
 * records every member, stored or failed; the run fails naming the failed ones.
 */
import { plural } from '../core/format.js';
import type { MemberOutcome } from '../model/results.js';
import type { SetResult } from '../model/results.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { GLOBALS_NAME, latestNamePointerKey } from '../core/set-format.js';
import type { SetMember } from '../model/set.js';
import type { BackupSet } from '../model/set.js';
import type { RunContext } from '../model/context.js';
import { oneLine, UserError } from '../core/errors.js';
import { openEncryption, type Encryptor } from '../encryption/encrypt.js';
import type { BackupOptions } from '../model/options.js';
import type { ServerInfo } from '../model/catalog.js';
import { clientFor } from '../s3/client.js';
import { s3ErrorsOf } from '../s3/describe-error.js';
import { backup } from './database.js';
import { planDatabases, type Handover, type PlannedDatabase } from './set-databases.js';
import type { PgClient } from '../postgres/introspect.js';
import type { GlobalsAccess } from '../postgres/admin.js';
import { claimSetKey, setDocument, writeSetDocument, type S3ErrorOf } from './set-document.js';
import { writeCopySet } from './copy-set.js';
import { backupGlobals } from './globals-backup.js';
import { latch, sideBySide, type Side } from './side-by-side.js';
import { prune, pruneText } from '../retention/prune.js';
import { probeAhead } from '../postgres/tools.js';

/** Runs `tasks` with at most `limit` at once, in order. */
export async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

export interface SetRun {
  o: BackupOptions;
  ctx: RunContext;
  s3: S3Client;
  server: ServerInfo;
  at: Date;
  encryptor?: Encryptor;
  s3Error: S3ErrorOf;
  single: boolean;
  /** Each database's share of queue-size: memory stays bounded as for one backup. */
  queueSize: number;
  /** One database: opens once its pg_dump has started (or it failed); the globals and the set's claim wait for it. */
  dumpStarted?: ReturnType<typeof latch>;
  /** One database: the connection that found the server, for its snapshot. */
  connection?: () => PgClient | undefined;
  /** What pg_dumpall may read, as the set's connection found it. */
  globalsAccess?: GlobalsAccess;
}

export function databaseTask(r: SetRun, db: PlannedDatabase, side?: Side): () => Promise<MemberOutcome> {
  return async () => {
    const base: SetMember = { kind: 'database', database: db.database, name: db.name, status: 'ok' };
    const o: BackupOptions = {
      ...r.o,
      connection: { ...r.o.connection, database: db.database },
      name: db.name,
      queueSize: r.queueSize,
      latestCopy: r.single && r.o.latestCopy,
      audit: r.single && r.o.audit,
    };
    try {
      const pointers = r.single ? undefined : [latestNamePointerKey(r.o.s3.prefix, db.name)];
      const result = await backup(o, r.ctx, {
        keyAt: r.at,
        pointers,
        label: r.single ? undefined : db.name,
        beforePointers: side?.beforePointers,
        server: r.server,
        dumping: r.dumpStarted?.open,
        connection: r.connection,
      });
      const m = result.manifest;
      return {
        // the object at the key (a multi-stream backup's schema part; its manifest names the data parts)
        member: { ...base, key: result.key, sha256: result.sha256, size: m.size, snapshot: m.snapshot },
        result,
      };
    } catch (err) {
      side?.failed(err);
      if (!r.single) r.ctx.log.warning(`database "${db.database}" failed: ${oneLine(err)}`, 'Database not backed up');
      return { member: { ...base, status: 'failed', error: oneLine(err) }, error: err };
    } finally {
      r.dumpStarted?.open();
    }
  };
}

export function globalsTask(r: SetRun, side?: Side): () => Promise<MemberOutcome> {
  return async () => {
    const base: SetMember = { kind: 'globals', database: GLOBALS_NAME, name: GLOBALS_NAME, status: 'ok' };
    try {
      // the globals are small: the database's dump starts first, and they are dumped while it runs
      await r.dumpStarted?.promise;
      if (r.ctx.signal.aborted) throw r.ctx.signal.reason;
      const g = await backupGlobals(r.o, r.ctx, {
        ...r,
        keyAt: r.at,
        beforePointers: side?.beforePointers,
        ...(r.globalsAccess ? { access: r.globalsAccess } : {}),
      });
      await pruneGlobals(r);
      const m = g.manifest;
      const noRolePasswords = m.globals?.noRolePasswords ?? false;
      return { member: { ...base, key: g.key, sha256: m.sha256, size: m.size, noRolePasswords }, globals: g };
    } catch (err) {
      side?.failed(err);
      // stopped (the database beside them failed, or the run was cancelled): the run's own error says why
      if (!r.ctx.signal.aborted) r.ctx.log.warning(`globals failed: ${oneLine(err)}`, 'Globals not backed up');
      return { member: { ...base, status: 'failed', error: oneLine(err) }, error: err };
    }
  };
}

/** The globals' backups are pruned by the same policy, as a database of their own (a failure only warns). */
async function pruneGlobals(r: SetRun): Promise<void> {
  if (!r.o.retention) return;
  try {
    const pruned = await prune({ ...r.o, name: GLOBALS_NAME, policy: r.o.retention, dryRun: false }, r.ctx, r.s3);
    r.ctx.log.info(pruneText(pruned));
  } catch (err) {
    r.ctx.log.warning(`retention of the globals: ${oneLine(err)}`);
  }
}

export async function backupSet(o: BackupOptions, ctx: RunContext): Promise<SetResult> {
  const at = ctx.now();
  const s3 = clientFor(ctx, o.s3);
  const s3Error: S3ErrorOf = s3ErrorsOf(o.s3);
  // recipients are checked before anything else: a bad key must not cost a connection or a dump
  const encryptor = o.encryption ? await openEncryption(o.encryption) : undefined;
  probeAhead('pg_dump', o.pgBinDir);
  const { server, databases, handover, access } = await planDatabases(o);
  try {
    return await backupPlanned(o, ctx, { at, s3, s3Error, encryptor, server, databases, handover, access });
  } finally {
    await handover.close();
  }
}

async function backupPlanned(
  o: BackupOptions,
  ctx: RunContext,
  p: Pick<SetRun, 'at' | 's3' | 's3Error' | 'encryptor' | 'server'> & {
    databases: PlannedDatabase[];
    handover: Handover;
    access?: GlobalsAccess;
  },
): Promise<SetResult> {
  const { at, s3, s3Error, encryptor, server, databases } = p;
  const single = o.databases.kind === 'single';
  const parallel = Math.min(o.jobs, databases.length + (o.globals ? 1 : 0));
  ctx.log.info(
    `backup set: ${databases.length} database${databases.length === 1 ? '' : 's'} (${databases.map((d) => d.database).join(', ')})${o.globals ? ' and the globals' : ''}, ${single ? 1 : parallel} at a time`,
  );
  const r: SetRun = { o, ctx, s3, server, at, encryptor, s3Error, single, queueSize: o.queueSize };
  if (p.access) r.globalsAccess = p.access;
  if (single) {
    r.dumpStarted = latch();
    r.connection = p.handover.take;
  } else r.queueSize = Math.max(1, Math.floor(o.queueSize / parallel));
  // the set's key is claimed while its members run (one database: once its pg_dump has started), so its round trips
  // cost no time; released however the run ends
  const claiming = Promise.resolve(r.dumpStarted?.promise).then(() => claimSetKey(s3, o, at, ctx.signal, s3Error));
  claiming.catch(() => undefined);
  let outcomes: MemberOutcome[];
  try {
    outcomes = single ? await singleRun(r, databases[0]!) : await setRun(r, databases, parallel);
  } catch (err) {
    await claiming.then(
      (c) => c.release().catch((e) => ctx.log.warning(s3Error(e, 'deleting the claim').message)),
      () => undefined,
    );
    throw err;
  }
  const claim = await claiming;
  try {
    const set = setDocument({
      key: claim.key,
      o,
      server,
      startedAt: at,
      finishedAt: ctx.now(),
      members: outcomes.map((x) => x.member),
      env: ctx.env,
    });
    await writeSetDocument(s3, o, set, s3Error);
    ctx.log.info(`set: s3://${o.s3.bucket}/${set.key}${set.failed.length ? `, failed: ${set.failed.join(', ')}` : ''}`);
    const copyFailure = await writeCopySet(o, ctx, { set, outcomes, at, single });
    const result: SetResult = { set, bucket: o.s3.bucket, outcomes, failure: failureOf(set, outcomes) ?? copyFailure };
    if (single) result.single = outcomes.find((x) => x.member.kind === 'database')!.result;
    return result;
  } finally {
    await claim.release().catch((err) => ctx.log.warning(s3Error(err, 'deleting the claim').message));
  }
}

/**
 * One database and the globals, side by side: either failing stops the other, nothing of the run is left and no
 * pointer moves. With a copy (copy-to) the globals follow the database: a database whose copy failed gives the copy
 * nothing of this run.
 */
async function singleRun(r: SetRun, db: PlannedDatabase): Promise<MemberOutcome[]> {
  if (r.o.globals && !r.o.copy) {
    const pair = sideBySide(r.ctx);
    const [g, d] = pair.sides;
    const outcomes = await Promise.all([
      globalsTask({ ...r, ctx: g.ctx }, g)(),
      databaseTask({ ...r, ctx: d.ctx }, db, d)(),
    ]);
    if (pair.firstError() !== undefined) throw pair.firstError();
    return outcomes;
  }
  const first = await databaseTask(r, db)();
  if (first.error) throw first.error;
  // a database whose copy failed: the copy gets nothing of this run, not its globals either
  const g = first.result?.copy?.status === 'failed' ? { ...r, o: { ...r.o, copy: undefined } } : r;
  return [...(r.o.globals ? [await globalsTask(g)()] : []), first];
}

async function setRun(r: SetRun, databases: PlannedDatabase[], parallel: number): Promise<MemberOutcome[]> {
  const tasks = [...(r.o.globals ? [globalsTask(r)] : []), ...databases.map((d) => databaseTask(r, d))];
  const outcomes = await pool(tasks, parallel);
  // cancelled: the run stops with the cancellation, not with a set that says every member failed
  if (r.ctx.signal.aborted) throw outcomes.find((x) => x.error)?.error ?? r.ctx.signal.reason;
  return outcomes;
}

function failureOf(set: BackupSet, outcomes: MemberOutcome[]): Error | undefined {
  const failed = outcomes.filter((x) => x.member.status === 'failed');
  if (!failed.length) return undefined;
  const what = failed.map(
    (x) => `${x.member.kind === 'globals' ? 'the globals' : `"${x.member.database}"`} (${x.member.error})`,
  );
  return new UserError(
    `backup: ${failed.length} of ${plural(outcomes.length, 'member')} failed: ${what.join('; ')}. The others are stored; ` +
      `the set ${set.key} records the failure and sets/latest.json was not moved`,
  );
}
