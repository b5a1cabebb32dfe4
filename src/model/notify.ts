/** Notifications: where they go and what a finished run's message says, as plain data. */
export type NoteStatus = 'succeeded' | 'failed' | 'not verified';

export interface RunNote {
  verb: string;
  status: NoteStatus;
  /** What the run was about: a database, a set, the databases of a set, or the environment. */
  subject: string;
  environment: string;
  key?: string;
  sizeBytes?: number;
  durationSeconds: number;
  /** One line, redacted; set when the run failed. */
  reason?: string;
  /** The workflow run on GitHub; absent elsewhere. */
  runUrl?: string;
  /** The machine that ran it. */
  host: string;
  /** ISO 8601, when the run ended. */
  at: string;
}

export type NotifyOn = 'failure' | 'success' | 'always' | 'not-verified';

export interface NotifyConfig {
  targets: NotifyTarget[];
  on: NotifyOn;
  /** E-mail recipients (smtp targets). */
  to: string[];
  /** HMAC key of the generic webhooks. */
  secret?: string;
}

export type NotifyKind = 'slack' | 'discord' | 'teams' | 'googlechat' | 'ntfy' | 'email' | 'webhook';

export interface NotifyTarget {
  kind: NotifyKind;
  /** Where the request goes (for e-mail: the smtp:// or smtps:// URL). A secret. */
  url: string;
  /** For messages: the kind and the host, nothing secret. */
  label: string;
  /** The parts of the URL that give access (tokens, passwords, the path), for redaction. */
  secrets: string[];
}
