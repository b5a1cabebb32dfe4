/** The restored database against the manifest, check by check (pure). */
import type { Check } from '../model/results.js';
import type { Manifest } from '../model/manifest.js';
import type { Catalog, TableEntry } from '../model/catalog.js';

const id = (s: { schema: string; name: string }) => `${s.schema}.${s.name}`;
const cols = (t: TableEntry) => t.columns.map((c) => `${c.name} ${c.type}`).join(', ');

export function compareToManifest(
  manifest: Manifest,
  found: Catalog,
  o: { sameMajor: boolean },
): { checks: Check[]; rowsChecked: number; tablesChecked: number } {
  const checks: Check[] = [];
  let rowsChecked = 0;
  const push = (check: string, expected: unknown, actual: unknown) =>
    checks.push({ check, expected: String(expected), found: String(actual), ok: String(expected) === String(actual) });

  const foundSchemas = new Set(found.schemas);
  for (const s of manifest.schemas ?? []) push(`schema ${s}`, 'present', foundSchemas.has(s) ? 'present' : 'missing');

  const foundTables = new Map(found.tables.map((t) => [id(t), t]));
  const expectedTables = new Set((manifest.tables ?? []).map(id));
  for (const t of manifest.tables ?? []) {
    const f = foundTables.get(id(t));
    if (!f) {
      push(`table ${id(t)}`, 'present', 'missing');
      continue;
    }
    push(`columns of ${id(t)}`, cols(t), cols(f));
    if (t.kind === 'table' && manifest.rowCounts === 'exact' && t.rows !== null) {
      push(`rows of ${id(t)}`, t.rows, f.rows);
      rowsChecked += t.rows;
    }
  }
  for (const f of found.tables)
    if (!expectedTables.has(id(f))) push(`table ${id(f)}`, 'absent (not in the manifest)', 'present');

  const foundSeqs = new Map(found.sequences.map((s) => [id(s), s.lastValue]));
  for (const s of manifest.sequences ?? []) {
    push(
      `sequence ${id(s)}`,
      s.lastValue ?? 'not called',
      foundSeqs.has(id(s)) ? (foundSeqs.get(id(s)) ?? 'not called') : 'missing',
    );
  }

  const foundExts = new Map(found.extensions.map((e) => [e.name, e.version]));
  for (const e of manifest.extensions ?? []) {
    const v = foundExts.get(e.name);
    // a newer server installs its own default version of an extension
    push(
      `extension ${e.name}`,
      o.sameMajor ? e.version : 'present',
      v === undefined ? 'missing' : o.sameMajor ? v : 'present',
    );
  }
  if (manifest.largeObjects !== undefined) push('large objects', manifest.largeObjects, found.largeObjects);
  return { checks, rowsChecked, tablesChecked: (manifest.tables ?? []).length };
}
