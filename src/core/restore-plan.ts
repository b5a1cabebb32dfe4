/**
 * How a backup is restored (pure): a list of steps, each one pg_restore (or psql) reading one source — the decoding
 * stream, the archive's head (header and table of contents: the schema without the data) or a decoded copy — for one
 * section, with its own number of jobs. A multi-stream backup adds its data parts: each part's decoding stream into
 * its own pg_restore, `loads` at a time (one wave), between the schema part's pre-data and post-data.
 */
import { UserError } from './errors.js';

type RestoreSource = 'stream' | 'head' | 'copy';
type Section = 'pre-data' | 'data' | 'post-data';

export interface RestoreStep {
  source: RestoreSource;
  /** Undefined: every section the flags select. */
  section?: Section | Section[];
  jobs: number;
  /** A multi-stream backup's data part (1, 2 …) this step reads; undefined: the backup's own object. */
  part?: number;
  /** Consecutive steps of one wave run at the same time. */
  wave?: number;
  /** Only these entries of the table of contents: a pg_restore --use-list file. */
  list?: string;
}

export interface RestorePlan {
  steps: RestoreStep[];
  /** At most this many steps of a wave at once, the others started in order as those finish; undefined: all. */
  atOnce?: number;
  /**
   * A data part's own indexes and constraints are built as soon as it is loaded, once no load is waiting for a place
   * among the `atOnce` (see restore/early-post-data.ts); the post-data step after the wave builds the rest.
   */
  earlyIndexes?: boolean;
  /** One line: which path and why. */
  why: string;
}

export interface PlanInput {
  format: string;
  jobs: number;
  singleTransaction: boolean;
  schemaOnly?: boolean;
  dataOnly?: boolean;
  /** Decode to a file first so that the data loads in parallel too (asked for, never chosen silently). */
  decodedCopy: boolean;
  /** A multi-stream backup's data parts, in order. */
  parts?: unknown[];
  /** A multi-stream backup's data loads (pg_restore of a part) at a time; default: jobs. */
  loads?: number;
  /** jobs was auto (chosen from the cores), not asked for. */
  autoJobs?: boolean;
}

/** Below this many cores one pg_restore of the stream is faster than the schema split apart from the data (measured). */
const SPLIT_FROM_CORES = 4;

const stream = (why: string): RestorePlan => ({ steps: [{ source: 'stream', jobs: 1 }], why });

export function planRestore(o: PlanInput): RestorePlan {
  if (o.parts?.length) return planPartsRestore(o, o.parts.length);
  if (o.format !== 'custom') {
    const unused = [...(o.jobs > 1 ? ['jobs'] : []), ...(o.decodedCopy ? ['decoded-copy'] : [])];
    const note = unused.length ? `; ${unused.join(' and ')} apply to custom-format archives only` : '';
    return stream(`psql reads the decoding stream (plain SQL${note}; no decoded copy)`);
  }
  if (o.decodedCopy)
    return {
      steps: [{ source: 'copy', jobs: o.jobs }],
      why: `decoded-copy: the dump is decoded to a file in temp-dir, then pg_restore --jobs=${o.jobs} reads it`,
    };
  if (o.singleTransaction)
    return stream('one pg_restore reads the decoding stream in one transaction (single-transaction; no decoded copy)');
  if (o.dataOnly) return stream('one pg_restore loads the data from the decoding stream (data-only; no decoded copy)');
  if (o.jobs <= 1) return stream('one pg_restore reads the decoding stream (jobs 1; no decoded copy)');
  if (o.autoJobs && !o.schemaOnly && o.jobs < SPLIT_FROM_CORES)
    return stream(
      `one pg_restore reads the decoding stream (jobs auto, ${o.jobs} cores: below ${SPLIT_FROM_CORES}, splitting the schema from the data is slower; no decoded copy)`,
    );
  if (o.schemaOnly)
    return {
      steps: [
        { source: 'head', section: 'pre-data', jobs: 1 },
        { source: 'head', section: 'post-data', jobs: o.jobs },
      ],
      why: `the schema from the archive's head, indexes and constraints with ${o.jobs} jobs (schema-only; no data decoded)`,
    };
  return {
    steps: [
      { source: 'head', section: 'pre-data', jobs: 1 },
      { source: 'stream', section: 'data', jobs: 1 },
      { source: 'head', section: 'post-data', jobs: o.jobs },
    ],
    why:
      `the schema from the archive's head, the data from the decoding stream, then indexes and constraints with ` +
      `${o.jobs} jobs (no decoded copy; decoded-copy would load the data in parallel too, at the cost of disk for it)`,
  };
}

