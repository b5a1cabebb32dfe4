/** Monitors (Sentry Crons, healthchecks) as plain data: targets and the HTTP requests built for them. */

/**
 * The one seam for monitor HTTP (Sentry Crons, healthchecks): a request is plain data built by pure functions, sent
 * here with a timeout and a few labelled retries. Sending never throws: a monitor that cannot be reached must not
 * fail a backup, so the caller gets a verdict and turns a failure into a warning.
 */
export interface HttpRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface MonitorsConfig {
  sentry?: { target: SentryTarget; monitorConfig?: SentryMonitorConfig };
  healthcheck?: HealthcheckTarget;
  /** Sentry's check-in environment: the run's `environment` input. */
  environment: string;
}

export interface SentryMonitorConfig {
  schedule: { type: 'crontab'; value: string };
  /** Minutes. */
  checkin_margin: number;
  /** Minutes. */
  max_runtime: number;
  timezone: string;
}

export interface HealthcheckTarget {
  /** The check's ping URL. A secret: whoever has it can ping. */
  url: string;
  host: string;
}

export interface SentryTarget {
  /** The check-in endpoint. Holds the public key: a secret for our logs. */
  url: string;
  slug: string;
  publicKey: string;
  /** For messages (not secret). */
  host: string;
}
