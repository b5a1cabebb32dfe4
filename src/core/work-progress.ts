/**
 * How far a dump or a restore is, from the lines its tools print as they go (pure). An item counts as done only once
 * the tool has gone on past it (or exited), so the share never runs ahead of the work, never goes back and never
 * passes the total.
 */
import type { ProgressWork } from '../model/context.js';

/** A tool's lines, as the trackers take them: an item of table data begins, another item begins, other chatter. */
export interface ToolLines {
  table(name: string): void;
  entry(): void;
  other(): void;
  /** The tool exited 0: everything it began is done. */
  end(): void;
}

/**
 * A backup by its tables: each table weighs its size on disk (heap and TOAST); a table is done when its pg_dump
 * begins the next one or prints anything after it, or exits. The sizes may arrive while the dump runs.
 */
export class DumpTables {
  private sizes?: Map<string, number>;
  private readonly finished = new Set<string>();
  private total = 0;
  constructor(private readonly tables: string[]) {}

  /** The tables' sizes ("schema.name" → bytes); until then the share is unknown. */
  sized(sizes: Map<string, number>): void {
    this.sizes = sizes;
    this.total = this.tables.reduce((n, t) => n + (sizes.get(t) ?? 0), 0);
  }

  /** One pg_dump's lines (a multi-stream backup runs several). */
  stream(): ToolLines {
    let current: string | undefined;
    const finish = () => {
      if (current !== undefined) this.finished.add(current);
      current = undefined;
    };
    return {
      table: (name) => {
        finish();
        current = name;
      },
      entry: finish,
      other: finish,
      end: finish,
    };
  }

  /** The share done, by size; undefined while the sizes are unknown or all zero. */
  work(): ProgressWork | undefined {
    if (!this.sizes || this.total <= 0) return undefined;
    let done = 0;
    for (const t of this.finished) done += this.sizes.get(t) ?? 0;
    return { done: Math.min(done, this.total), total: this.total, measure: 'tables' };
  }

  /** Everything dumped (the last sample). */
  all(): ProgressWork | undefined {
    const w = this.work();
    return w ? { ...w, done: w.total } : undefined;
  }
}

/**
 * A restore by the archive's entries (its table of contents) and, among them, the tables' data. A step of `jobs`
 * may have that many entries under way: they count once the step goes on past them, or when it exits.
 */
export class RestoreEntries {
  private readonly steps: Array<{ started: number; tables: number; dataLast: boolean; jobs: number; ended: boolean }> =
    [];
  constructor(
    private readonly entries: number,
    private readonly tables: number,
  ) {}

  step(jobs: number): ToolLines {
    const s = { started: 0, tables: 0, dataLast: false, jobs: Math.max(1, jobs), ended: false };
    this.steps.push(s);
    return {
      table: () => {
        s.started++;
        s.tables++;
        s.dataLast = true;
      },
      entry: () => {
        s.started++;
        s.dataLast = false;
      },
      other: () => undefined,
      end: () => {
        s.ended = true;
      },
    };
  }

  work(): ProgressWork {
    let done = 0;
    let tables = 0;
    for (const s of this.steps) {
      done += s.ended ? s.started : Math.max(0, s.started - s.jobs);
      const underWay = s.jobs > 1 ? s.jobs : s.dataLast ? 1 : 0;
      tables += s.ended ? s.tables : Math.max(0, s.tables - underWay);
    }
    return {
      done: Math.min(done, this.entries),
      total: this.entries,
      measure: 'entries',
      counted: true,
      tables: { done: Math.min(tables, this.tables), total: this.tables },
    };
  }

  /** Everything restored (the last sample). */
  all(): ProgressWork {
    return { ...this.work(), done: this.entries, tables: { done: this.tables, total: this.tables } };
  }
}
