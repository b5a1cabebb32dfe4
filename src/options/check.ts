/** Inputs of `check` (the freshness gate). */
import { parseListOptions, value, type RawInputs } from './parse.js';
import type { ListOptions } from '../model/options.js';
import { parseBool, parseDuration } from './values.js';
import { parseRequireDrill } from './drill.js';

export interface CheckOptions extends ListOptions {
  maxAgeSeconds: number;
  failOnStale: boolean;
  /** Fail unless the newest good backup is replicated (COMPLETED, or REPLICA in the destination). */
  requireReplicated: boolean;
  /** require-drill in seconds: fail unless a passing drill this recent proved a backup the gate accepts. */
  requireDrillSeconds?: number;
}

export function parseCheckOptions(raw: RawInputs, env: Record<string, string | undefined> = process.env): CheckOptions {
  return {
    ...parseListOptions(raw, env),
    maxAgeSeconds: parseDuration('max-age', value(raw, env, 'max-age')),
    failOnStale: parseBool('fail-on-stale', value(raw, env, 'fail-on-stale')),
    requireReplicated: parseBool('require-replicated', value(raw, env, 'require-replicated')),
    ...parseRequireDrill(raw, env),
  };
}
