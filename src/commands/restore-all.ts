/**
 * restore --all: a whole backup set onto a server. Read the set → check the target read-only (databases that hold
 * tables refused unless clean) → bring every member down and prove it → pre-flight (roles, extensions; the globals'
 * roles count when they will be restored) → only then touch the server: the globals first, then each database
 * created with its properties and restored, up to `jobs` at once.
 */
import { plural } from '../core/format.js';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ProgressEvent, RunContext } from '../model/context.js';
import type { SetMember } from '../model/set.js';
import { noteCleanup, UserError, errorMessage } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import type { RestoreOptions } from '../model/options.js';
import { pgRestoreArgs } from '../postgres/argv.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import { findPgBin } from '../postgres/tools.js';
import { clientFor } from '../s3/client.js';
import { decodeInto } from '../stream/decode.js';
import { checkTempSpace } from '../restore/temp-space.js';
import { tempDirOf } from '../core/temp-dirs.js';
import { HEAD_ALLOWANCE, partLoads } from '../core/restore-plan.js';
import { globalsToApply, rolesOfGlobals, type GlobalsPlan } from '../restore/globals-restore.js';
import { restoreGlobals } from '../restore/with-globals.js';
import { preflight, readDumpNeeds } from '../restore/preflight.js';
import { chosenMember, membersToRestore, readSet } from '../store/set-members.js';
import { openTargetCatalog } from '../postgres/target-catalog.js';
import { inspectServer, refuseOccupied, type TargetServer } from '../restore/target-server.js';
import {
  carriesDatabase,
  cleanupMembers,
  fetchMembers,
  storedSize,
  readGlobalsSql,
  type FetchedMember,
} from '../restore/fetch-members.js';
import { createDatabase } from '../restore/create-database.js';
import { matchAll } from '../restore/compare-restored.js';
import { countingEarly } from '../restore/early-counts.js';
import type { Matched } from '../model/results.js';
import { inputRef } from '../core/input-ref.js';
import { restoreParts } from '../restore/restore-parts.js';

export interface RestoreAllResult {
  setKey: string;
  databases: string[];
  /** Each database restored: its key, and the SHA-256 its download was proven against. */
  members: Array<{ database: string; key: string; sha256: string; size: number }>;
  size: number;
  serverVersion: string;
  durationSeconds: number;
  globals?: { created: string[]; kept: string[]; withoutPassword: string[] };
  /** Every role the set's globals hold (restored or already there). */
  globalRoles: string[];
  /** Each database's manifest, and the row counts taken while its other parts loaded, for a drill's comparison. */
  manifests: Record<string, Manifest | undefined>;
  counted: Counted;
  /** The databases this restore created (they did not exist on the server before). */
  created: string[];
  /** What the comparison with the manifests covered (undefined: not compared). */
  matched?: Matched;
  /** Each member's backup as proven (the globals too), and the download and proof of them all (seconds), for a drill's record. */
  proven: Array<{ database: string; key: string; sha256: string }>;
  fetched: { download: number; proof: number };
}

const memberToMatch = (f: FetchedMember, server: TargetServer, counted: Counted) => ({
  database: f.member.database,
  manifest: f.manifest,
  tables: server.databases.get(f.member.database)?.tables ?? 0,
  counted: counted.get(f.member.database),
});

/** By database, the row counts taken while its other parts loaded (see ../restore/early-counts.ts). */
type Counted = Map<string, ReadonlyMap<string, number>>;
type Bins = { pgRestore: string; psql: string };
/** The tools, the target as found, and whether a multi-stream database's tables are counted as its parts load. */
type On = { bins: Bins; server: TargetServer; countEarly: boolean };

