/**
 * A multi-stream restore builds a data part's own indexes and primary, unique and exclusion constraints as soon as that
 * part's rows are in, while the last (largest) parts still load, as `pg_restore --jobs` does for one archive: the
 * post-data that follows the last load is then only that of the tables still loading, and of what spans tables.
 * Pure: read from `pg_restore --list --verbose` of the schema part's head (each entry with its dependencies). Only an
 * entry whose every dependency is a table of one loaded part, or a schema object created before any data (a schema,
 * a function, a type …), is built early; anything else — foreign keys, triggers, what depends on another post-data
 * entry, a table whose name the listing cannot tell apart from another — waits for the post-data step as before.
 */
import { parseToc } from './dump-needs.js';

export interface TocItem {
  id: number;
  /** The line as pg_restore --list printed it (for a --use-list file). */
  line: string;
  desc: string;
  namespace: string;
  tag: string;
  /** The entries it depends on (their ids). */
  deps: number[];
}

/** `pg_restore --list --verbose` → its entries with their dependencies (";\tdepends on: 12 34" under an entry). */
export function parseTocDeps(text: string): TocItem[] {
  const out: TocItem[] = [];
  for (const line of text.split('\n')) {
    const dep = /^;\s*depends on:(.*)$/.exec(line);
    if (dep) {
      out.at(-1)?.deps.push(...dep[1]!.trim().split(/\s+/).filter(Boolean).map(Number));
      continue;
    }
    const id = /^(\d+); /.exec(line);
    const [e] = id ? parseToc(line) : [];
    if (e) out.push({ id: Number(id![1]), line, desc: e.desc, namespace: e.namespace, tag: e.tag, deps: [] });
  }
  return out;
}

/** What is built early: indexes, and primary key, unique and exclusion constraints (FK and CHECK have types of their own). */
const EARLY = new Set(['INDEX', 'CONSTRAINT']);

/** Dependencies that are created before any data and hold none: an early entry may depend on these. */
const SCHEMA_OBJECTS = new Set([
  'SCHEMA',
  'EXTENSION',
  'FUNCTION',
  'TYPE',
  'DOMAIN',
  'COLLATION',
  'OPERATOR',
  'OPERATOR CLASS',
  'OPERATOR FAMILY',
]);

/**
 * For each data part (1, 2 …), the post-data entries that need its rows and no others, in the listing's order.
 * `all`: the whole listing (for the tables' names); `postData`: the post-data step's own listing; `partTables`: each
 * part's tables by "schema.name", as the manifest names them.
 */
export function earlyByPart(all: TocItem[], postData: TocItem[], partTables: string[][]): Map<number, TocItem[]> {
  const partOf = new Map<string, number>();
  partTables.forEach((tables, i) => {
    for (const t of tables) partOf.set(t, i + 1);
  });
  const byId = new Map(all.map((e) => [e.id, e]));
  const keys = all.filter((e) => e.desc === 'TABLE').map((e) => `${e.namespace}.${e.tag}`);
  const ambiguous = new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
  const tablePart = (e: TocItem): number | undefined => {
    const key = `${e.namespace}.${e.tag}`;
    return ambiguous.has(key) ? undefined : partOf.get(key);
  };
  const out = new Map<number, TocItem[]>();
  for (const item of postData) {
    if (!EARLY.has(item.desc) || !item.deps.length) continue;
    const parts = new Set<number | undefined>();
    let schemaOnly = true;
    for (const dep of item.deps.map((id) => byId.get(id))) {
      if (dep?.desc === 'TABLE') parts.add(tablePart(dep));
      else if (!dep || !SCHEMA_OBJECTS.has(dep.desc)) schemaOnly = false;
    }
    const [part] = parts;
    if (!schemaOnly || parts.size !== 1 || part === undefined) continue;
    out.set(part, [...(out.get(part) ?? []), item]);
  }
  return out;
}

/** A --use-list file's text: these entries, one line each. */
export function useList(items: TocItem[]): string {
  return `${items.map((e) => e.line).join('\n')}\n`;
}
