/**
 * restore: choose → inspect the target read-only (fail fast on a wrong password or a non-empty target) →
 * download and check the SHA-256 → only then touch the target → decode → pg_restore / psql.
 */
import { plural } from '../core/format.js';
import path from 'node:path';
import type { Logger, RestorePlanSummary, RunContext } from '../core/context.js';
import { quoteIdent, type TableEntry } from '../postgres/catalog.js';
import { runConsumer } from '../stream/decode.js';
import { CancelledError, noteCleanup, UserError } from '../core/errors.js';
import { ensureReadable } from '../s3/readable.js';
import { chooseSource } from './restore-source.js';
import { fetchProven } from '../stream/readback.js';
import { createDatabase } from '../restore/create-database.js';
import { decodedDump, preflightTarget, refuseSelectionOfPlain } from '../restore/prepare.js';
import { globalsForRestore } from '../restore/with-globals.js';
import { openDecryption } from '../encryption/decrypt.js';
import type { Manifest } from '../core/manifest.js';
import { type RestoreOptions, parseRestoreOptions } from '../options/parse.js';
import { pgRestoreArgs, psqlRestoreArgs } from '../postgres/argv.js';
import { connectionUrl, toolEnv, type Connection } from '../postgres/connection.js';
import { connect, describePgError, serverInfo, userTableCount } from '../postgres/introspect.js';
import { findPgBin } from '../postgres/tools.js';
import { restoreOutputs, restoreSummary } from '../reporting/results.js';
import { outputsJson, type Command, type CommandResult } from './command.js';
import { restoreAll, type RestoreAllResult } from './restore-all.js';

export interface RestoreResult {
  key: string;
  sha256: string;
  size: number;
  database: string;
  serverVersion: string;
  durationSeconds: number;
  manifest?: Manifest;
}

export type { RestorePlanSummary };