type Confirm = RunContext['confirm'];
export async function restoreAll(o: RestoreOptions, ctx: RunContext, confirm?: Confirm, countEarly = o.compare) {
  const started = ctx.now();
  if (o.tables.length || o.schemas.length || o.schemaOnly || o.dataOnly || o.name) {
    throw new UserError('all restores whole databases: to restore a table or a schema, restore one database with name');
  }
  const s3 = clientFor(ctx, o.s3);
  const set = await readSet(o, o.set, s3);
  const { globals, members } = membersToRestore(set, o.databases);
  const names = members.map((m) => m.database);
  ctx.log.info(`set: ${set.key}: ${names.join(', ')}${globals ? ' and the globals' : ''}`);
  const server = await inspectServer(o.connection, names);
  refuseOccupied(server, o.clean, `${o.connection.host}:${o.connection.port}`);
  const bins = await findBins(o, ctx, set.server.serverMajor ?? 0);
  const all = [...(globals ? [globals] : []), ...members];
  const chosen = await checkSpace(o, ctx, s3, set.key, all);
  const fetchStart = performance.now();
  const fetched = await fetchMembers(o, ctx, s3, all, bins.pgRestore, chosen);
  const fetchSeconds = (performance.now() - fetchStart) / 1000;
  let touched = false;
  try {
    const g = globals ? fetched[0] : undefined;
    const dbs = fetched.filter((f) => f.member.kind === 'database');
    const { plan, globalRoles } = await checkTarget(o, ctx, bins, dbs, g);
    const question = { key: set.key, database: names.join(', '), host: o.connection.host, existingTables: 0 };
    if (confirm && !(await confirm(question))) throw new UserError('restore not confirmed: nothing was changed');
    touched = true;
    const globalsReport = plan ? await restoreGlobals(o, ctx, bins, plan, fetched[0]!) : undefined;
    const counted = await restoreDatabases(o, ctx, { bins, server, countEarly }, dbs);
    const matched = await matchAll(
      o,
      ctx.log,
      dbs.map((f) => memberToMatch(f, server, counted)),
    );
    const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
    const size = fetched.reduce((n, f) => n + f.proven.fetched.bytes, 0);
    const result: RestoreAllResult = {
      setKey: set.key,
      databases: names,
      members: dbs.map((f) => ({
        database: f.member.database,
        key: f.member.key ?? '',
        sha256: f.member.sha256 ?? '',
        size: f.proven.fetched.bytes,
      })),
      size,
      serverVersion: server.serverVersion,
      durationSeconds,
      globals: globalsReport,
      globalRoles,
      manifests: Object.fromEntries(dbs.map((f) => [f.member.database, f.manifest])),
      counted,
      created: names.filter((n) => !server.databases.get(n)?.exists),
      matched,
      proven: fetched.map((f) => ({
        database: f.member.database,
        key: f.member.key ?? '',
        sha256: f.proven.fetched.sha256,
      })),
      fetched: drillFetch(fetched, fetchSeconds),
    };
    return result;
  } catch (err) {
    if (touched) noteCleanup(ctx.signal, 'the restore was stopped: the server may be partly restored');
    throw err;
  } finally {
    await cleanupMembers(fetched);
  }
}

/** The temporary disk every member needs, checked before the download; each member's manifest first (its data parts). */
async function checkSpace(o: RestoreOptions, ctx: RunContext, s3: S3Client, setKey: string, all: SetMember[]) {
  const chosen = await Promise.all(all.map((m) => chosenMember(o, m, s3)));
  const need = chosen.reduce((n, c) => n + storedSize(c) + HEAD_ALLOWANCE, 0);
  await checkTempSpace(tempDirOf(o, ctx), need, `restoring ${setKey}`, ctx);
  return chosen;
}

/** The members' proofs summed; the rest of the fetching's wall time is the download. */
function drillFetch(fetched: FetchedMember[], seconds: number): RestoreAllResult['fetched'] {
  const proof = fetched.reduce((n, f) => n + f.proven.seconds.proof, 0);
  return { download: Math.max(0, seconds - proof), proof };
}

async function findBins(o: RestoreOptions, ctx: RunContext, required: number): Promise<Bins> {
  const find = (tool: 'pg_restore' | 'psql', major: number) =>
    findPgBin({
      tool,
      required: major,
      pgBinDir: o.pgBinDir,
      because: `the set was written from PostgreSQL ${required}`,
      install: ctx.installClient,
    });
  const [r, p] = await Promise.all([find('pg_restore', required), find('psql', 0)]);
  return { pgRestore: path.join(r.dir, 'pg_restore'), psql: path.join(p.dir, 'psql') };
}

/**
 * Where the restore connects for server-wide work: the database in database-url, unless the set restores it, then
 * postgres, unless the set restores that too, then template1 (as pg_dumpall --clean does): a clean restore drops
 * and re-creates each database, which PostgreSQL refuses for the one the session is connected to.
 */
function adminDatabase(o: RestoreOptions, dbs: FetchedMember[]): string {
  const restored = new Set(dbs.map((f) => f.member.database));
  return [o.connection.database, 'postgres'].find((d) => !restored.has(d)) ?? 'template1';
}

/**
 * The pre-flight over every database at once (one line for everything missing), and whether the globals are
 * restored: with-globals true, or auto when the target lacks a role the databases name.
 */
