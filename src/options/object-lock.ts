/** Object Lock on upload: a retention mode and the days each tier's backups stay locked. */
import type { ObjectLockOptions } from '../model/options.js';
import { UserError } from '../core/errors.js';
import { tierDays } from '../core/retention/lifecycle-rules.js';
import { DEFAULT_POLICY, TIERS } from '../core/retention/policy.js';
import type { RetentionPolicy, Tier } from '../model/retention.js';
import type { ProviderProfile } from '../model/retention.js';
import { parseEnum, parseInteger } from './values.js';
import { inputRef } from '../core/input-ref.js';

/** object-lock-mode + object-lock-days ("30", or "daily=7, weekly=35, monthly=365, yearly=366"). */
export function parseObjectLock(
  modeText: string,
  daysText: string,
  retention: RetentionPolicy | undefined,
  provider: Pick<ProviderProfile, 'name' | 'objectLock'>,
): ObjectLockOptions | undefined {
  if (!modeText.trim()) {
    if (daysText.trim())
      throw new UserError(
        `object-lock-days is set but object-lock-mode is empty: set ${inputRef('object-lock-mode')} to governance or compliance`,
      );
    return undefined;
  }
  const mode = parseEnum('object-lock-mode', modeText, [
    'governance',
    'compliance',
  ] as const).toUpperCase() as ObjectLockOptions['mode'];
  if (!provider.objectLock)
    throw new UserError(
      `object-lock-mode: provider ${provider.name} has no S3 Object Lock; leave object-lock-mode empty`,
    );
  const days = tierDays(retention ?? DEFAULT_POLICY);
  const v = daysText.trim();
  if (/^\d+$/.test(v)) {
    const n = parseInteger('object-lock-days', v, 1, 36_500);
    for (const t of TIERS) days[t] = n;
  } else if (v) {
    for (const item of v
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(daily|weekly|monthly|yearly)\s*=\s*(\S+)$/i.exec(item);
      if (!m)
        throw new UserError(
          `object-lock-days: "${item}" is not tier=days; use e.g. daily=7, weekly=35, monthly=365, yearly=366, or one number`,
        );
      days[m[1]!.toLowerCase() as Tier] = parseInteger('object-lock-days', m[2]!, 1, 36_500);
    }
  }
  return { mode, days };
}