/** Whether the target database exists and how many user tables it holds (read-only). */
export async function inspectTarget(
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
  const name = (t: TableEntry) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
  const client = await connect(c);
  try {
    const matviews = tables.filter((t) => t.kind === 'matview').map(name);
    const plain = tables.filter((t) => t.kind !== 'matview').map(name);
    log.info(`clean: dropping the ${plural(tables.length, 'table')} the backup re-creates`);
    await client.query('BEGIN');
    if (matviews.length) await client.query(`DROP MATERIALIZED VIEW IF EXISTS ${matviews.join(', ')} CASCADE`);
    if (plain.length) await client.query(`DROP TABLE IF EXISTS ${plain.join(', ')} CASCADE`);
    await client.query('COMMIT');
  } catch (err) {
    throw new UserError(
      `clean: could not drop the existing tables in "${c.database}": ${describePgError(err, c).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export { createDatabase };

export async function restore(
  given: RestoreOptions,
  ctx: RunContext,
  confirm?: (s: RestorePlanSummary) => Promise<boolean>,
): Promise<RestoreResult> {
  const started = ctx.now();
  // 1. which backup (from the primary, else its copy), readable (thawed when asked), and the target read-only
  const { o, s3, chosen } = await chooseSource(given, given.backup, ctx);
  const where = { s3, bucket: o.s3.bucket, endpoint: o.s3.endpoint, key: chosen.entry.key };
  await ensureReadable(where, o.thaw, ctx, 'restore');
  const { entry, manifest } = chosen;
  // a missing or unusable key fails here, before the download
  const decryption = await openDecryption(o, chosen);
  refuseSelectionOfPlain(entry.key, entry.format, o);
  const target = await inspectTarget(o.connection);
  refuseTarget(o, target);
  const tool = entry.format === 'custom' ? 'pg_restore' : 'psql';
  const bin = await restoreBin(o, ctx, tool, manifest);
  // 2. download and verify (checksum, and the whole decryption), before anything touches the target
  const proven = await fetchProven(o, chosen, decryption, s3, ctx, (err) =>
    err instanceof UserError && !(err instanceof CancelledError)
      ? new UserError(`${err.message}; refusing to restore (target untouched)`)
      : err,
  );
  let touched = false;
  const globals = globalsForRestore(o, ctx, s3, entry.key);
  try {
    const dump = await decodedDump(proven, entry.format);
    const pgRestore = path.join(bin.dir, 'pg_restore');
    const t = { ...target, connection: o.connection, dump, format: entry.format, pgRestore, flags: o };
    const plan = await preflightTarget(ctx, t, globals.choose);
    const question = {
      key: entry.key,
      database: o.connection.database,
      host: o.connection.host,
      existingTables: target.tables,
    };
    if (confirm && !(await confirm(question))) throw new UserError('restore not confirmed: nothing was changed');
    // 3. the target
    touched = true;
    const serverVersion = await prepareTarget(o, target, manifest, ctx.log);
    await globals.apply(plan);
    ctx.log.info(`restoring into "${o.connection.database}" with ${tool} ${bin.version} (${proven.decompress.label})`);
    await runRestore(o, ctx, dump, { format: entry.format, tool, command: path.join(bin.dir, tool) });
    const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
    ctx.log.info(`restored ${entry.key} into "${o.connection.database}" in ${durationSeconds.toFixed(1)} s`);
    const { sha256, bytes: size } = proven.fetched;
    return { key: entry.key, sha256, size, database: o.connection.database, serverVersion, durationSeconds, manifest };
  } catch (err) {
    if (touched)
      noteCleanup(ctx.signal, `the restore was stopped: database "${o.connection.database}" may be partly restored`);
    throw err;
  } finally {
    await Promise.all([proven.fetched.cleanup(), globals.cleanup()]);
  }
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
      `database-url: database "${o.connection.database}" does not exist at ${o.connection.host}:${o.connection.port}: create it or set create-database`,
    );
  }
  if (target.tables > 0 && !o.clean && !o.dataOnly) {
    throw new UserError(
      `database "${o.connection.database}" already holds ${plural(target.tables, 'table')}: set clean to drop and replace them, or restore into an empty database`,
    );
  }
}

/** clean drops the backup's tables first; a missing database is created. Returns the server's version. */
async function prepareTarget(
  o: RestoreOptions,
  target: Target,
  manifest: Manifest | undefined,
  log: Logger,
): Promise<string> {
  // a selective restore leaves the tables it does not restore alone: pg_restore --clean drops only what it restores
  const selective = o.tables.length > 0 || o.schemas.length > 0 || o.dataOnly;
  if (o.clean && !selective && target.tables > 0 && manifest?.tables?.length)
    await dropTablesOf(o.connection, manifest.tables, log);
  if (target.exists) return target.serverVersion;
  const serverVersion = await createDatabase(o.connection);
  log.info(`created database "${o.connection.database}"`);
  return serverVersion;
}

/** pg_restore (in parallel when jobs > 1) or psql, reading the decoded dump. */
async function runRestore(
  o: RestoreOptions,
  ctx: RunContext,
  dump: string,
  t: { format: string; tool: string; command: string },
): Promise<void> {
  const dbUrl = connectionUrl(o.connection);
  const env = toolEnv(o.connection, ctx.env);
  const args =
    t.format === 'custom'
      ? pgRestoreArgs({ ...o, dbUrl, file: dump })
      : [...psqlRestoreArgs({ dbUrl, singleTransaction: o.singleTransaction }), `--file=${dump}`];
  await runConsumer({ name: t.tool, command: t.command, args, env }, ctx.signal);
}

export const restoreCommand: Command = {
  verb: 'restore',
  description: "verify a backup's SHA-256, then restore it into a database",
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
    const line = `restored ${result.key} into ${result.database} (sha256 verified)`;
    return {
      outputs,
      summary: restoreSummary(result),
      text: line,
      json: outputsJson('restore', outputs),
      report: line,
    };
  },
};

/** A whole-server restore's result: the restore outputs, key naming the set and database listing every database. */
function restoreAllResult(r: RestoreAllResult): CommandResult {
  const outputs = restoreOutputs({
    key: r.setKey,
    sha256: '',
    size: r.size,
    database: r.databases.join(','),
    serverVersion: r.serverVersion,
    durationSeconds: r.durationSeconds,
  });
  const line = `restored ${plural(r.databases.length, 'database')} of ${r.setKey} (${r.databases.join(', ')}; every sha256 verified)`;
  const summary = [
    `### ✅ PostgreSQL restore of the set ${r.setKey}`,
    '',
    `Databases: ${r.databases.join(', ')}`,
    r.globals
      ? `Roles created: ${r.globals.created.join(', ') || 'none'}`
      : 'Globals: not restored (the target had the roles)',
    ...(r.globals?.withoutPassword.length ? [`Roles without a password: ${r.globals.withoutPassword.join(', ')}`] : []),
    '',
  ].join('\n');
  return { outputs, summary, text: line, json: outputsJson('restore', outputs), report: line };
}