async function checkTarget(
  o: RestoreOptions,
  ctx: RunContext,
  bins: Bins,
  dbs: FetchedMember[],
  g: FetchedMember | undefined,
): Promise<{ plan?: GlobalsPlan; globalRoles: string[] }> {
  const env = toolEnv(o.connection, ctx.env);
  const all = await Promise.all(
    dbs.map((f) => readDumpNeeds(f.dump, 'custom', bins.pgRestore, { ...o, create: true }, env)),
  );
  const needs = {
    roles: [...new Set(all.flatMap((n) => n.roles))].sort(),
    extensions: [...new Set(all.flatMap((n) => n.extensions))].sort(),
  };
  const catalog = await (ctx.pgCatalog ?? openTargetCatalog)(o.connection, adminDatabase(o, dbs));
  try {
    const globalsSql = g ? await readGlobalsSql(g) : undefined;
    const plan = await globalsToApply(o.withGlobals, needs.roles, catalog, async () => globalsSql);
    if (o.withGlobals === 'true' && !globalsSql)
      throw new UserError('with-globals: the set holds no globals (backed up with globals: false)');
    await preflight(needs, catalog, new Set(plan?.created ?? []));
    ctx.log.info(
      `pre-flight: the target has what the set needs (${plural(needs.roles.length, 'role')}, ${plural(needs.extensions.length, 'extension')})`,
    );
    return { plan, globalRoles: globalsSql ? rolesOfGlobals(globalsSql) : [] };
  } finally {
    await catalog.close();
  }
}

/** Each database created with its properties (pg_restore --create) and restored, up to `jobs` at once. */
async function restoreDatabases(o: RestoreOptions, ctx: RunContext, on: On, dbs: FetchedMember[]): Promise<Counted> {
  const queue = [...dbs];
  const failures: string[] = [];
  const counted: Counted = new Map();
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      try {
        const early = await restoreOne(o, ctx, on, f, adminDatabase(o, dbs));
        if (early) counted.set(f.member.database, early);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        failures.push(`${f.member.database} (${errorMessage(err)})`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, dbs.length) }, worker));
  if (failures.length)
    throw new UserError(
      `restore: ${failures.length} of ${plural(dbs.length, 'database')} failed: ${failures.join('; ')}`,
    );
  return counted;
}

async function restoreOne(
  o: RestoreOptions,
  ctx: RunContext,
  { bins, server, countEarly }: On,
  f: FetchedMember,
  admin: string,
): Promise<ReadonlyMap<string, number> | undefined> {
  const name = f.member.database;
  const target = server.databases.get(name)!;
  const env = toolEnv(o.connection, ctx.env);
  const flags = { noOwner: o.noOwner, noAcl: o.noAcl, jobs: 1, singleTransaction: false };
  const withProperties = await carriesDatabase(f.dump, bins.pgRestore, env);
  let first: { dbUrl: string; create: boolean; clean: boolean };
  if (withProperties && (!target.exists || o.clean)) {
    if (target.exists)
      ctx.log.info(
        `clean: dropping database ${name} (${plural(target.tables, 'table')}) and re-creating it from the backup`,
      );
    first = { dbUrl: connectionUrl(o.connection, admin), create: true, clean: target.exists };
  } else {
    if (!target.exists) await createDatabase({ ...o.connection, database: name });
    else if (withProperties)
      ctx.log.warning(
        `${name}: restored into the existing empty database; its owner, settings and comment were not applied (set ${inputRef('clean')} to re-create it)`,
      );
    first = { dbUrl: connectionUrl(o.connection, name), create: false, clean: false };
  }
  if (f.parts.length) {
    const into = { flags: { ...flags, clean: false }, dbUrl: connectionUrl(o.connection, name), env };
    const r = { proven: f.proven, parts: f.parts, manifestParts: f.manifest?.parts ?? [], jobs: 1, loads: o.jobs };
    const report = ctx.onProgress;
    const told = report ? { onProgress: (p: ProgressEvent) => report({ ...p, label: name }) } : {};
    const firstStep = { dbUrl: first.dbUrl, flags: { ...flags, create: first.create, clean: first.clean } };
    const { words } = partLoads(f.parts.length, o.jobs);
    ctx.log.info(`${name}: restoring its schema part and ${f.parts.length} data parts (the data parts ${words})`);
    const db = { ...o.connection, database: name };
    const { counted } = await countingEarly(db, countEarly ? f.manifest : undefined, (onPartLoaded) => {
      const tell = onPartLoaded ? { onPartLoaded } : {};
      return restoreParts(
        { ...r, ...told, ...tell, first: firstStep },
        { ...into, command: bins.pgRestore, signal: ctx.signal },
      );
    });
    ctx.log.info(`${name}: restored`);
    return counted;
  } else {
    const args = pgRestoreArgs({ ...flags, ...first });
    ctx.log.info(`${name}: restoring (one pg_restore reads the decoding stream; no decoded copy)`);
    await decodeInto(f.proven.spec(), { name: 'pg_restore', command: bins.pgRestore, args, env });
  }
  ctx.log.info(`${name}: restored`);
}
