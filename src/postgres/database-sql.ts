/**
 * A database's own statements as pg_restore --create writes them (CREATE DATABASE, its owner, comment, settings and
 * privileges), made to run from another database's session, for a target that may bear another name (pure).
 */
import { quoteIdent } from './catalog.js';

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How pg_dump may have written the name: bare (a plain lower-case word) or quoted. */
function nameAlternatives(name: string): string {
  const quoted = literal(quoteIdent(name));
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? `(?:${quoted}|${literal(name)})` : quoted;
}

/**
 * The statements about database `from` renamed to `to`; the \connect lines left out (the properties are set from
 * the session that created the database, which needs no connection to it).
 */
export function databaseStatementsFor(sql: string, from: string, to: string): string {
  const name = nameAlternatives(from);
  const target = quoteIdent(to);
  const heads = [
    `^(CREATE DATABASE |ALTER DATABASE |COMMENT ON DATABASE |SECURITY LABEL .* ON DATABASE )${name}(?=[\\s;])`,
    `^((?:GRANT|REVOKE) .* ON DATABASE )${name}(?= (?:TO|FROM) )`,
    `^(ALTER ROLE .* IN DATABASE )${name}(?= )`,
  ].map((re) => new RegExp(re));
  return sql
    .split('\n')
    .filter((line) => !line.startsWith('\\connect '))
    .map((line) => heads.reduce((l, re) => l.replace(re, `$1${target}`), line))
    .join('\n');
}
