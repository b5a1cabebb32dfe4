/** The monitor secrets the suite uses (apart from monitor-server.ts so global setup can read them without vitest's worker API). */
export const SENTRY_KEY = '5f0e2b7c9a1d4e3f8b6a0c2d4e6f8a1b';
export const SENTRY_PROJECT = '4508123';
export const HC_UUID = '2c1f3a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
/** The tokens in the notification URLs, the SMTP password and the webhook signing key the suite uses. */
export const NOTIFY_SECRETS = {
  slack: 'xSlackTok3nNotif1cation9',
  discord: 'dIscordT0kenNotif1cation8',
  teams: 'tEamsSig7NotificationSig0',
  googlechat: 'gChatT0kenNotification5',
  ntfy: 's3backup-topic-4f9c2e7a1b',
  webhook: 'w3bhookPathSecret6d2e',
  smtpPassword: 'smtpPassw0rdNotify3',
  hmac: 'hmacSigningKeyNotify7e1',
};
