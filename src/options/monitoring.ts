/** Monitor and report inputs, parsed as strictly as the rest. */
import type { ReportOptions } from '../model/options.js';
import { UserError } from '../core/errors.js';
import { healthcheckTarget } from '../core/healthcheck.js';
import type { MonitorsConfig } from '../model/monitor.js';
import { checkCrontab, checkTimezone, sentryFromCheckinUrl, sentryFromDsn } from '../core/sentry.js';
import type { SentryMonitorConfig } from '../model/monitor.js';
import { addSecret } from '../core/redact.js';
import { value, type RawInputs } from './parse.js';
import { parseInteger, parsePercent } from './values.js';
import { inputRef } from '../core/input-ref.js';

type Env = Record<string, string | undefined>;

/** The monitors a run reports to; undefined when none is configured. */
export function parseMonitorOptions(raw: RawInputs, env: Env = process.env): MonitorsConfig | undefined {
  const dsn = value(raw, env, 'sentry-dsn');
  const slug = value(raw, env, 'sentry-monitor-slug');
  const checkinUrl = value(raw, env, 'sentry-checkin-url');
  const hcUrl = value(raw, env, 'healthcheck-url');
  const schedule = value(raw, env, 'sentry-monitor-schedule');

  if (checkinUrl && (dsn || slug)) {
    throw new UserError(
      'sentry-checkin-url and sentry-dsn/sentry-monitor-slug name the same monitor twice: set one of them (SENTRY_CRON_CHECKIN_URL counts as sentry-checkin-url)',
    );
  }
  if (dsn && !slug)
    throw new UserError('sentry-dsn is set but sentry-monitor-slug is empty: set the slug of the cron monitor');
  if (slug && !dsn)
    throw new UserError("sentry-monitor-slug is set but sentry-dsn is empty: set the DSN of the monitor's project");
  const target = checkinUrl ? sentryFromCheckinUrl(checkinUrl) : dsn ? sentryFromDsn(dsn, slug) : undefined;
  if (target) addSecret(target.publicKey);
  if (schedule && !target)
    throw new UserError(
      `sentry-monitor-schedule is set but no Sentry monitor is: set ${inputRef('sentry-dsn')} and ${inputRef('sentry-monitor-slug')}`,
    );

  // parsed even when unused, so a typo never hides
  const margin = parseInteger('sentry-checkin-margin', value(raw, env, 'sentry-checkin-margin'), 1, 40_320);
  const maxRuntime = parseInteger('sentry-max-runtime', value(raw, env, 'sentry-max-runtime'), 1, 40_320);
  const timezone = checkTimezone('sentry-timezone', value(raw, env, 'sentry-timezone'));
  const monitorConfig: SentryMonitorConfig | undefined = schedule
    ? {
        schedule: { type: 'crontab', value: checkCrontab('sentry-monitor-schedule', schedule) },
        checkin_margin: margin,
        max_runtime: maxRuntime,
        timezone,
      }
    : undefined;
  const healthcheck = hcUrl ? healthcheckTarget(hcUrl) : undefined;
  if (!target && !healthcheck) return undefined;
  return {
    ...(target ? { sentry: { target, ...(monitorConfig ? { monitorConfig } : {}) } } : {}),
    ...(healthcheck ? { healthcheck } : {}),
    environment: value(raw, env, 'environment'),
  };
}

export function parseReportOptions(raw: RawInputs, env: Env = process.env): ReportOptions {
  return {
    trendCount: parseInteger('trend-count', value(raw, env, 'trend-count'), 0, 100),
    shrinkThreshold: parsePercent('shrink-threshold', value(raw, env, 'shrink-threshold')),
  };
}
