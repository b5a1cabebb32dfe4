/**
 * restore: choose → inspect the target read-only (fail fast on a wrong password or a non-empty target) → the
 * temporary disk checked → download and check the SHA-256 → pre-flight from the archive's head → only then touch
 * the target → the plan's steps (pg_restore / psql reading the decoding stream, the schema from the head).
 */
import type { RestoreResult } from '../model/results.js';
import { plural } from '../core/format.js';
import path from 'node:path';
import type { Logger, RestorePlanSummary, RunContext } from '../model/context.js';
import { dropTables } from '../postgres/admin.js';
import type { TableEntry } from '../model/catalog.js';
import { CancelledError, noteCleanup, UserError } from '../core/errors.js';
import { ensureReadable } from '../store/readable.js';
import { chooseSource } from '../store/source.js';
import { createTargetDatabase, type DatabaseSource } from '../restore/database-properties.js';
import { preflightTarget, refuseSelectionOfPlain } from '../restore/prepare.js';
import { needsInput, openDumpSource, runPlan, withParts, type DumpSource } from '../restore/dump-source.js';
import { fetchBackupProven } from '../store/parts.js';
import { checkTempSpace } from '../restore/temp-space.js';
import { tempDirOf } from '../core/temp-dirs.js';
import { planRestore, tempNeed, type RestorePlan } from '../core/restore-plan.js';
import { globalsForRestore } from '../restore/with-globals.js';
import { openDecryption } from '../encryption/decrypt.js';
import type { Manifest } from '../model/manifest.js';
import { restoreProgress } from '../restore/restore-progress.js';
import type { BackupEntry } from '../model/objects.js';
import { parseRestoreOptions } from '../options/parse.js';
import type { RestoreOptions } from '../model/options.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import type { Connection } from '../model/connection.js';
import { connect, describePgError, serverInfo, userTableCount } from '../postgres/introspect.js';
import { findPgBin } from '../postgres/tools.js';
import { restoreOutputs, restoreSummary } from '../reporting/results.js';
import { outputsJson, type Command, type CommandResult } from './command.js';
import { restoreAll, type RestoreAllResult } from './restore-all.js';
import { comparedWith, matchAfterRestore } from '../restore/compare-restored.js';
import { countingEarly } from '../restore/early-counts.js';
import { matchedText } from '../reporting/restore-match.js';
import { inputRef } from '../core/input-ref.js';

export type { RestorePlanSummary };

