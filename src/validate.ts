/**
 * validate: the restore drill. Restore the chosen backup into a scratch database on a throwaway server (checksum
 * first, as always), compare it with the manifest — tables and columns, exact row counts, sequences, extensions,
 * large objects — then run the user's assertions. Returns every check; the host reports them and fails the run when
 * any failed. The scratch database is dropped afterwards unless `keep`.
 */
import { drillRecordKey, recordDrill } from './bucket/audit.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeHasZstd, planDecompressor } from './compress.js';
import type { RunContext } from './context.js';
import { decodeInto } from './decode.js';
import { oneLine, UserError } from './errors.js';
import { chooseBackup, fetchVerified } from './fetch.js';
import { openDecryption } from './encryption/decrypt.js';
import type { ValidateOptions } from './options/parse.js';
import { pgRestoreArgs, psqlRestoreArgs } from './postgres/argv.js';
import { countRows, describeCatalog, quoteIdent } from './postgres/catalog.js';
import { connectionUrl, toolEnv, type Connection } from './postgres/connection.js';
import { connect, describePgError, serverInfo } from './postgres/introspect.js';
import { findPgBin } from './postgres/tools.js';
import { createS3Client } from './s3/client.js';
import { stamp } from './naming.js';
import { compareToManifest, type Check } from './validate/compare.js';
import { isTruthy, splitStatements } from './validate/sql.js';
import { which } from './which.js';

export interface ValidateResult {
  status: 'passed' | 'failed';
  key: string;
  sha256: string;
  checks: Check[];
  tablesChecked: number;
  rowsChecked: number;
  mismatches: number;
  durationSeconds: number;
  restoredMajor: number;
  scratchDatabase: string;
  kept: boolean;
}

/** The assertions: a path to a file, or the SQL itself. */
export function assertionsText(input: string | undefined): string {
  if (!input?.trim()) return '';
  const candidate = input.trim();
  if (!candidate.includes('\n') && /\.(sql|psql)$/i.test(candidate)) {
    if (!existsSync(candidate)) throw new UserError(`validation-sql: file ${candidate} does not exist; give a path to an .sql file or the SQL itself`);
    return readFileSync(candidate, 'utf8');
  }
  return input;
}

