/**
 * A restore's progress by the archive's entries: the table of contents of what is restored (the schema part's head,
 * listed as the pre-flight lists it) and a multi-stream backup's data parts (one entry of data per table the manifest
 * names), counted as pg_restore --verbose begins each one. One sample at each step's line (the host shows them at
 * its own cadence) and a last one, 100%, when the restore is done.
 */
import { RestoreEntries, type ToolLines } from '../core/work-progress.js';
import type { ManifestPart } from '../model/manifest.js';
import type { RunContext } from '../model/context.js';
import { selectionArgs, type RestoreFlags } from '../postgres/argv.js';
import { runTool } from '../postgres/process.js';
import { parseToc } from './dump-needs.js';
import type { DumpSource } from './dump-source.js';

export interface RestoreProgress {
  step(jobs: number): ToolLines;
  /** The restore is done: the last sample. */
  done(): void;
}

/** Undefined when nothing shows progress, or the dump is plain SQL (psql says nothing as it goes). */
export async function restoreProgress(
  ctx: Pick<RunContext, 'onProgress'>,
  src: DumpSource,
  r: { flags: RestoreFlags; pgRestore: string; env: Record<string, string | undefined>; parts?: ManifestPart[] },
): Promise<RestoreProgress | undefined> {
  const report = ctx.onProgress;
  if (!report || src.format !== 'custom' || !src.head) return undefined;
  const listed = await runTool('pg_restore', r.pgRestore, ['--list', ...selectionArgs(r.flags), src.head], r.env);
  const toc = parseToc(listed);
  const partTables = r.flags.schemaOnly ? 0 : (r.parts ?? []).reduce((n, p) => n + p.tables.length, 0);
  const tables = toc.filter((e) => e.desc === 'TABLE DATA').length + partTables;
  const entries = new RestoreEntries(toc.length + partTables, tables);
  const sample = (final = false) =>
    report({ phase: 'restore', bytes: 0, work: final ? entries.all() : entries.work(), ...(final ? { final } : {}) });
  return {
    step: (jobs) => {
      const lines = entries.step(jobs);
      const told = (f: () => void) => () => {
        f();
        sample();
      };
      return {
        table: (name) => told(() => lines.table(name))(),
        entry: told(lines.entry),
        other: lines.other,
        end: told(lines.end),
      };
    },
    done: () => sample(true),
  };
}
