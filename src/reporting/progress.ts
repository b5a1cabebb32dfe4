/**
 * Progress of the bytes a run moves (upload for backup, download for restore): on a terminal one line redrawn in
 * place; elsewhere (GitHub Actions, cron, pipes) a log line every few seconds, since a redrawn bar becomes noise
 * in a log.
 */
import { formatBytes } from '../core/format.js';

export interface ProgressSample {
  phase: string;
  /** Which database, when a run moves several. */
  label?: string;
  bytes: number;
  elapsedMs: number;
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

/** "uploaded 1.2 GiB  45.3 MiB/s  0:27" */
export function progressText(p: ProgressSample): string {
  const rate = p.elapsedMs > 0 ? formatBytes((p.bytes / p.elapsedMs) * 1000) : formatBytes(0);
  return `${p.label ? `${p.label}: ` : ''}${VERB[p.phase] ?? p.phase} ${formatBytes(p.bytes)}  ${rate}/s  ${clock(p.elapsedMs)}`;
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
  private readonly now: () => number;
  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? Date.now;
    this.started = this.now();
  }

  update(phase: string, bytes: number, label?: string): void {
    const t = this.now();
    const every = this.o.mode === 'tty' ? (this.o.redrawMs ?? 200) : (this.o.intervalMs ?? 10_000);
    if (t - this.last < every) return;
    this.last = t;
    const text = progressText({ phase, bytes, elapsedMs: t - this.started, ...(label ? { label } : {}) });
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
