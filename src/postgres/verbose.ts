/**
 * The lines pg_dump and pg_restore print with --verbose (pure): which of them tell how far the tool is, which are
 * other chatter (read and dropped, never logged), and which are the tool's own words (errors, warnings and the
 * context of an error), kept for its failure message.
 */
import type { ToolLines } from '../core/work-progress.js';

export type VerboseLine =
  /** pg_dump begins a table's rows ("schema.name"), pg_restore begins loading them. */
  | { kind: 'table-data'; table: string }
  /** pg_restore begins one entry of the archive (creating, executing, processing). */
  | { kind: 'entry' }
  /** Other chatter. */
  | { kind: 'info' };

/** Whether a line is the tool's own verbose chatter rather than an error, a warning or an error's context. */
function chatter(tool: string, line: string): string | undefined {
  const prefix = `${tool}: `;
  if (!line.startsWith(prefix)) return undefined;
  const rest = line.slice(prefix.length);
  if (/^(error|warning|detail|hint|fatal):/i.test(rest) || /^(from TOC entry|while )/.test(rest)) return undefined;
  return rest;
}

/** pg_dump --verbose: `dumping contents of table "public.orders"` begins that table's rows. */
export function pgDumpVerbose(line: string): VerboseLine | undefined {
  const rest = chatter('pg_dump', line);
  if (rest === undefined) return undefined;
  const m = /^dumping contents of table "(.*)"$/.exec(rest);
  return m ? { kind: 'table-data', table: m[1]! } : { kind: 'info' };
}

/**
 * pg_restore --verbose: one line as each entry begins — `creating INDEX …`, `executing SEQUENCE SET …`,
 * `processing data for table "public.orders"`, `processing BLOBS`; with --jobs the leader's `processing item …`,
 * `launching item …` and `finished item …` are chatter (a worker still says `creating …`).
 */
export function pgRestoreVerbose(line: string): VerboseLine | undefined {
  const rest = chatter('pg_restore', line);
  if (rest === undefined) return undefined;
  const data = /^processing data for table "(.*)"$/.exec(rest);
  if (data) return { kind: 'table-data', table: data[1]! };
  if (/^(creating|executing) \S/.test(rest) || /^processing (?!item )\S/.test(rest)) return { kind: 'entry' };
  return { kind: 'info' };
}

/** A stderr line reader for spawnTool's onLine: the chatter goes to `lines` and is not kept; the rest is kept. */
export function verboseReader(tool: 'pg_dump' | 'pg_restore', lines: ToolLines): (line: string) => boolean {
  const parse = tool === 'pg_dump' ? pgDumpVerbose : pgRestoreVerbose;
  return (line) => {
    const v = parse(line);
    if (!v) return false;
    if (v.kind === 'table-data') lines.table(v.table);
    else if (v.kind === 'entry') lines.entry();
    else lines.other();
    return true;
  };
}
