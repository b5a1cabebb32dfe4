/**
 * Wraps one run (backup, restore, check) in monitor reports: a start ping before any work, then ok or error with
 * the same run id and the duration. Every configured monitor hears about every outcome; one that cannot be
 * reached costs a warning, never the run.
 */
import type { MonitorsConfig } from '../model/monitor.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../model/context.js';
import { oneLine } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { healthcheckPing } from '../core/healthcheck.js';
import { send, type SendOptions } from './http.js';
import type { HttpRequest } from '../model/monitor.js';
import { sentryCheckIn } from '../core/sentry.js';

export interface Outcome {
  ok: boolean;
  /** One line: what the run did, or why it failed. */
  message: string;
  /** The last lines of the run's log. */
  logTail: string[];
}

interface Ping {
  label: string;
  request: HttpRequest;
}

export class RunMonitors {
  /** One id per run: Sentry's check_in_id (hex) and healthchecks' rid (canonical UUID). */
  readonly runId = randomUUID();
  private startedAt = 0;

  constructor(
    private readonly cfg: MonitorsConfig,
    private readonly log: Logger,
    private readonly verb: string,
    private readonly o: SendOptions & { now?: () => number } = {},
  ) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  startPings(): Ping[] {
    const pings: Ping[] = [];
    const { sentry, healthcheck } = this.cfg;
    if (sentry) {
      pings.push({
        label: `Sentry check-in in_progress (monitor ${sentry.target.slug} at ${sentry.target.host})`,
        request: sentryCheckIn(sentry.target, {
          checkInId: this.runId,
          status: 'in_progress',
          environment: this.cfg.environment,
          monitorConfig: sentry.monitorConfig,
        }),
      });
    }
    if (healthcheck) {
      pings.push({
        label: `healthcheck start ping (${healthcheck.host})`,
        request: healthcheckPing(healthcheck, 'start', this.runId, `s3-backup ${this.verb} started`),
      });
    }
    return pings;
  }

  finishPings(outcome: Outcome, durationSeconds: number): Ping[] {
    const pings: Ping[] = [];
    const { sentry, healthcheck } = this.cfg;
    const status = outcome.ok ? 'ok' : 'error';
    if (sentry) {
      pings.push({
        label: `Sentry check-in ${status} (monitor ${sentry.target.slug} at ${sentry.target.host})`,
        request: sentryCheckIn(sentry.target, {
          checkInId: this.runId,
          status,
          environment: this.cfg.environment,
          durationSeconds,
          monitorConfig: sentry.monitorConfig,
        }),
      });
    }
    if (healthcheck) {
      const head = `s3-backup ${this.verb} ${outcome.ok ? 'succeeded' : 'FAILED'} in ${durationSeconds.toFixed(1)} s: ${outcome.message}`;
      const body = redact([head, '', ...outcome.logTail].join('\n'));
      pings.push({
        label: `healthcheck ${outcome.ok ? 'success' : 'fail'} ping (${healthcheck.host})`,
        request: healthcheckPing(healthcheck, outcome.ok ? 'success' : 'fail', this.runId, body),
      });
    }
    return pings;
  }

  private async deliver(pings: Ping[]): Promise<void> {
    await Promise.all(
      pings.map(async (p) => {
        const verdict = await send(p.request, this.o);
        if (!verdict.ok) {
          const tries = verdict.attempts > 1 ? ` after ${verdict.attempts} attempts` : '';
          this.log.warning(redact(`monitor: ${p.label} failed${tries} (${verdict.problem}); the ${this.verb} goes on`));
        }
      }),
    );
  }

  async start(): Promise<void> {
    this.startedAt = this.now();
    await this.deliver(this.startPings());
  }

  async finish(outcome: Outcome): Promise<void> {
    const durationSeconds = Math.max(0, (this.now() - this.startedAt) / 1000);
    await this.deliver(this.finishPings(outcome, durationSeconds));
  }
}

/**
 * Runs `work` between the start report and the end report. `work` returns the one line the success report
 * carries; a failure reports error with the failure's line and the last lines of the log, then goes on up.
 */
export async function monitored(
  monitors: RunMonitors | undefined,
  tail: { push(l: string): void; lines(): string[] },
  work: () => Promise<string>,
): Promise<void> {
  if (!monitors) {
    await work();
    return;
  }
  await monitors.start();
  let message: string;
  try {
    message = await work();
  } catch (err) {
    const line = redact(oneLine(err));
    tail.push(`error: ${line}`);
    await monitors.finish({ ok: false, message: line, logTail: tail.lines() });
    throw err;
  }
  await monitors.finish({ ok: true, message: redact(message), logTail: tail.lines() });
}
