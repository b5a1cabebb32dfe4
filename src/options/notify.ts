/** Notification inputs, parsed as strictly as the rest: every URL's form known, every secret registered. */
import type { NotifyConfig } from '../model/notify.js';
import type { NotifyOn } from '../model/notify.js';
import { UserError } from '../core/errors.js';
import { addSecret } from '../core/redact.js';
import { notifyTarget } from '../core/notify-targets.js';
import { value, type RawInputs } from './parse.js';
import { parseEnum, parseList } from './values.js';
import { inputRef } from '../core/input-ref.js';

type Env = Record<string, string | undefined>;

const NOTIFY_ON: readonly NotifyOn[] = ['failure', 'success', 'always', 'not-verified'];

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

/** The notifications of a run; undefined when notify is not set. */
export function parseNotifyOptions(raw: RawInputs, env: Env = process.env): NotifyConfig | undefined {
  const urls = parseList(value(raw, env, 'notify')).flatMap((u) => u.split(/\s+/));
  const on = parseEnum('notify-on', value(raw, env, 'notify-on'), NOTIFY_ON);
  const to = parseList(value(raw, env, 'notify-to'));
  const secret = value(raw, env, 'notify-secret') || undefined;
  for (const u of urls) addSecret(u);
  const targets = urls.map((u) => notifyTarget(u));
  for (const t of targets) for (const s of t.secrets) addSecret(s);
  for (const address of to) {
    if (!EMAIL.test(address))
      throw new UserError(`notify-to: "${address}" is not an e-mail address; use name@example.com`);
  }
  const hasEmail = targets.some((t) => t.kind === 'email');
  if (hasEmail && !to.length)
    throw new UserError(`notify: an smtp:// URL needs recipients: set ${inputRef('notify-to')}`);
  if (to.length && !hasEmail)
    throw new UserError('notify-to is set but no notify URL is smtp:// or smtps://: add the mail server to notify');
  if (secret && !targets.some((t) => t.kind === 'webhook'))
    throw new UserError('notify-secret is set but no notify URL is a JSON webhook: it signs only those; remove it');
  if (!targets.length) {
    // the action always passes the default; another value without a URL is a mistake
    if (on !== 'failure')
      throw new UserError(`notify-on is ${on} but notify is empty: set ${inputRef('notify')}, or leave notify-on out`);
    return undefined;
  }
  return { targets, on, to, ...(secret ? { secret } : {}) };
}
