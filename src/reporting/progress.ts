/**
 * Progress of the bytes a run moves (upload for backup, download for restore): on a terminal one line redrawn in
 * place; elsewhere (GitHub Actions, cron, pipes) a log line every few seconds, since a redrawn bar becomes noise
 * in a log. Where the total is known (a download: the object's size) the line says how far, and the time left at
 * the phase's own rate so far.
 */
import { formatBytes } from '../core/format.js';

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

/** "uploaded 1.2 GiB  45.3 MiB/s  0:27"; with a total "downloaded 1.0 GiB of 4.0 GiB (25%)  45.3 MiB/s  0:27, 1:03 left" */
export function progressText(p: ProgressSample): string {
  const rate = p.elapsedMs > 0 ? formatBytes((p.bytes / p.elapsedMs) * 1000) : formatBytes(0);
  const known = p.total !== undefined && p.total > 0;
  const of = known ? ` of ${formatBytes(p.total!)} (${percent(p.bytes, p.total!)})` : '';
  const left = known && p.leftMs !== undefined ? `, ${clock(p.leftMs)} left` : '';
  return `${p.label ? `${p.label}: ` : ''}${VERB[p.phase] ?? p.phase} ${formatBytes(p.bytes)}${of}  ${rate}/s  ${clock(p.elapsedMs)}${left}`;
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
    const t = this.now();
    if (!this.firsts.has(phase)) this.firsts.set(phase, { bytes, ms: t });
    const every = this.o.mode === 'tty' ? (this.o.redrawMs ?? 200) : (this.o.intervalMs ?? 10_000);
    if (t - this.last < every) return;
    this.last = t;
    const sample: ProgressSample = { phase, bytes, elapsedMs: t - this.started, ...(label ? { label } : {}) };
    if (total !== undefined && total > 0) {
      sample.total = total;
      const left = timeLeftMs(bytes, total, this.firsts.get(phase)!, t);
      if (left !== undefined) sample.leftMs = left;
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
