/** The drill's evidence inputs: max-restore-time (validate) and require-drill (check). */
import { UserError } from '../core/errors.js';
import { type Env, value } from './input-value.js';
import type { RawInputs } from '../model/options.js';
import { parseDuration } from './values.js';

/** A duration in seconds; `ms` allowed besides parseDuration's units (500ms, 1m30s). Empty: undefined. */
function durationOrMs(input: string, text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const ms = /^(\d+)ms$/i.exec(t);
  if (!ms) return parseDuration(input, t);
  if (Number(ms[1]) <= 0) throw new UserError(`${input}: "${text}" must be longer than zero`);
  return Number(ms[1]) / 1000;
}

/** max-restore-time: a drill whose recovery (download to compared) takes longer fails. */
export function parseMaxRestoreTime(raw: RawInputs, env: Env): { maxRestoreSeconds?: number } {
  const seconds = durationOrMs('max-restore-time', value(raw, env, 'max-restore-time'));
  return seconds === undefined ? {} : { maxRestoreSeconds: seconds };
}

/** require-drill: check fails unless a passing drill this recent proved the newest backup (or one within max-age). */
export function parseRequireDrill(raw: RawInputs, env: Env): { requireDrillSeconds?: number } {
  const text = value(raw, env, 'require-drill');
  return text.trim() ? { requireDrillSeconds: parseDuration('require-drill', text) } : {};
}