/** Whether the target database exists and how many user tables it holds (read-only). */
async function inspectTarget(
  c: Connection,
): Promise<{ exists: boolean; tables: number; serverVersion: string; major: number }> {
  try {
    const client = await connect(c);
    try {
      const info = await serverInfo(client);
      return { exists: true, tables: await userTableCount(client), serverVersion: info.version, major: info.major };
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (err) {
    if (err instanceof UserError && /does not exist/.test(err.message)) {
      return { exists: false, tables: 0, serverVersion: '', major: 0 };
    }
    throw err;
  }
}

/**
 * clean: pg_restore --clean drops a partition's constraints before its parent's, which PostgreSQL refuses ("cannot
 * drop inherited constraint"), so the tables the backup re-creates are dropped first, parents with their
 * partitions, in one statement. --clean --if-exists then handles everything else.
 */
async function dropTablesOf(c: Connection, tables: TableEntry[], log: Logger): Promise<void> {
  const client = await connect(c);
  try {
    log.info(`clean: dropping the ${plural(tables.length, 'table')} the backup re-creates`);
    await dropTables(client, tables);
  } catch (err) {
    throw new UserError(
      `clean: could not drop the existing tables in "${c.database}": ${describePgError(err, c).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function restore(
  given: RestoreOptions,
  ctx: RunContext,
  confirm?: (s: RestorePlanSummary) => Promise<boolean>,
): Promise<RestoreResult> {
  const started = ctx.now();
  // 1. which backup (from the primary, else its copy), readable (thawed when asked), and the target read-only
  const { o, s3, chosen } = await chooseSource(given, given.backup, ctx);
  const where = { s3, bucket: o.s3.bucket, endpoint: o.s3.endpoint, key: chosen.entry.key };
  for (const key of [where.key, ...(chosen.entry.parts ?? []).map((p) => p.key)])
    await ensureReadable({ ...where, key }, o.thaw, ctx, 'restore');
  const { entry, manifest } = chosen;
  // a missing or unusable key fails here, before the download
  const decryption = await openDecryption(o, chosen);
  refuseSelectionOfPlain(entry.key, entry.format, o);
  const target = await inspectTarget(o.connection);
  refuseTarget(o, target);
  const tool = entry.format === 'custom' ? 'pg_restore' : 'psql';
  const bin = await restoreBin(o, ctx, tool, manifest);
  const plan = await planWithDisk(o, ctx, chosen);
  // 2. download and verify (checksum, and the whole decryption), before anything touches the target
  const refusal = (err: unknown) =>
    err instanceof UserError && !(err instanceof CancelledError) && !/target untouched/.test(err.message)
      ? new UserError(`${err.message}; refusing to restore (target untouched)`)
      : err;
  const { proven, parts } = await fetchBackupProven(o, chosen, decryption, s3, ctx, refusal);
  let touched = false;
  const globals = globalsForRestore(o, ctx, s3, entry.key);
  try {
    const pgRestore = path.join(bin.dir, 'pg_restore');
    const head = await openDumpSource(proven, entry.format, pgRestore, ctx.env, ctx.log);
    const src = withParts(head, parts, manifest?.parts);
    // a database created from the archive is created with its properties: their owner counts in the pre-flight
    const flags = { ...o, create: !target.exists && entry.format === 'custom' };
    const t = { ...target, connection: o.connection, dump: needsInput(src), format: entry.format, pgRestore, flags };
    const globalsPlan = await preflightTarget(ctx, t, globals.choose);
    const question = {
      key: entry.key,
      database: o.connection.database,
      host: o.connection.host,
      existingTables: target.tables,
    };
    if (confirm && !(await confirm(question))) throw new UserError('restore not confirmed: nothing was changed');
    // 3. the target
    touched = true;
    await globals.apply(globalsPlan, target.exists ? o.connection.database : 'postgres');
    const env = toolEnv(o.connection, ctx.env);
    const created = { head: src.head, binDir: bin.dir, noOwner: o.noOwner, noAcl: o.noAcl, env };
    const serverVersion = await prepareTarget(o, { ...target, created }, manifest, ctx.log);
    const counted = await restoreInto(o, ctx, plan, src, { tool, dir: bin.dir, version: bin.version }, manifest);
    const matched = await matchAfterRestore(o, manifest, {
      ...target,
      connection: o.connection,
      log: ctx.log,
      counted,
    });
    const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
    const { sha256, bytes: size } = proven.fetched;
    const { database } = o.connection;
    return { key: entry.key, sha256, size, database, serverVersion, durationSeconds, manifest, matched };
  } catch (err) {
    if (touched)
      noteCleanup(ctx.signal, `the restore was stopped: database "${o.connection.database}" may be partly restored`);
    throw err;
  } finally {
    await Promise.all([proven.fetched.cleanup(), ...parts.map((p) => p.fetched.cleanup()), globals.cleanup()]);
  }
}

/** The plan's steps, after one line naming the tool and one on the path and why; the counts taken early, if any. */
async function restoreInto(
  o: RestoreOptions,
  ctx: RunContext,
  plan: RestorePlan,
  src: DumpSource,
  bin: { tool: string; dir: string; version: string },
  manifest?: Manifest,
): Promise<Map<string, number> | undefined> {
  const label = src.proven.decompress.label;
  ctx.log.info(`restoring into "${o.connection.database}" with ${bin.tool} ${bin.version} (${label})`);
  ctx.log.info(`restore path: ${plan.why}`);
  const env = toolEnv(o.connection, ctx.env);
  const command = path.join(bin.dir, bin.tool);
  const began = ctx.now().getTime();
  const progress = await restoreProgress(ctx, src, { flags: o, pgRestore: command, env, parts: manifest?.parts });
  const t = { flags: o, dbUrl: connectionUrl(o.connection), command, env, signal: ctx.signal };
  const { counted } = await countingEarly(o.connection, comparedWith(o, manifest), (onPartLoaded) =>
    runPlan(plan, src, { ...t, ...(progress ? { progress } : {}), ...(onPartLoaded ? { onPartLoaded } : {}) }),
  );
  progress?.done();
  ctx.log.info(`${bin.tool} finished in ${((ctx.now().getTime() - began) / 1000).toFixed(1)} s`);
  return counted;
}

/** How the backup will be restored, and the temporary disk that needs, checked before the download. */
async function planWithDisk(o: RestoreOptions, ctx: RunContext, chosen: { entry: BackupEntry; manifest?: Manifest }) {
  const parts = chosen.manifest?.parts;
  const plan = planRestore({ ...o, format: chosen.entry.format, ...(parts ? { parts } : {}) });
  const stored = chosen.entry.size + (chosen.entry.parts ?? []).reduce((n, p) => n + p.size, 0);
  const need = tempNeed(stored, plan, chosen.manifest?.rawSize ?? undefined);
  await checkTempSpace(tempDirOf(o, ctx), need, `restoring ${chosen.entry.key}`, ctx);
  return plan;
}

/** pg_restore as new as the pg_dump that wrote the backup, or psql for a plain one. */
function restoreBin(o: RestoreOptions, ctx: RunContext, tool: 'pg_restore' | 'psql', manifest: Manifest | undefined) {
  return findPgBin({
    tool,
    required: tool === 'pg_restore' ? (manifest?.pgDump.major ?? 0) : 0,
    pgBinDir: o.pgBinDir,
    because: `the backup was written by pg_dump ${manifest?.pgDump.version ?? '(unknown)'}`,
    install: ctx.installClient,
  });
}

type Target = Awaited<ReturnType<typeof inspectTarget>>;

/** A target that does not exist (without create-database), or holds tables (without clean), is refused untouched. */
function refuseTarget(o: RestoreOptions, target: Target): void {
  if (!target.exists && !o.createDatabase) {
    throw new UserError(
      `database-url: database "${o.connection.database}" does not exist at ${o.connection.host}:${o.connection.port}: create it or set ${inputRef('create-database')}`,
    );
  }
  if (target.tables > 0 && !o.clean && !o.dataOnly) {
    throw new UserError(
      `database "${o.connection.database}" already holds ${plural(target.tables, 'table')}: set ${inputRef('clean')} to drop and replace them, or restore into an empty database`,
    );
  }
}

/** clean drops the backup's tables first; a missing database is created. Returns the server's version. */
async function prepareTarget(
  o: RestoreOptions,
  target: Target & { created: DatabaseSource & { env: Record<string, string | undefined> } },
  manifest: Manifest | undefined,
  log: Logger,
): Promise<string> {
  // a selective restore leaves the tables it does not restore alone: pg_restore --clean drops only what it restores
  const selective = o.tables.length > 0 || o.schemas.length > 0 || o.dataOnly;
  if (o.clean && !selective && target.tables > 0 && manifest?.tables?.length)
    await dropTablesOf(o.connection, manifest.tables, log);
  if (target.exists) return target.serverVersion;
  const made = await createTargetDatabase(o.connection, target.created, target.created.env);
  const properties = made.withProperties ? ' with its owner, settings and comment from the backup' : '';
  log.info(`created database "${o.connection.database}"${properties}`);
  return made.version;
}

export const restoreCommand: Command = {
  verb: 'restore',
  async run(raw, ctx) {
    const options = parseRestoreOptions(raw, ctx.env);
    // the CLI asks before overwriting; the action runs behind the workflow's own approval
    if (ctx.confirm && !options.yes && !ctx.interactive) {
      throw new UserError(
        `restore overwrites ${options.all ? 'databases on the server' : `database "${options.connection.database}"`}: pass --yes to confirm when not running interactively`,
      );
    }
    if (options.all) return restoreAllResult(await restoreAll(options, ctx, options.yes ? undefined : ctx.confirm));
    const result = await restore(options, ctx, options.yes ? undefined : ctx.confirm);
    const outputs = restoreOutputs(result);
    // the result line (stdout) is the one line saying so: the log does not repeat it
    const took = `in ${result.durationSeconds.toFixed(1)} s`;
    const line = `restored ${result.key} into ${result.database}${matchedText(result.matched)} ${took} (sha256 verified)`;
    return {
      outputs,
      summary: restoreSummary(result),
      text: line,
      json: {
        ...outputsJson('restore', outputs),
        databases: [
          {
            database: outputs.database || null,
            target: result.database,
            key: result.key,
            sha256: result.sha256,
            size: result.size,
          },
        ],
      },
      report: line,
    };
  },
};

/** A whole-server restore's result: the restore outputs, key naming the set and database listing every database. */
function restoreAllResult(r: RestoreAllResult): CommandResult {
  const outputs = {
    ...restoreOutputs({
      key: r.setKey,
      sha256: '',
      size: r.size,
      database: r.databases.join(','),
      serverVersion: r.serverVersion,
      durationSeconds: r.durationSeconds,
    }),
    database: r.databases.join(','),
  };
  // --json: one entry a database with the SHA-256 it was proven against (each keeps its name on the target)
  const { sha256: _sum, database: _db, target: _target, ...rest } = outputsJson('restore', outputs);
  const json = { ...rest, databases: r.members.map((m) => ({ ...m, target: m.database })) };
  const line = `restored ${plural(r.databases.length, 'database')} of ${r.setKey}${matchedText(r.matched)} in ${r.durationSeconds.toFixed(1)} s (${r.databases.join(', ')}; every sha256 verified)`;
  const summary = [
    `### ✅ PostgreSQL restore of the set ${r.setKey}`,
    '',
    `Databases: ${r.databases.join(', ')}`,
    r.matched
      ? `Restored and matched the manifests: ${plural(r.matched.tables, 'table')}, ${plural(r.matched.rows, 'row')}`
      : 'Not compared with the manifests',
    r.globals
      ? `Roles created: ${r.globals.created.join(', ') || 'none'}`
      : 'Globals: not restored (the target had the roles)',
    ...(r.globals?.withoutPassword.length ? [`Roles without a password: ${r.globals.withoutPassword.join(', ')}`] : []),
    '',
  ].join('\n');
  return { outputs, summary, text: line, json, report: line };
}
