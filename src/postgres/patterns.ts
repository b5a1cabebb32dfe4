/**
 * psql/pg_dump name patterns (`public.*`, `"Sales Data".order_?`, `audit*`) → anchored regular expressions over
 * schema and object names, as processSQLNamePattern does: unquoted letters fold to lower case, "…" keeps case and
 * literal characters, * and ? are wildcards, the last unquoted dot splits schema from name.
 */
export interface NamePattern {
  schema?: RegExp;
  name: RegExp;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

export function parseNamePattern(pattern: string): NamePattern {
  const parts: string[] = [''];
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '"') {
      if (quoted && pattern[i + 1] === '"') {
        parts[parts.length - 1] += '"';
        i++;
      } else quoted = !quoted;
    } else if (!quoted && c === '.') parts.push('');
    else if (!quoted && c === '*') parts[parts.length - 1] += '.*';
    else if (!quoted && c === '?') parts[parts.length - 1] += '.';
    else parts[parts.length - 1] += escapeRegex(quoted ? c : c.toLowerCase());
  }
  const re = (s: string) => new RegExp(`^(?:${s})$`);
  if (parts.length === 1) return { name: re(parts[0]!) };
  // db.schema.name: the database part is ignored (pg_dump requires it to be the current one)
  return { schema: re(parts[parts.length - 2]!), name: re(parts[parts.length - 1]!) };
}

export function matchesPattern(p: NamePattern, schema: string, name: string): boolean {
  return (p.schema ? p.schema.test(schema) : true) && p.name.test(name);
}

/** What pg_dump dumps given --schema and --exclude-table patterns (tables of other schemas, excluded tables: out). */
export function selectedBy(o: { schemas: string[]; excludeTables: string[] }) {
  const schemas = o.schemas.map((s) => parseNamePattern(s).name);
  const excluded = o.excludeTables.map(parseNamePattern);
  return {
    schema: (schema: string) => schemas.length === 0 || schemas.some((re) => re.test(schema)),
    table: (schema: string, name: string) =>
      (schemas.length === 0 || schemas.some((re) => re.test(schema))) &&
      !excluded.some((p) => matchesPattern(p, schema, name)),
  };
}
