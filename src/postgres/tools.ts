/**
 * Finding pg_dump / pg_restore / psql of the right major version. pg_dump refuses a newer server, so this is the
 * most common failure of every pg_dump-to-S3 tool: we look everywhere a client may live and say exactly what we found.
 */
import { access, readdir, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { runTool } from './process.js';
import { inputRef } from '../core/input-ref.js';

export interface PgBin {
  dir: string;
  major: number;
  version: string;
}

/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → { major: 15, version: "15.18" } */
export function parseToolVersion(text: string): { major: number; version: string } | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  const major = Number(m[1]);
  // before 10 the major was two numbers (9.6); those clients cannot dump a supported server anyway
  return { major, version: [m[1], m[2], m[3]].filter((x) => x !== undefined).join('.') };
}

/** The oldest client that is at least `required` (closest to the server: newer pg_dump may emit SQL an older server rejects). */
export function chooseBin(found: PgBin[], required: number): PgBin | undefined {
  return found.filter((b) => b.major >= required).sort((a, b) => a.major - b.major)[0];
}

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function globDirs(parent: string, match: RegExp, suffix: string): Promise<string[]> {
  try {
    return (await readdir(parent)).filter((d) => match.test(d)).map((d) => path.join(parent, d, suffix));
  } catch {
    return [];
  }
}

/** Every directory that may hold PostgreSQL client tools, PATH first. */
export async function candidateDirs(env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const dirs = [
    ...(env.PATH ?? '').split(path.delimiter).filter(Boolean),
    ...(await globDirs('/usr/lib/postgresql', /^\d+$/, 'bin')),
    ...(await globDirs('/usr', /^pgsql-\d+$/, 'bin')),
    ...(await globDirs('/opt/homebrew/opt', /^postgresql@\d+$/, 'bin')),
    ...(await globDirs('/usr/local/opt', /^postgresql@\d+$/, 'bin')),
    ...(await globDirs('/Applications/Postgres.app/Contents/Versions', /^\d+$/, 'bin')),
  ];
  if (env.S3_BACKUP_PG_CACHE) dirs.push(...(await globDirs(env.S3_BACKUP_PG_CACHE, /^\d+$/, 'bin')));
  return [...new Set(dirs)];
}

/** The answers of this process's `--version` runs, by file: a run asks for the same client more than once. */
const versions = new Map<string, Promise<{ major: number; version: string } | undefined>>();

function versionOf(tool: string, file: string) {
  let v = versions.get(file);
  if (!v) {
    v = runTool(tool, file, ['--version']).then(parseToolVersion, () => undefined);
    versions.set(file, v);
  }
  return v;
}

/**
 * pg_dumpall runs the pg_dump of its own directory and refuses one of another version, so a pg_dump found there
 * (the same real directory, not a link elsewhere) answers for it: one process fewer to start.
 */
async function answeringFile(dir: string, tool: string, file: string): Promise<[string, string]> {
  if (tool !== 'pg_dumpall') return [tool, file];
  const dump = path.join(dir, 'pg_dump');
  if (!(await executable(dump))) return [tool, file];
  const [a, b] = await Promise.all([realpath(file), realpath(dump)]).catch(() => ['', 'unknown']);
  return path.dirname(a) === path.dirname(b) ? ['pg_dump', dump] : [tool, file];
}

async function probeDir(dir: string, tool = 'pg_dump'): Promise<PgBin | undefined> {
  const file = path.join(dir, tool);
  if (!(await executable(file))) return undefined;
  const v = await versionOf(...(await answeringFile(dir, tool, file)));
  return v ? { dir, ...v } : undefined;
}

/**
 * Starts the `--version` runs a later findPgBin of `tool` will ask for, so that they run while the server is asked
 * which version it is; their answers (and failures) wait for that call.
 */
export function probeAhead(tool: FindOptions['tool'], pgBinDir?: string): void {
  const dirs = pgBinDir ? Promise.resolve([pgBinDir]) : candidateDirs();
  dirs.then((ds) => Promise.all(ds.map((d) => probeDir(d, tool)))).catch(() => undefined);
}

export async function discoverBins(dirs: string[], tool = 'pg_dump'): Promise<PgBin[]> {
  const found = await Promise.all(dirs.map((d) => probeDir(d, tool)));
  const seen = new Set<string>();
  return found.filter((b): b is PgBin => {
    if (!b || seen.has(b.version + b.dir)) return false;
    seen.add(b.version + b.dir);
    return true;
  });
}

function describeFound(found: PgBin[]): string {
  return found.length ? found.map((b) => `${b.version} in ${b.dir}`).join(', ') : 'none';
}

export interface FindOptions {
  /** Minimum major (the server's, for pg_dump; the archive's, for pg_restore). */
  required: number;
  tool: 'pg_dump' | 'pg_dumpall' | 'pg_restore' | 'psql';
  pgBinDir?: string;
  /** What needs it, for the error line: "the server is PostgreSQL 18". */
  because: string;
  /** Last resort, e.g. installing the client on a GitHub runner. */
  install?: (major: number) => Promise<string | undefined>;
}

export async function findPgBin(o: FindOptions): Promise<PgBin> {
  if (o.pgBinDir) {
    const bin = await probeDir(o.pgBinDir, o.tool);
    if (!bin)
      throw new UserError(
        `pg-bin-dir: no ${o.tool} in ${o.pgBinDir}; point it at the bin directory of a PostgreSQL ${o.required}+ client`,
      );
    if (bin.major < o.required) {
      throw new UserError(
        `pg-bin-dir: ${o.tool} ${bin.version} in ${o.pgBinDir} is older than ${o.required}, and ${o.because}; use a PostgreSQL ${o.required}+ client`,
      );
    }
    return bin;
  }
  const found = await discoverBins(await candidateDirs(), o.tool);
  const chosen = chooseBin(found, o.required);
  if (chosen) return chosen;
  const installed = o.install ? await o.install(o.required) : undefined;
  if (installed) {
    const bin = await probeDir(installed, o.tool);
    if (bin && bin.major >= o.required) return bin;
  }
  throw new UserError(
    `${o.tool} ${o.required} or newer is needed (${o.because}) but found ${describeFound(found)}: ` +
      `install postgresql-client-${o.required} (apt.postgresql.org) or set ${inputRef('pg-bin-dir')}`,
  );
}
