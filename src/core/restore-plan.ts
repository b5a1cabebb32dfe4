/**
 * How a backup is restored (pure): a list of steps, each one pg_restore (or psql) reading one source — the decoding
 * stream, the archive's head (header and table of contents: the schema without the data) or a decoded copy — for one
 * section, with its own number of jobs. A backup made of several parts plugs in as more stream steps.
 */

type RestoreSource = 'stream' | 'head' | 'copy';
type Section = 'pre-data' | 'data' | 'post-data';

export interface RestoreStep {
  source: RestoreSource;
  /** Undefined: every section the flags select. */
  section?: Section;
  jobs: number;
}

export interface RestorePlan {
  steps: RestoreStep[];
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
}

const stream = (why: string): RestorePlan => ({ steps: [{ source: 'stream', jobs: 1 }], why });

export function planRestore(o: PlanInput): RestorePlan {
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

/** Temporary disk a plan needs beyond the download: the head (and the decoded dump for a copy). */
export const HEAD_ALLOWANCE = 16 * 1024 * 1024;

export function tempNeed(storedBytes: number, plan: RestorePlan, decodedBytes: number | undefined): number {
  const copy = plan.steps.some((s) => s.source === 'copy');
  return storedBytes + HEAD_ALLOWANCE + (copy ? (decodedBytes ?? storedBytes) : 0);
}
