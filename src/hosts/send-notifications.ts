/**
 * Sends a finished run's notification to every configured target, at once, each with a timeout. A target that
 * fails, refuses or does not answer costs a warning, never the run: the run's result is already decided.
 */
import type { Logger } from '../model/context.js';
import { redact } from '../core/redact.js';
import { send, type SendOptions } from '../monitor/http.js';
import type { NotifyConfig, NotifyOn } from '../model/notify.js';
import { noteHtml, notePlainText, noteTitle } from '../reporting/notification.js';
import type { RunNote } from '../model/notify.js';
import { sendEmail } from '../notify/email.js';
import { notifyRequest } from '../reporting/notify-payloads.js';
import type { NotifyTarget } from '../model/notify.js';

/** Per attempt (HTTP) or per SMTP step; two HTTP attempts at most, so a hanging service costs about 20 s. */
const NOTIFY_TIMEOUT_MS = 10_000;
const NOTIFY_ATTEMPTS = 2;

export function shouldNotify(on: NotifyOn, n: RunNote): boolean {
  switch (on) {
    case 'always':
      return true;
    case 'success':
      return n.status === 'succeeded';
    case 'not-verified':
      return n.status === 'not verified';
    default:
      return n.status !== 'succeeded';
  }
}

async function deliver(t: NotifyTarget, cfg: NotifyConfig, n: RunNote, o: SendOptions): Promise<string | undefined> {
  const timeoutMs = o.timeoutMs ?? NOTIFY_TIMEOUT_MS;
  if (t.kind === 'email') {
    const v = await sendEmail(
      t.url,
      cfg.to,
      { subject: noteTitle(n), text: notePlainText(n), html: noteHtml(n) },
      timeoutMs,
    );
    return v.ok ? undefined : v.problem;
  }
  const v = await send(notifyRequest(t, n, cfg.secret), { attempts: NOTIFY_ATTEMPTS, timeoutMs, ...o });
  if (v.ok) return undefined;
  return `${v.problem}${v.attempts > 1 ? ` after ${v.attempts} attempts` : ''}`;
}

export async function notifyRun(cfg: NotifyConfig, n: RunNote, log: Logger, o: SendOptions = {}): Promise<void> {
  if (!shouldNotify(cfg.on, n)) return;
  await Promise.all(
    cfg.targets.map(async (t) => {
      const problem = await deliver(t, cfg, n, o).catch((err: unknown) => String(err));
      if (problem) log.warning(redact(`notify: ${t.label} failed (${problem}); the ${n.verb} result stands`));
    }),
  );
}
