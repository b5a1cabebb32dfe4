/**
 * A multi-stream restore that is compared with its manifest counts each data part's tables as soon as that part is
 * loaded, while the other parts still load: the exact counts (and the first read of the new rows, which sets their
 * hint bits) use the cores the loading leaves idle, instead of adding to the comparison after the last part. Rows
 * cannot change once their part is in: what follows (indexes, constraints, triggers) writes none. The part that
 * finishes last is counted with the rest, as before, with every core.
 */
import type { Connection } from '../model/connection.js';
import type { Manifest } from '../model/manifest.js';
import { countRows } from '../postgres/catalog.js';
import { connect } from '../postgres/introspect.js';

interface EarlyCounts {
  /** Told when a data part's pg_restore has finished. */
  partLoaded(part: number): void;
  /** Waits for every count started and closes its connection: the counts taken, by "schema.name". */
  settle(): Promise<Map<string, number>>;
}

/** Undefined when there is nothing to count early: a single stream, or one data part. */
function earlyCounts(c: Connection, manifest: Manifest): EarlyCounts | undefined {
  const parts = manifest.parts ?? [];
  if (parts.length < 2) return undefined;
  const byName = new Map(manifest.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const running: Array<Promise<Array<[string, number]>>> = [];
  let loaded = 0;
  let settled: Promise<Map<string, number>> | undefined;
  return {
    partLoaded(part) {
      loaded++;
      if (settled || loaded === parts.length) return;
      const tables = (parts[part - 1]?.tables ?? []).flatMap((name) => byName.get(name) ?? []);
      // a count that fails here is taken again with the rest
      if (tables.length) running.push(countPart(c, tables).catch(() => []));
    },
    settle() {
      settled ??= Promise.all(running).then((all) => new Map(all.flat()));
      return settled;
    },
  };
}

/**
 * Runs a restore (`run`, told where to report each loaded part) with the early counts of `manifest` (undefined: none):
 * its result, and the counts taken. However the restore ends, no count is left running on the target.
 */
export async function countingEarly<T>(
  c: Connection,
  manifest: Manifest | undefined,
  run: (onPartLoaded?: (part: number) => void) => Promise<T>,
): Promise<{ value: T; counted: Map<string, number> | undefined }> {
  const early = manifest ? earlyCounts(c, manifest) : undefined;
  try {
    const value = await run(early && ((part) => early.partLoaded(part)));
    return { value, counted: await early?.settle() };
  } finally {
    await early?.settle();
  }
}

async function countPart(c: Connection, tables: Manifest['tables']): Promise<Array<[string, number]>> {
  const client = await connect(c);
  try {
    // one core: the other parts are still loading on the rest
    await client.query('SET max_parallel_workers_per_gather = 0');
    const counted = await countRows(client, tables);
    return counted.flatMap((t) => (t.rows === null ? [] : [[`${t.schema}.${t.name}`, t.rows] as [string, number]]));
  } finally {
    await client.end().catch(() => undefined);
  }
}
