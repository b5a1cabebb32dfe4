/**
 * validate --all: the drill of a whole backup set on a throwaway server. The set is restored as restore --all does it
 * (every member proven first, the globals, then every database under its own name); then the set's roles must be
 * present and every database must match its manifest. The databases the drill created are dropped (unless keep).
 */
import { plural } from '../core/format.js';
import type { RunContext } from '../model/context.js';
import { compareToManifest } from '../core/compare.js';
import type { Check } from '../model/results.js';
import { errorMessage, oneLine, UserError } from '../core/errors.js';
import type { RestoreOptions, ValidateOptions } from '../model/options.js';
import { dropDatabase, existingRoles } from '../postgres/admin.js';
import { countRows, describeCatalog } from '../postgres/catalog.js';
import { connect, serverInfo } from '../postgres/introspect.js';
import type { ValidateResult } from '../model/results.js';
import { restoreAll, type RestoreAllResult } from './restore-all.js';

/** The drill's restore: restore --all's defaults, every database, the globals when the server lacks their roles. */
function restoreOptionsOf(o: ValidateOptions): RestoreOptions {
  if (o.name) throw new UserError('name: a drill of a set (all) restores every database of it; leave name out');
  return {
    ...o,
    backup: 'latest',
    clean: false,
    // the drill compares with the manifest itself, its roles too
    compare: false,
    noOwner: false,
    noAcl: false,
    jobs: 1,
    decodedCopy: false,
    createDatabase: false,
    singleTransaction: false,
    yes: true,
    tables: [],
    schemas: [],
    schemaOnly: false,
    dataOnly: false,
    all: true,
    databases: [],
    withGlobals: 'auto',
  };
}

export async function validateSet(o: ValidateOptions, ctx: RunContext): Promise<ValidateResult> {
  const started = ctx.now();
  let restored: RestoreAllResult | undefined;
  const checks: Check[] = [];
  let tablesChecked = 0;
  let rowsChecked = 0;
  let major = 0;
  const t0 = performance.now();
  let restoreSeconds = 0;
  let compareSeconds = 0;
  try {
    restored = await restoreAll(restoreOptionsOf(o), ctx, undefined, true);
    restoreSeconds = (performance.now() - t0) / 1000;
    checks.push({ check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true });
    const compared = await compareSet(o, restored);
    compareSeconds = (performance.now() - t0) / 1000 - restoreSeconds;
    checks.push(...compared.checks);
    ({ tablesChecked, rowsChecked, major } = compared);
  } catch (err) {
    if (ctx.signal.aborted || !(err instanceof Error) || /target untouched|set:|databases:/.test(err.message))
      throw err;
    checks.push({ check: 'restore', expected: 'restores cleanly', found: oneLine(err), ok: false });
  } finally {
    if (restored && !o.keep) await dropCreated(o, ctx, restored.created);
  }
  const mismatches = checks.filter((c) => !c.ok).length;
  return {
    status: mismatches ? 'failed' : 'passed',
    key: restored?.setKey ?? o.set,
    sha256: '',
    checks,
    tablesChecked,
    rowsChecked,
    mismatches,
    durationSeconds: (ctx.now().getTime() - started.getTime()) / 1000,
    restoredMajor: major,
    scratchDatabase: restored?.created.join(',') ?? '',
    kept: o.keep,
    startedAt: started.toISOString(),
    ...(restored ? setEvidence(restored, restoreSeconds, compareSeconds) : {}),
  };
}

/** The set drill's stages (the restore's own is what remains of restore --all after its download and proof). */
function setEvidence(r: RestoreAllResult, restoreAllSeconds: number, compare: number): Partial<ValidateResult> {
  const { download, proof } = r.fetched;
  const tablesOf = (db: string) => (r.manifests[db]?.tables ?? []).map((t) => `${t.schema}.${t.name}`);
  return {
    stages: { download, proof, restore: Math.max(0, restoreAllSeconds - download - proof), compare },
    tables: r.databases.flatMap((db) => tablesOf(db).map((t) => `${db}: ${t}`)),
    members: r.proven.map((m) => ({ ...m, tables: tablesOf(m.database) })),
  };
}

/** The set's roles present; each database against its manifest (checks named by database). */
async function compareSet(o: ValidateOptions, r: RestoreAllResult) {
  const checks: Check[] = [];
  let tablesChecked = 0;
  let rowsChecked = 0;
  const admin = await connect(o.connection);
  let major: number;
  try {
    major = (await serverInfo(admin)).major;
    const present = await existingRoles(admin, r.globalRoles);
    const missing = r.globalRoles.filter((n) => !present.has(n));
    checks.push({
      check: 'roles',
      expected: `${plural(r.globalRoles.length, 'role')} of the globals`,
      found: missing.length ? `missing ${missing.join(', ')}` : `${r.globalRoles.length} present`,
      ok: missing.length === 0,
    });
  } finally {
    await admin.end().catch(() => undefined);
  }
  for (const name of r.databases) {
    const manifest = r.manifests[name];
    if (!manifest) {
      checks.push({ check: `${name}: manifest`, expected: 'a manifest (.meta)', found: 'none', ok: false });
      continue;
    }
    const db = await connect({ ...o.connection, database: name });
    try {
      const catalog = await describeCatalog(db, manifest.options ?? { schemas: [], excludeTables: [] });
      catalog.tables = await countRows(db, catalog.tables, r.counted.get(name));
      const compared = compareToManifest(manifest, catalog, { sameMajor: major === manifest.database.serverMajor });
      checks.push(...compared.checks.map((c) => ({ ...c, check: `${name}: ${c.check}` })));
      tablesChecked += compared.tablesChecked;
      rowsChecked += compared.rowsChecked;
    } finally {
      await db.end().catch(() => undefined);
    }
  }
  return { checks, tablesChecked, rowsChecked, major };
}

async function dropCreated(o: ValidateOptions, ctx: RunContext, names: string[]): Promise<void> {
  if (!names.length) return;
  const admin = await connect(o.connection, names.includes(o.connection.database) ? 'postgres' : o.connection.database);
  try {
    for (const n of names) {
      await dropDatabase(admin, n, true).catch((err) =>
        ctx.log.warning(`could not drop the drill's database "${n}": ${errorMessage(err)}`),
      );
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
}
