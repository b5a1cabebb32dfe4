/**
 * Restoring a server's globals (pg_dumpall --globals-only) onto a target: roles it lacks are created with their
 * attributes, passwords, settings and memberships; roles it has are left exactly as they are; tablespaces are left
 * out (their directories belong to the old machine). The SQL holds password verifiers: it is written 0600 and removed.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../model/context.js';
import { runTool } from '../postgres/process.js';
import { tokenize } from './dump-needs.js';
import type { TargetCatalog } from '../model/context.js';

export interface GlobalsPlan {
  /** The SQL to run: the globals without the statements about roles the target already has. */
  sql: string;
  /** Every role the globals hold. */
  roles: string[];
  /** Roles the SQL creates. */
  created: string[];
  /** Roles the target already has (left alone). */
  kept: string[];
  /** Created roles that can log in. */
  login: string[];
  /** Tablespaces left out. */
  tablespaces: string[];
}

/** The role a CREATE ROLE / ALTER ROLE / COMMENT ON ROLE line is about, and the statement's kind. */
function roleLine(line: string): { role: string; create: boolean; attributes: string[] } | undefined {
  const t = tokenize(line);
  const w = (i: number) => (t[i] && !t[i]!.quoted ? t[i]!.text : '');
  if ((w(0) === 'create' || w(0) === 'alter') && w(1) === 'role' && t[2]) {
    return { role: t[2].text, create: w(0) === 'create', attributes: t.slice(3).map((x) => (x.quoted ? '' : x.text)) };
  }
  if (w(0) === 'comment' && w(1) === 'on' && w(2) === 'role' && t[3])
    return { role: t[3].text, create: false, attributes: [] };
  return undefined;
}

/** The roles the globals create (pure). */
export function rolesOfGlobals(sql: string): string[] {
  return [...new Set(sql.split('\n').flatMap((l) => (roleLine(l)?.create ? [roleLine(l)!.role] : [])))];
}

/** `GRANT role TO member … [GRANTED BY grantor]`: a membership of the globals. */
function membershipLine(line: string): { role: string; member: string; grantor?: string } | undefined {
  if (!/^GRANT /.test(line) || / ON /.test(line)) return undefined;
  const t = tokenize(line);
  if (!t[1] || !(t[2]?.text === 'to' && !t[2].quoted) || !t[3]) return undefined;
  const by = t.findIndex((x, i) => !x.quoted && x.text === 'granted' && t[i + 1]?.text === 'by');
  return { role: t[1].text, member: t[3].text, grantor: by >= 0 ? t[by + 2]?.text : undefined };
}

type Membership = NonNullable<ReturnType<typeof membershipLine>>;

/** `from` and every role reached from it by `step` (a membership's one end to its other). */
function reach(from: string[], memberships: Membership[], step: (m: Membership) => [string, string]): Set<string> {
  const out = new Set(from);
  for (let grown = true; grown; ) {
    grown = false;
    for (const m of memberships) {
      const [a, b] = step(m);
      if (out.has(a) && !out.has(b)) grown = Boolean(out.add(b));
    }
  }
  return out;
}

/**
 * The globals cut down to the roles a dump names, the roles they are members of (so they hold their privileges) and
 * the roles that are members of them (the logins that use them): a single database restored onto a new server gets
 * its own roles, not every role of the old server (pure). A grantor left out, and not on the target, is dropped from
 * its GRANTED BY (the restoring user grants instead).
 */
export function scopeGlobals(sql: string, needed: string[], existing: ReadonlySet<string>): string {
  const lines = sql.split('\n');
  const memberships = lines.flatMap((l) => membershipLine(l) ?? []);
  const up = reach(needed, memberships, (m) => [m.member, m.role]);
  const down = reach(needed, memberships, (m) => [m.role, m.member]);
  const scope = new Set([...up, ...down]);
  const kept: string[] = [];
  for (const line of lines) {
    const role = roleLine(line)?.role;
    const grant = membershipLine(line);
    if (role !== undefined && !scope.has(role)) continue;
    if (grant && !(scope.has(grant.member) && scope.has(grant.role))) continue;
    const foreign = grant?.grantor && !scope.has(grant.grantor) && !existing.has(grant.grantor);
    kept.push(foreign ? line.replace(/ GRANTED BY .*;$/, ';') : line);
  }
  return kept.join('\n');
}

/** What to run on a target that already has `existing` roles (pure); with `needed`, only the roles a dump names. */
export function planGlobals(globals: string, existing: ReadonlySet<string>, needed?: string[]): GlobalsPlan {
  const sql = needed ? scopeGlobals(globals, needed, existing) : globals;
  const roles = rolesOfGlobals(sql);
  const login = new Set<string>();
  const tablespaces: string[] = [];
  const kept: string[] = [];
  for (const line of sql.split('\n')) {
    const r = roleLine(line);
    if (r && !existing.has(r.role)) {
      if (r.attributes.includes('login')) login.add(r.role);
      if (r.attributes.includes('nologin')) login.delete(r.role);
    }
    if (r && existing.has(r.role)) continue;
    if (/^CREATE TABLESPACE /.test(line)) {
      tablespaces.push(tokenize(line)[2]?.text ?? '');
      continue;
    }
    if (/^(ALTER|COMMENT ON|GRANT .* ON) TABLESPACE /.test(line)) continue;
    kept.push(line);
  }
  return {
    sql: kept.join('\n'),
    roles,
    created: roles.filter((r) => !existing.has(r)),
    kept: roles.filter((r) => existing.has(r)),
    login: [...login].sort(),
    tablespaces,
  };
}

/**
 * Whether the globals are restored: with-globals true, or auto when the target lacks a role the dump names. Only
 * then are they loaded (`load`: undefined when there are none) and planned against the roles the target has;
 * `scoped` (one database) keeps only the roles the dump names and those they are members of.
 */
export async function globalsToApply(
  withGlobals: 'auto' | 'true' | 'false',
  needed: string[],
  catalog: TargetCatalog,
  load: () => Promise<string | undefined>,
  scoped = false,
): Promise<GlobalsPlan | undefined> {
  if (withGlobals === 'false') return undefined;
  const present = await catalog.existingRoles(needed);
  if (withGlobals === 'auto' && needed.every((r) => present.has(r))) return undefined;
  const sql = await load();
  if (sql === undefined) return undefined;
  return planGlobals(sql, await catalog.existingRoles(rolesOfGlobals(sql)), scoped ? needed : undefined);
}

/** Runs the plan's SQL with psql in one transaction (all roles or none), stopping at the first error. */
export async function applyGlobals(
  plan: GlobalsPlan,
  t: { psql: string; dbUrl: string; env: Record<string, string | undefined>; dir: string; log: Logger },
): Promise<void> {
  const file = path.join(t.dir, 'globals.sql');
  await writeFile(file, plan.sql, { mode: 0o600 });
  try {
    const args = [`--dbname=${t.dbUrl}`, '--no-password', '--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1'];
    await runTool('psql', t.psql, [...args, '--single-transaction', `--file=${file}`], t.env);
  } finally {
    await rm(file, { force: true });
  }
  if (plan.tablespaces.length) {
    t.log.warning(
      `globals: tablespaces ${plan.tablespaces.join(', ')} were left out (their directories belong to the old server): create them yourself if the databases need them`,
    );
  }
}
