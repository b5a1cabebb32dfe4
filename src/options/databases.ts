/**
 * The inputs of a backup of several databases: databases (empty, a list or all), exclude-databases, globals and jobs.
 * Strict: each refusal is one line naming the input.
 */
import type { DatabaseSelection } from '../model/options.js';
import type { SetInputs } from '../model/options.js';
import { availableParallelism } from 'node:os';
import { UserError } from '../core/errors.js';
import { parseEnum, parseInteger, parseList } from './values.js';

/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes). */
const MAX_NAME_BYTES = 63;

function databaseNames(input: string, text: string): string[] {
  const names = [...new Set(parseList(text))];
  for (const n of names) {
    if (Buffer.byteLength(n) > MAX_NAME_BYTES)
      throw new UserError(`${input}: "${n}" is longer than PostgreSQL's 63-byte limit for a database name`);
    if (/[\0\r\n]/.test(n)) throw new UserError(`${input}: "${n}" holds a control character; no database has one`);
  }
  return names;
}

export function parseDatabases(input: string, text: string): DatabaseSelection {
  const items = parseList(text);
  if (!items.length) return { kind: 'single' };
  if (items.some((i) => i.toLowerCase() === 'all')) {
    if (items.length > 1)
      throw new UserError(`${input}: "all" cannot be combined with names; use all with exclude-databases, or a list`);
    return { kind: 'all' };
  }
  return { kind: 'list', names: databaseNames(input, text) };
}

/** Default: one per core, at least 2 (a dump waits on its server as much as on the CPU), at most 8. */
export function defaultJobs(cores = availableParallelism()): number {
  return Math.min(8, Math.max(2, cores));
}

export function parseSetInputs(text: {
  databases: string;
  excludeDatabases: string;
  globals: string;
  jobs: string;
  name?: string;
}): SetInputs {
  const databases = parseDatabases('databases', text.databases);
  const excludeDatabases = databaseNames('exclude-databases', text.excludeDatabases);
  if (excludeDatabases.length && databases.kind === 'single')
    throw new UserError('exclude-databases: needs databases (a list or all); set databases: all');
  if (databases.kind === 'list') {
    const left = databases.names.filter((n) => !excludeDatabases.includes(n));
    if (!left.length) throw new UserError('exclude-databases: leaves none of the databases listed; nothing to back up');
  }
  if (text.name && databases.kind !== 'single')
    throw new UserError('name: cannot be used with databases (a list or all): each database is named by itself');
  const globals = parseEnum('globals', text.globals, ['auto', 'true', 'false'] as const) !== 'false';
  const jobs = text.jobs.toLowerCase() === 'auto' ? defaultJobs() : parseInteger('jobs', text.jobs, 1, 64);
  return { databases, excludeDatabases, globals, jobs };
}
