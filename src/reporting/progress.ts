/**
 * Progress of a run (upload for backup, download and restore for restore): on a terminal one line redrawn in
 * place; elsewhere (GitHub Actions, cron, pipes) a log line every few seconds, since a redrawn bar becomes noise
 * in a log. Where the total is known (a download: the object's size; a backup: its tables' sizes; a restore: the
 * archive's entries) the line says how far, and the time left at the phase's own rate so far ("about" when the
 * measure is not the bytes themselves).
 */
import { formatBytes } from '../core/format.js';
import type { ProgressEvent, ProgressWork } from '../model/context.js';

export interface ProgressSample {
  phase: string;
  /** Which database, when a run moves several. */
  label?: string;
  bytes: number;
  elapsedMs: number;
  /** The phase's whole size, when known. */
  total?: number;
  /** The time left, when it can be told (see timeLeftMs). */
  leftMs?: number;
  /** How far by another measure than bytes: the time left is then an estimate ("about"). */
  work?: ProgressWork;
}

/** "m:ss" or "h:mm:ss". */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const VERB: Record<string, string> = { upload: 'uploaded', download: 'downloaded' };

/**
 * "uploaded 1.2 GiB  45.3 MiB/s  0:27"; with a total "downloaded 1.0 GiB of 4.0 GiB (25%)  45.3 MiB/s  0:27, 1:03 left";
 * by tables "45% (tables), uploaded …, about 0:12 left"; a restore "restore 120/480 entries (25%), data 3/12 tables  0:40, about 0:40 left"
 */
export function progressText(p: ProgressSample): string {
  if (p.work) return workText(p, p.work);
  const rate = p.elapsedMs > 0 ? formatBytes((p.bytes / p.elapsedMs) * 1000) : formatBytes(0);
  const known = p.total !== undefined && p.total > 0;
  const of = known ? ` of ${formatBytes(p.total!)} (${percent(p.bytes, p.total!)})` : '';
  const left = known && p.leftMs !== undefined ? `, ${clock(p.leftMs)} left` : '';
  return `${p.label ? `${p.label}: ` : ''}${VERB[p.phase] ?? p.phase} ${formatBytes(p.bytes)}${of}  ${rate}/s  ${clock(p.elapsedMs)}${left}`;
}

function workText(p: ProgressSample, w: ProgressWork): string {
  const who = p.label ? `${p.label}: ` : '';
  const left = p.leftMs !== undefined ? `, about ${clock(p.leftMs)} left` : '';
  const pct = percent(w.done, w.total);
  if (w.counted) {
    const tables = w.tables?.total ? `, data ${w.tables.done}/${w.tables.total} tables` : '';
    return `${who}${p.phase} ${w.done}/${w.total} ${w.measure} (${pct})${tables}  ${clock(p.elapsedMs)}${left}`;
  }
  const bytes = progressText({ phase: p.phase, bytes: p.bytes, elapsedMs: p.elapsedMs });
  return `${who}${pct} (${w.measure}), ${bytes}${left}`;
}

/** Whole percent, never 100% before the end nor more after it. */
export function percent(bytes: number, total: number): string {
  if (bytes >= total) return '100%';
  return `${Math.min(99, Math.floor((bytes / total) * 100))}%`;
}

/** What is left at the rate since the phase's first sample; undefined until that rate can be told. */
export function timeLeftMs(bytes: number, total: number, since: { bytes: number; ms: number }, nowMs: number) {
  const done = bytes - since.bytes;
  const ms = nowMs - since.ms;
  if (bytes >= total) return 0;
  if (done <= 0 || ms <= 0) return undefined;
  return ((total - bytes) / done) * ms;
}

export interface ProgressOptions {
  /** Redraw one line (a terminal) or print log lines. */
  mode: 'tty' | 'lines';
  write: (text: string) => void;
  now?: () => number;
  /** Lines mode: at most one line per interval. */
  intervalMs?: number;
  /** TTY mode: at most one redraw per interval. */
  redrawMs?: number;
}

export class Progress {
  private readonly started: number;
  private last = -Infinity;
  private drawn = false;
  /** Each phase's first sample: the start of its own rate. */
  private readonly firsts = new Map<string, { bytes: number; ms: number }>();
  private readonly now: () => number;
  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? Date.now;
    this.started = this.now();
  }

  update(phase: string, bytes: number, total?: number, label?: string): void {
    this.report({ phase, bytes, ...(total !== undefined ? { total } : {}), ...(label ? { label } : {}) });
  }

  /** A sample: shown when the interval has passed since the last line, or when it is the phase's last. */
  report(e: ProgressEvent): void {
    const t = this.now();
    const { phase, bytes, total, label, work } = e;
    if (!this.firsts.has(phase)) this.firsts.set(phase, { bytes, ms: t });
    // the work's own rate starts with its first sample that has one
    const workKey = `${phase}\u0000work`;
    if (work && !this.firsts.has(workKey)) this.firsts.set(workKey, { bytes: work.done, ms: t });
    const every = this.o.mode === 'tty' ? (this.o.redrawMs ?? 200) : (this.o.intervalMs ?? 10_000);
    if (t - this.last < every && !e.final) return;
    this.last = t;
    const sample: ProgressSample = { phase, bytes, elapsedMs: t - this.started, ...(label ? { label } : {}) };
    if (total !== undefined && total > 0) {
      sample.total = total;
      const left = timeLeftMs(bytes, total, this.firsts.get(phase)!, t);
      if (left !== undefined) sample.leftMs = left;
    }
    if (work && work.total > 0) {
      sample.work = work;
      const left = timeLeftMs(work.done, work.total, this.firsts.get(workKey)!, t);
      // the last line says it is done, not that nothing is left
      if (left !== undefined && !e.final) sample.leftMs = left;
    }
    const text = progressText(sample);
    if (this.o.mode === 'tty') {
      this.o.write(`\r\x1b[2K${text}`);
      this.drawn = true;
    } else {
      this.o.write(`progress: ${text}\n`);
    }
  }

  /** Before anything else is printed on the terminal, and at the end. */
  clear(): void {
    if (this.drawn) {
      this.o.write('\r\x1b[2K');
      this.drawn = false;
    }
  }
}
