/** Inputs of archive tiers: thaw (ask S3 to restore), wait, thaw-tier, thaw-days, thaw-timeout, thaw-poll-interval. */
import { UserError } from '../core/errors.js';
import { THAW_TIERS } from '../core/archive-tiers.js';
import type { ThawOptions } from '../model/options.js';
import { value } from './input-value.js';
import type { RawInputs } from '../model/options.js';
import { parseBool, parseDuration, parseEnum, parseInteger } from './values.js';

type Env = Record<string, string | undefined>;

/** The tier's spelling is S3's (Standard); any case is accepted. */
function tierOf(text: string) {
  const found = THAW_TIERS.find((t) => t.toLowerCase() === text.trim().toLowerCase());
  return found ?? parseEnum('thaw-tier', text, THAW_TIERS);
}

/** `thaw`: set for the thaw verb (which always asks), read from the input for restore, verify and validate. */
export function parseThawOptions(raw: RawInputs, env: Env, thaw?: boolean): ThawOptions {
  const asked = thaw ?? parseBool('thaw', value(raw, env, 'thaw'));
  const wait = parseBool('wait', value(raw, env, 'wait'));
  if (wait && !asked) throw new UserError('wait needs thaw: add --thaw (thaw: true) to ask S3 to restore the backup');
  const timeoutSeconds = parseDuration('thaw-timeout', value(raw, env, 'thaw-timeout'));
  const pollSeconds = parseDuration('thaw-poll-interval', value(raw, env, 'thaw-poll-interval'));
  if (pollSeconds > timeoutSeconds)
    throw new UserError('thaw-poll-interval is longer than thaw-timeout: the wait would end before the first look');
  return {
    thaw: asked,
    wait,
    tier: tierOf(value(raw, env, 'thaw-tier')),
    // S3 accepts any number of days; past a month the restored copy costs more than it is worth for a restore
    days: parseInteger('thaw-days', value(raw, env, 'thaw-days'), 1, 365),
    timeoutSeconds,
    pollSeconds,
  };
}
