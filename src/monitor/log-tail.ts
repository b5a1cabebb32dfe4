/** The last lines a run logged, for a failure ping's body. Lines are kept as logged (already redacted). */
import type { Logger } from '../model/context.js';

export class LogTail {
  private readonly buf: string[] = [];
  private lastWasProgress = false;
  constructor(private readonly max = 40) {}
  push(line: string): void {
    this.lastWasProgress = false;
    for (const l of line.split('\n')) {
      this.buf.push(l);
      if (this.buf.length > this.max) this.buf.shift();
    }
  }
  /** A progress line replaces the one before it: an hour of progress must not push the log's story out. */
  progress(line: string): void {
    if (this.lastWasProgress) this.buf.pop();
    this.push(line);
    this.lastWasProgress = true;
  }
  lines(): string[] {
    return [...this.buf];
  }
}

/** A logger that also remembers what it logged. */
export function tailing(log: Logger, tail: LogTail): Logger {
  return {
    info: (m) => {
      tail.push(m);
      log.info(m);
    },
    warning: (m, title) => {
      tail.push(`warning: ${m}`);
      log.warning(m, title);
    },
  };
}
