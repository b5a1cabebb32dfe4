/**
 * validate: the restore drill. Restore the chosen backup into a scratch database on a throwaway server (checksum
 * first, as always), compare it with the manifest — tables and columns, exact row counts, sequences, extensions,
 * large objects — then run the user's assertions. Returns every check; the host reports them and fails the run when
 * any failed. The scratch database is dropped afterwards unless `keep`.
 */
import type { ValidateResult } from '../model/results.js';
import { plural } from '../core/format.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunContext } from '../model/context.js';
import { decodeInto } from '../stream/decode.js';
import { errorMessage, oneLine, UserError } from '../core/errors.js';
import type { Chosen } from '../store/download.js';
import { chooseReadable } from '../store/readable.js';
import type { Manifest } from '../model/manifest.js';
import type { Proven } from '../store/readback.js';
import { fetchBackupProven } from '../store/parts.js';
import { restoreParts } from '../restore/restore-parts.js';
import { countingEarly } from '../restore/early-counts.js';
import type { PgClient } from '../postgres/introspect.js';
import { openDecryption } from '../encryption/decrypt.js';
import { autoRestoreJobs, parseValidateOptions } from '../options/parse.js';
import type { ValidateOptions } from '../model/options.js';
import { pgRestoreArgs, psqlRestoreArgs } from '../postgres/argv.js';
import { createDatabase, createMissingRoles, dropDatabase, runAssertion } from '../postgres/admin.js';
import { countRows, describeCatalog } from '../postgres/catalog.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import type { Connection } from '../model/connection.js';
import { connect, describePgError, serverInfo } from '../postgres/introspect.js';
import { findPgBin } from '../postgres/tools.js';
import { clientFor } from '../s3/client.js';
import { stamp } from '../core/naming.js';
import { compareToManifest } from '../core/compare.js';
import type { Check } from '../model/results.js';
import { isTruthy, splitStatements } from '../core/sql.js';
import { validateOutputs, validateSummary } from '../reporting/results.js';
import { outputsJson, type Command } from './command.js';
import { validateSet } from './validate-set.js';
import { drillEvidence, notVerified } from './validate-evidence.js';
import { evidenceLines, notVerifiedSummary, recoveryTrend } from '../reporting/drills.js';
import { checkTempSpace } from '../restore/temp-space.js';
import { tempDirOf } from '../core/temp-dirs.js';
import { tempNeed, type RestorePlan } from '../core/restore-plan.js';

/** The drill restores as one pg_restore (or psql) reading the decoding stream. */
const DRILL_PLAN: RestorePlan = {
  steps: [{ source: 'stream', jobs: 1 }],
  why: 'one pg_restore reads the decoding stream (no decoded copy)',
};

/** The assertions: a path to a file, or the SQL itself. */
function assertionsText(input: string | undefined): string {
  if (!input?.trim()) return '';
  const candidate = input.trim();
  if (!candidate.includes('\n') && /\.(sql|psql)$/i.test(candidate)) {
    if (!existsSync(candidate))
      throw new UserError(
        `validation-sql: file ${candidate} does not exist; give a path to an .sql file or the SQL itself`,
      );
    return readFileSync(candidate, 'utf8');
  }
  return input;
}

async function validate(o: ValidateOptions, ctx: RunContext): Promise<ValidateResult> {
  const started = ctx.now();
  const s3 = clientFor(ctx, o.s3);
  const assertions = splitStatements(assertionsText(o.validationSql));
  const chosen = await chooseReadable(o, s3, ctx, 'validate', true);
  const { entry, manifest } = chosen;
  if (!manifest)
    throw new UserError(
      `validate: ${entry.key} has no manifest (.meta) to compare with; validate needs backups written by s3-backup`,
    );
  const decryption = await openDecryption(o, chosen); // a missing or unusable key fails before the download
  const major = await serverMajor(o.connection);
  const tool = entry.format === 'custom' ? 'pg_restore' : 'psql';
  const bin = await findPgBin({
    tool,
    required: entry.format === 'custom' ? manifest.pgDump.major : 0,
    pgBinDir: o.pgBinDir,
    because: `the backup was written by pg_dump ${manifest.pgDump.version}`,
    install: ctx.installClient,
  });
  const stored = entry.size + (entry.parts ?? []).reduce((n, p) => n + p.size, 0);
  await checkTempSpace(tempDirOf(o, ctx), tempNeed(stored, DRILL_PLAN, undefined), `validating ${entry.key}`, ctx);
  // the checksum (and the decryption) must pass before anything else counts
  const { proven, parts } = await fetchBackupProven(o, chosen, decryption, s3, ctx);
  const scratch = `s3b_validate_${stamp(started).toLowerCase()}_${Math.random().toString(36).slice(2, 6)}`;
  const drill: Drill = { o, ctx, entry, manifest, major, scratch, command: path.join(bin.dir, tool), parts };
  let outcome: TimedOutcome;
  try {
    outcome = await restoreAndCompare(drill, proven, assertions);
  } finally {
    await Promise.all([proven.fetched.cleanup(), ...parts.map((p) => p.fetched.cleanup())]);
  }
  const mismatches = outcome.checks.filter((c) => !c.ok).length;
  const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
  ctx.log.info(
    `validation of ${entry.key}: ${outcome.checks.length - mismatches}/${outcome.checks.length} checks passed in ${durationSeconds.toFixed(1)} s`,
  );
  const { restoreSeconds, compareSeconds, ...checked } = outcome;
  return {
    status: mismatches ? 'failed' : 'passed',
    key: entry.key,
    sha256: proven.fetched.sha256,
    ...checked,
    mismatches,
    durationSeconds,
    restoredMajor: major,
    scratchDatabase: scratch,
    kept: o.keep,
    startedAt: started.toISOString(),
    stages: { ...proven.seconds, restore: restoreSeconds, compare: compareSeconds },
    tables: (manifest.tables ?? []).map((t) => `${t.schema}.${t.name}`),
  };
}