export async function validate(o: ValidateOptions, ctx: RunContext): Promise<ValidateResult> {
  const started = ctx.now();
  const { log } = ctx;
  const s3 = (ctx.s3Client ?? createS3Client)(o.s3);
  const assertions = splitStatements(assertionsText(o.validationSql));

  const chosen = await chooseBackup(o, o.backup, s3, ctx);
  const { entry, manifest } = chosen;
  if (!manifest) throw new UserError(`validate: ${entry.key} has no manifest (.meta) to compare with; validate needs backups written by s3-backup`);
  const decryption = await openDecryption(o, chosen); // a missing or unusable key fails before the download
  const admin = await connect(o.connection);
  let major: number;
  try {
    major = (await serverInfo(admin)).major;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const tool = entry.format === 'custom' ? 'pg_restore' : 'psql';
  const bin = await findPgBin({
    tool, required: entry.format === 'custom' ? manifest.pgDump.major : 0, pgBinDir: o.pgBinDir,
    because: `the backup was written by pg_dump ${manifest.pgDump.version}`, install: ctx.installClient,
  });
  const decompress = planDecompressor(entry.compression, { zstd: await which('zstd', ctx.env), nodeZstd: nodeHasZstd() });

  // the checksum must pass before anything else counts
  const fetched = await fetchVerified(o, chosen, s3, ctx);
  if (decryption) {
    // …and so must the decryption, over the whole ciphertext (src/encryption/decrypt.ts)
    try {
      log.info(`decryption verified (${decryption.label}): ${(await decryption.authenticate(fetched.file, ctx.signal)).plaintextBytes} bytes`);
    } catch (err) {
      await fetched.cleanup();
      throw err;
    }
  }
  const scratch = `s3b_validate_${stamp(started).toLowerCase()}_${Math.random().toString(36).slice(2, 6)}`;
  const scratchConn: Connection = { ...o.connection, database: scratch };
  const checks: Check[] = [];
  let tablesChecked = 0;
  let rowsChecked = 0;
  const adminClient = await connect(o.connection);
  try {
    await adminClient.query(`CREATE DATABASE ${quoteIdent(scratch)}`).catch((err) => {
      throw new UserError(`validate: could not create the scratch database on ${o.connection.host}:${o.connection.port}: ${describePgError(err, o.connection).message}`);
    });
    log.info(`restoring ${entry.key} into scratch database "${scratch}" (PostgreSQL ${major})`);
    // owners and grants name roles: create the missing ones on this throwaway server (plain SQL applies them)
    if (entry.format === 'plain') {
      const existing = new Set((await adminClient.query<{ rolname: string }>('SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname));
      for (const role of manifest.roles ?? []) if (!existing.has(role)) await adminClient.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
    }
    let restored = true;
    try {
      const dbUrl = connectionUrl(scratchConn);
      const env = toolEnv(scratchConn, ctx.env);
      const args =
        tool === 'pg_restore'
          ? pgRestoreArgs({ dbUrl, clean: false, noOwner: true, noAcl: true, jobs: 1, singleTransaction: false })
          : psqlRestoreArgs({ dbUrl, singleTransaction: false });
      await decodeInto({ file: fetched.file, decompress, signal: ctx.signal, ...(decryption ? { stages: [decryption.stage()] } : {}) }, { name: tool, command: path.join(bin.dir, tool), args, env });
      checks.push({ check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true });
    } catch (err) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      restored = false;
      checks.push({ check: 'restore', expected: 'restores cleanly', found: oneLine(err), ok: false });
    }

    if (restored) {
      const db = await connect(scratchConn);
      try {
        const catalog = await describeCatalog(db, manifest.options ?? { schemas: [], excludeTables: [] });
        catalog.tables = await countRows(db, catalog.tables);
        const compared = compareToManifest(manifest, catalog, { sameMajor: major === manifest.database.serverMajor });
        checks.push(...compared.checks);
        tablesChecked = compared.tablesChecked;
        rowsChecked = compared.rowsChecked;
        for (const statement of assertions) {
          const text = statement.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ').trim();
          const label = `assertion: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
          try {
            const { rows, fields } = await db.query({ text: statement, rowMode: 'array' });
            const value = rows.length === 1 && fields.length === 1 ? (rows[0] as unknown[])[0] : undefined;
            const shape = rows.length === 1 && fields.length === 1 ? String(value) : `${rows.length} rows × ${fields.length} columns`;
            checks.push({ check: label, expected: 'true', found: shape, ok: isTruthy(value) });
          } catch (err) {
            checks.push({ check: label, expected: 'true', found: `error: ${(err as Error).message}`, ok: false });
          }
        }
      } finally {
        await db.end().catch(() => undefined);
      }
    }
  } finally {
    await fetched.cleanup();
    if (!o.keep) {
      await adminClient
        .query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)}${major! >= 13 ? ' WITH (FORCE)' : ''}`)
        .catch((err) => log.warning(`could not drop the scratch database "${scratch}": ${(err as Error).message}`));
    }
    await adminClient.end().catch(() => undefined);
  }
  const mismatches = checks.filter((c) => !c.ok).length;
  const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
  log.info(`validation of ${entry.key}: ${checks.length - mismatches}/${checks.length} checks passed in ${durationSeconds.toFixed(1)} s`);
  // issue 4: the bucket audit's "last restore drill" reads this record
  await recordDrill(s3, o.s3.bucket, o.s3.prefix, {
    status: mismatches ? 'failed' : 'passed', key: entry.key, sha256: fetched.sha256, finishedAt: ctx.now().toISOString(), mismatches, restoredMajor: major,
  }).catch((err) => log.warning(`could not record the drill in s3://${o.s3.bucket}/${drillRecordKey(o.s3.prefix)}: ${(err as Error).message}`));
  return {
    status: mismatches ? 'failed' : 'passed', key: entry.key, sha256: fetched.sha256, checks, tablesChecked, rowsChecked,
    mismatches, durationSeconds, restoredMajor: major, scratchDatabase: scratch, kept: o.keep,
  };
}

/** One line for a failed validation, naming every mismatch. */
export function failureLine(r: ValidateResult): string {
  const bad = r.checks.filter((c) => !c.ok).map((c) => `${c.check}: expected ${c.expected}, found ${c.found}`);
  return `validation of ${r.key} failed: ${r.mismatches} mismatch${r.mismatches === 1 ? '' : 'es'} — ${bad.join('; ')}`;
}
