/**
 * A watchdog on the dump's output: when pg_dump sends nothing for longer than the stall limit (pg-stall-timeout)
 * while the rest of the stream is ready for more, the stream fails with a StallError.
 *
 * Only a silent source counts: while the stages after it hold data back (a part being uploaded, a slow S3 — which
 * s3-timeout bounds), the watch is not waiting on pg_dump, and the clock starts again. With an external compressor
 * the watch sits on the compressor's output, which trails pg_dump by at most one compression job (a few MiB of dump).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '../core/errors.js';

export class StallError extends UserError {
  override name = 'StallError';
}

export interface StallWatchOptions {
  limitMs: number;
  /** The one line the stream fails with (names the peer and the setting). */
  describe: (limitMs: number) => string;
  /** Called once when the limit is reached, before the stream fails (stops the processes). */
  onStall?: () => void;
}

export class StallWatch extends Transform {
  private last = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: StallWatchOptions) {
    super();
    // check often enough to stop within a quarter of the limit past it
    const every = Math.max(10, Math.min(5_000, Math.floor(o.limitMs / 4)));
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  /** True while what came in has not been taken further: the stream is held downstream, not waiting on its source. */
  private get heldDownstream(): boolean {
    return this.readableLength > 0 || this.writableLength > 0;
  }

  private check(): void {
    const now = Date.now();
    if (this.heldDownstream) {
      this.last = now;
      return;
    }
    if (now - this.last < this.o.limitMs) return;
    this.stop();
    this.o.onStall?.();
    this.destroy(new StallError(this.o.describe(this.o.limitMs)));
  }

  private stop(): void {
    clearInterval(this.timer);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.last = Date.now();
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    this.stop();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.stop();
    cb(err);
  }
}

/** "2s", "10m", "1m30s" for the error line. */
export function formatLimit(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60 || s % 60 !== 0) return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
  return `${s / 60}m`;
}
