/**
 * A run's notification around its work: the clock starts when the notice is made, the verb's outputs are kept when
 * it has them, and when the work ends — done or thrown — the notification goes out before the result goes on up.
 */
import os from 'node:os';
import type { Logger } from '../model/context.js';
import { oneLine } from '../core/errors.js';
import { redact } from '../core/redact.js';
import type { NotifyConfig } from '../model/notify.js';
import type { RawInputs } from '../model/options.js';
import { runNote } from '../notify/note.js';
import { notifyRun } from './send-notifications.js';

export class RunNotice {
  private readonly startedAt = Date.now();
  private outputs: Record<string, string> = {};

  constructor(
    private readonly cfg: NotifyConfig,
    private readonly verb: string,
    private readonly raw: RawInputs,
    private readonly log: Logger,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  /** What the verb wrote (a failed run may have written some). */
  record(outputs: Record<string, string>): void {
    this.outputs = outputs;
  }

  async send(ok: boolean, reason?: string): Promise<void> {
    const at = new Date();
    const note = runNote(
      {
        verb: this.verb,
        ok,
        outputs: this.outputs,
        reason,
        durationSeconds: (at.getTime() - this.startedAt) / 1000,
        at,
      },
      this.raw,
      this.env,
      os.hostname(),
    );
    await notifyRun(this.cfg, note, this.log);
  }
}

/** Runs `work`, then notifies of its end; the work's failure, if any, goes on up unchanged. */
export async function notified(notice: RunNotice | undefined, work: () => Promise<void>): Promise<void> {
  if (!notice) return work();
  try {
    await work();
  } catch (err) {
    await notice.send(false, redact(oneLine(err)));
    throw err;
  }
  await notice.send(true);
}
