/**
 * libpq's TLS settings and connect_timeout — from the URL or the PG* variables — with libpq's meaning, for both of
 * our consumers:
 *
 * - the pg tools (pg_dump, pg_restore, psql) read them themselves: `resolveLibpqParams` (settings.ts) folds the PG*
 *   variables into the URL parameters and makes file names absolute, so the tools get exactly the settings our own
 *   connection used; `settingsFromEnv` and `TLS_ENV_VARS` (tools.ts) say what stays in the tools' environment;
 * - our own `pg` connections: `tlsSettings` (settings.ts) → `sslAttempts` (attempts.ts; prefer: TLS, then plain;
 *   allow: plain, then TLS) and `tlsOptions` (node-options.ts: ca, cert, key, rejectUnauthorized, and
 *   checkServerIdentity the way libpq checks, hostname.ts); `describeTlsFailure` (failures.ts) words what went wrong.
 *
 * libpq's rules, as in fe-connect.c / fe-secure-openssl.c:
 * - sslmode disable | allow | prefer (default) | require | verify-ca | verify-full; anything else is an error.
 * - sslrootcert defaults to ~/.postgresql/root.crt. When that file exists, every mode that uses TLS verifies the
 *   chain against it (require then behaves as verify-ca); verify-ca and verify-full refuse to go on without it.
 *   sslrootcert=system: the system's CAs, and sslmode must be verify-full (its default then).
 * - verify-full also checks the host name: the subjectAltName entries of the host's kind (DNS or IP) rule out the
 *   Common Name; a wildcard matches one label.
 * - sslcert / sslkey default to ~/.postgresql/postgresql.crt / .key; a missing certificate means none is sent, a
 *   certificate without its key is an error, and the key must not be readable by group or others.
 * - sslcrl / sslcrldir (default ~/.postgresql/root.crl) are used only with a root certificate.
 * - connect_timeout: whole seconds, 0 or less waits forever, 1 means 2.
 *
 * Not pg-connection-string: without uselibpqcompat it treats prefer, require and verify-ca as verify-full; it reads no
 * PG* variables and no ~/.postgresql defaults, never falls back for prefer/allow, and checks host names Node's way.
 */
export { NO_TLS, reportedFailure, sslAttempts, triesNext, type Attempt } from './attempts.js';
export { describeTlsFailure } from './failures.js';
export { nodeTlsFs, type TlsFs } from './files.js';
export {
  hostMismatch,
  parseSubjectAltName,
  type CertName,
} from './hostname.js';
export { tlsOptions } from './node-options.js';
export {
  resolveLibpqParams,
  TLS_SETTINGS,
  tlsSettings,
} from '../../core/libpq-settings.js';
export { settingsFromEnv, TLS_ENV_VARS } from '../../core/libpq-env.js';
