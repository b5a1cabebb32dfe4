/**
 * Which monitors a run reports to. A monitor given to the run itself (a flag, a step's `with:`) is the run's own. One
 * read from the environment is shared by every unit that loads the same file, so it reports only the verbs
 * `monitor-verbs` lists (backup by default): the hourly check must not tell the nightly backup's monitor "ok".
 */
import { UserError } from '../core/errors.js';
import type { MonitorsConfig } from '../model/monitor.js';
import { value, type Env } from './input-value.js';
import { parseMonitorOptions } from './monitoring.js';
import type { RawInputs } from './parse.js';
import { inputSpec, MONITORED, type Verb } from './spec.js';
import { parseList } from './values.js';

const MONITOR_INPUTS = ['sentry-dsn', 'sentry-monitor-slug', 'sentry-checkin-url', 'healthcheck-url'];

export interface ScopedMonitors {
  monitors?: MonitorsConfig;
  /** Set when the environment names a monitor that this verb does not report to: one line saying so. */
  note?: string;
}

function parseMonitorVerbs(text: string): Verb[] {
  const verbs = parseList(text);
  for (const v of verbs)
    if (!MONITORED.includes(v as Verb))
      throw new UserError(`monitor-verbs: "${v}" is not a verb that reports to monitors; use ${MONITORED.join(', ')}`);
  if (!verbs.length) throw new UserError(`monitor-verbs: no verb given; use ${MONITORED.join(', ')}`);
  return verbs as Verb[];
}

export function monitorsFor(verb: Verb, raw: RawInputs, env: Env = process.env): ScopedMonitors {
  const verbs = parseMonitorVerbs(value(raw, env, 'monitor-verbs'));
  if (verbs.includes(verb)) return { monitors: parseMonitorOptions(raw, env) };
  const names = MONITOR_INPUTS.flatMap((n) => inputSpec(n).env ?? []);
  const own = parseMonitorOptions(raw, Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k))));
  const shared = names.filter((n) => env[n]?.trim());
  if (own || !shared.length) return { monitors: own };
  return {
    note:
      `monitor: the environment's monitor (${shared.join(', ')}) reports only ${verbs.join(', ')} runs (monitor-verbs), ` +
      `not this ${verb}: nothing sent; ` +
      `give the ${verb} its own monitor, or list ${verb} in monitor-verbs (S3_BACKUP_MONITOR_VERBS)`,
  };
}
