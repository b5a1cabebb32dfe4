/**
 * The statements the verbs send besides the dump and the catalog: databases and roles created and dropped, tables
 * dropped before a clean restore, a drill's assertions. Every one over a client the caller opened (./introspect.ts).
 */
import type pg from 'pg';
import type { TableEntry } from '../model/catalog.js';
import { quoteIdent } from './catalog.js';

/** Every database that accepts connections, templates excluded (the `all` of the databases input). */
export async function connectableDatabases(client: pg.Client): Promise<string[]> {
  const sql = 'SELECT datname AS name FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1';
  return (await client.query<{ name: string }>(sql)).rows.map((r) => r.name);
}

/** Which of these databases exist on the server. */
export async function existingDatabases(client: pg.Client, names: string[]): Promise<Set<string>> {
  const sql = 'SELECT datname AS n FROM pg_database WHERE datname = ANY($1::text[])';
  return new Set((await client.query<{ n: string }>(sql, [names])).rows.map((r) => r.n));
}

/** Which of these roles exist on the server. */
export async function existingRoles(client: pg.Client, names: string[]): Promise<Set<string>> {
  if (!names.length) return new Set();
  const sql = 'SELECT rolname AS n FROM pg_roles WHERE rolname = ANY($1::text[])';
  return new Set((await client.query<{ n: string }>(sql, [names])).rows.map((r) => r.n));
}

/** What pg_dumpall may read (pg_authid with the passwords, or only pg_roles), and the roles themselves. */
export interface GlobalsAccess {
  readsAuthid: boolean;
  roles: string[];
}

export async function globalsAccess(client: pg.Client): Promise<GlobalsAccess> {
  const { rows } = await client.query<{ can: boolean }>(
    "SELECT has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS can",
  );
  const roles = await client.query<{ name: string }>(
    "SELECT rolname AS name FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1",
  );
  return { readsAuthid: rows[0]!.can, roles: roles.rows.map((r) => r.name) };
}

export async function createDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
}

/** Drops a database; with `force` (PostgreSQL 13 and later) its sessions are ended first. */
export async function dropDatabase(client: pg.Client, name: string, force: boolean): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${force ? ' WITH (FORCE)' : ''}`);
}

/** The roles of `names` the server lacks, created without login (owners and grants can then apply). */
export async function createMissingRoles(client: pg.Client, names: string[]): Promise<void> {
  const existing = await existingRoles(client, names);
  for (const role of names) if (!existing.has(role)) await client.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
}

/** Tables and materialized views dropped in one transaction, parents with their partitions (CASCADE). */
export async function dropTables(client: pg.Client, tables: TableEntry[]): Promise<void> {
  const name = (t: TableEntry) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
  const matviews = tables.filter((t) => t.kind === 'matview').map(name);
  const plain = tables.filter((t) => t.kind !== 'matview').map(name);
  await client.query('BEGIN');
  if (matviews.length) await client.query(`DROP MATERIALIZED VIEW IF EXISTS ${matviews.join(', ')} CASCADE`);
  if (plain.length) await client.query(`DROP TABLE IF EXISTS ${plain.join(', ')} CASCADE`);
  await client.query('COMMIT');
}

/** A user's assertion run as it is: its single value, or the shape of what it returned. */
export async function runAssertion(client: pg.Client, statement: string): Promise<{ value: unknown; shape: string }> {
  const { rows, fields } = await client.query({ text: statement, rowMode: 'array' });
  const single = rows.length === 1 && fields.length === 1;
  const value = single ? (rows[0] as unknown[])[0] : undefined;
  return { value, shape: single ? String(value) : `${rows.length} rows × ${fields.length} columns` };
}