/**
 * A multi-stream backup: the schema part's pre-data from its head; then its data section (large objects, sequences'
 * values, the rows of tables in no part) from its stream and every data part's stream into its own pg_restore, `loads`
 * of them at a time (more loads than cores slow the largest table's, which the whole restore waits for); then the
 * schema part's post-data (indexes, constraints, triggers, refreshes) with `jobs`. With more than one load at a time, a
 * loaded part's own indexes are built while the last parts load (`earlyIndexes`).
 */
function planPartsRestore(o: PlanInput, parts: number): RestorePlan {
  if (o.format !== 'custom') throw new UserError('a multi-stream backup is custom format; this one says otherwise');
  if (o.singleTransaction)
    throw new UserError(
      `single-transaction: this backup is ${parts} data parts loaded over as many connections; leave single-transaction off`,
    );
  const copy = o.decodedCopy ? '; decoded-copy is not needed: the parts load in parallel' : '';
  if (o.schemaOnly)
    return {
      steps: [
        { source: 'head', section: 'pre-data', jobs: 1 },
        { source: 'head', section: 'post-data', jobs: o.jobs },
      ],
      why: `the schema from the schema part, indexes and constraints with ${o.jobs} jobs (schema-only; no data part read)`,
    };
  // data-only: no section, so that pg_restore --data-only takes the large objects with the data, as with one stream
  const section = o.dataOnly ? undefined : ('data' as const);
  const wave: RestoreStep[] = Array.from({ length: parts + 1 }, (_, i) => ({
    source: 'stream',
    ...(section ? { section } : {}),
    ...(i ? { part: i } : {}),
    jobs: 1,
    wave: 1,
  }));
  const { atOnce, words } = partLoads(parts, o.loads ?? o.jobs);
  const loaded = `the schema part's data and ${parts} data parts loaded ${words}, one pg_restore each from its decoding stream`;
  if (o.dataOnly) return { steps: wave, atOnce, why: `${loaded} (data-only${copy})` };
  const early = atOnce > 1;
  const indexes = early
    ? `then indexes and constraints with ${o.jobs} jobs, a part's own as soon as it is loaded and no load waits`
    : `then indexes and constraints with ${o.jobs} jobs`;
  return {
    steps: [
      { source: 'head', section: 'pre-data', jobs: 1 },
      ...wave,
      { source: 'head', section: 'post-data', jobs: o.jobs },
    ],
    atOnce,
    ...(early ? { earlyIndexes: true } : {}),
    why: `the schema from the schema part, ${loaded}, ${indexes} (no decoded copy${copy})`,
  };
}

/**
 * How many of a multi-stream backup's loads (its `parts` data parts and the schema part's data) run at a time, given
 * `loads`, and the words for it: "at once" or "2 at a time".
 */
export function partLoads(parts: number, loads: number): { atOnce: number; words: string } {
  const atOnce = Math.max(1, Math.min(loads, parts + 1));
  return { atOnce, words: atOnce === parts + 1 ? 'at once' : `${atOnce} at a time` };
}

/** Temporary disk a plan needs beyond the download: the head (and the decoded dump for a copy). */
export const HEAD_ALLOWANCE = 16 * 1024 * 1024;

export function tempNeed(storedBytes: number, plan: RestorePlan, decodedBytes: number | undefined): number {
  const copy = plan.steps.some((s) => s.source === 'copy');
  return storedBytes + HEAD_ALLOWANCE + (copy ? (decodedBytes ?? storedBytes) : 0);
}
