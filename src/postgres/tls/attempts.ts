/** The prefer/allow fallback: which connections libpq tries, in which order, and which failure it reports. */
import type { SslMode } from '../../core/libpq-settings.js';

export type Attempt = 'tls' | 'plain';

/** The connections libpq tries, in order. Never TLS over a Unix socket (libpq does not ask for it there). */
export function sslAttempts(mode: SslMode, host: string): Attempt[] {
  if (host.startsWith('/')) return ['plain'];
  switch (mode) {
    case 'disable':
      return ['plain'];
    case 'allow':
      return ['plain', 'tls'];
    case 'prefer':
      return ['tls', 'plain'];
    default:
      return ['tls'];
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
export const NO_TLS = 'The server does not support SSL connections';

function isUnreachable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return UNREACHABLE.has(e?.code ?? '') || /timeout/i.test(e?.message ?? '');
}

/** A server's ErrorResponse (pg's DatabaseError carries a severity). */
function isServerError(err: unknown): boolean {
  return typeof (err as { severity?: unknown })?.severity === 'string';
}

/**
 * Whether libpq goes on to its next attempt after this one failed: prefer drops TLS after any failure of the TLS
 * attempt (no TLS on the server, a failed handshake or verification, an error from the server) but not when the
 * server cannot be reached; allow retries with TLS only after the server refused the plain connection.
 */
export function triesNext(mode: SslMode, attempt: Attempt, err: unknown): boolean {
  if (mode === 'prefer' && attempt === 'tls') return !isUnreachable(err);
  if (mode === 'allow' && attempt === 'plain') return isServerError(err);
  return false;
}

/** The failure to report when every attempt failed: the TLS attempt's, unless the server offers no TLS at all. */
export function reportedFailure(failures: Array<{ attempt: Attempt; err: unknown }>): unknown {
  const tls = failures.find((f) => f.attempt === 'tls' && (f.err as Error)?.message !== NO_TLS);
  return (tls ?? failures.at(-1))?.err;
}