interface Drill {
  o: ValidateOptions;
  ctx: RunContext;
  entry: Chosen['entry'];
  manifest: Manifest;
  major: number;
  scratch: string;
  /** pg_restore or psql, the client that restores the backup's format. */
  command: string;
  /** A multi-stream backup's data parts, proven. */
  parts: Proven[];
}

interface Outcome {
  checks: Check[];
  tablesChecked: number;
  rowsChecked: number;
}

/** The outcome with the time the restore and the comparison took, in seconds. */
type TimedOutcome = Outcome & { restoreSeconds: number; compareSeconds: number };

async function serverMajor(c: Connection): Promise<number> {
  const admin = await connect(c);
  try {
    return (await serverInfo(admin)).major;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** A scratch database: created, restored into, compared, then dropped (unless `keep`). */
async function restoreAndCompare(d: Drill, proven: Proven, assertions: string[]): Promise<TimedOutcome> {
  const { o, ctx } = d;
  const adminClient = await connect(o.connection);
  try {
    await createDatabase(adminClient, d.scratch).catch((err) => {
      throw new UserError(
        `validate: could not create the scratch database on ${o.connection.host}:${o.connection.port}: ${describePgError(err, o.connection).message}`,
      );
    });
    ctx.log.info(`restoring ${d.entry.key} into scratch database "${d.scratch}" (PostgreSQL ${d.major})`);
    if (!d.parts.length) ctx.log.info(`restore path: ${DRILL_PLAN.why}`);
    // owners and grants name roles: create the missing ones on this throwaway server (plain SQL applies them)
    if (d.entry.format === 'plain') await createMissingRoles(adminClient, d.manifest.roles ?? []);
    const t0 = performance.now();
    const scratch = { ...o.connection, database: d.scratch };
    const { value: restore, counted } = await countingEarly(scratch, d.manifest, (onPartLoaded) =>
      restoreScratch(d, proven, onPartLoaded),
    );
    const restoreSeconds = (performance.now() - t0) / 1000;
    if (!restore.ok) return { checks: [restore], tablesChecked: 0, rowsChecked: 0, restoreSeconds, compareSeconds: 0 };
    const compared = await compareScratch(d, assertions, counted);
    const compareSeconds = (performance.now() - t0) / 1000 - restoreSeconds;
    return { ...compared, checks: [restore, ...compared.checks], restoreSeconds, compareSeconds };
  } finally {
    if (!o.keep) {
      await dropDatabase(adminClient, d.scratch, d.major >= 13).catch((err) =>
        ctx.log.warning(`could not drop the scratch database "${d.scratch}": ${errorMessage(err)}`),
      );
    }
    await adminClient.end().catch(() => undefined);
  }
}

/** The restore itself is the first check: a backup that does not restore fails the drill, with the tool's words. */
async function restoreScratch(d: Drill, proven: Proven, onPartLoaded?: (part: number) => void): Promise<Check> {
  const scratchConn: Connection = { ...d.o.connection, database: d.scratch };
  const dbUrl = connectionUrl(scratchConn);
  const args =
    d.entry.format === 'custom'
      ? pgRestoreArgs({ dbUrl, clean: false, noOwner: true, noAcl: true, jobs: 1, singleTransaction: false })
      : psqlRestoreArgs({ dbUrl, singleTransaction: false });
  const env = toolEnv(scratchConn, d.ctx.env);
  try {
    if (d.parts.length) {
      const flags = { clean: false, noOwner: true, noAcl: true, jobs: 1, singleTransaction: false };
      // the data parts as many at a time as there are cores (as restore's jobs auto), indexes with 2 jobs
      const loads = autoRestoreJobs();
      const r = { proven, parts: d.parts, manifestParts: d.manifest.parts ?? [], jobs: 2, loads, log: d.ctx.log };
      const told = {
        ...(d.ctx.onProgress ? { onProgress: d.ctx.onProgress } : {}),
        ...(onPartLoaded ? { onPartLoaded } : {}),
      };
      await restoreParts({ ...r, ...told }, { flags, dbUrl, command: d.command, env, signal: d.ctx.signal });
    } else await decodeInto(proven.spec(), { name: path.basename(d.command), command: d.command, args, env });
    return { check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true };
  } catch (err) {
    if (d.ctx.signal.aborted) throw d.ctx.signal.reason;
    return { check: 'restore', expected: 'restores cleanly', found: oneLine(err), ok: false };
  }
}

/** The restored database against the manifest, then the user's assertions, each true or a failed check. */
async function compareScratch(d: Drill, assertions: string[], counted?: ReadonlyMap<string, number>): Promise<Outcome> {
  const db = await connect({ ...d.o.connection, database: d.scratch });
  try {
    const catalog = await describeCatalog(db, d.manifest.options ?? { schemas: [], excludeTables: [] });
    catalog.tables = await countRows(db, catalog.tables, counted);
    const compared = compareToManifest(d.manifest, catalog, { sameMajor: d.major === d.manifest.database.serverMajor });
    const checks = [...compared.checks];
    for (const statement of assertions) checks.push(await assertion(db, statement));
    return { checks, tablesChecked: compared.tablesChecked, rowsChecked: compared.rowsChecked };
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function assertion(db: PgClient, statement: string): Promise<Check> {
  const text = statement
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const label = `assertion: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  try {
    const { value, shape } = await runAssertion(db, statement);
    return { check: label, expected: 'true', found: shape, ok: isTruthy(value) };
  } catch (err) {
    return { check: label, expected: 'true', found: `error: ${errorMessage(err)}`, ok: false };
  }
}

/** One line for a failed validation, naming every mismatch. */
function failureLine(r: ValidateResult): string {
  const bad = r.checks.filter((c) => !c.ok).map((c) => `${c.check}: expected ${c.expected}, found ${c.found}`);
  return `validation of ${r.key} failed: ${r.mismatches} mismatch${r.mismatches === 1 ? '' : 'es'} — ${bad.join('; ')}`;
}

export const validateCommand: Command = {
  verb: 'validate',
  async run(raw, ctx) {
    const options = parseValidateOptions(raw, ctx.env);
    const started = ctx.now();
    let ran: ValidateResult;
    let stopped: unknown;
    try {
      ran = options.all ? await validateSet(options, ctx) : await validate(options, ctx);
    } catch (err) {
      ran = notVerified(options, err, started);
      stopped = err;
    }
    const { result, files, records, trend } = await drillEvidence(options, ctx, ran);
    const outputs = {
      ...validateOutputs(result),
      'drill-statement': files?.statement ?? '',
      'drill-predicate': files?.predicate ?? '',
      'drill-subjects': files?.subjects ?? '',
    };
    const summary = result.status === 'not-verified' ? notVerifiedSummary(result) : validateSummary(result);
    return {
      // the report comes first, pass or fail: the table of checks is what the reader needs
      outputs,
      summary: `${summary}${evidenceLines(files?.statement, records)}${recoveryTrend(trend)}`,
      text: [
        ...result.checks.filter((c) => !c.ok).map((c) => `✗ ${c.check}: expected ${c.expected}, found ${c.found}`),
        result.status === 'not-verified'
          ? `not verified: ${result.reason}`
          : `${result.status}: ${result.checks.length - result.mismatches}/${result.checks.length} checks, ${plural(result.tablesChecked, 'table')}, ${plural(result.rowsChecked, 'row')} (${result.key})`,
      ].join('\n'),
      json: { ...outputsJson('validate', outputs), checks: result.checks },
      report: `validated ${result.key}: ${plural(result.tablesChecked, 'table')}, ${plural(result.rowsChecked, 'row')} as the manifest says (restored into PostgreSQL ${result.restoredMajor})`,
      failure:
        stopped !== undefined
          ? (stopped as Error)
          : result.status === 'failed'
            ? new UserError(failureLine(result))
            : undefined,
    };
  },
};
