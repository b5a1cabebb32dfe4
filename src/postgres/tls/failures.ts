/** A failed TLS connection, told the way a user can act on it. */
import { UserError } from '../../core/errors.js';
import { NO_TLS } from './attempts.js';
import { fileName } from './files.js';
import { HOST_MISMATCH } from './hostname.js';
import type { TlsSettings } from '../../core/libpq-settings.js';

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

/**
 * A failed TLS connection → one line naming the setting and what to do; undefined when it is not about TLS.
 * `where` is host:port.
 */
export function describeTlsFailure(err: unknown, s: TlsSettings, host: string, where: string): UserError | undefined {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  const reason = (e?.message ?? '').split('\n')[0];
  const root =
    s.rootCert === 'system'
      ? "the system's trusted CAs (sslrootcert=system)"
      : s.rootCert
        ? `the CA in ${fileName(s.rootCert)}`
        : 'no CA';
  if (code === HOST_MISMATCH) {
    return new UserError(
      `database-url: ${reason} (sslmode=verify-full, at ${where}): connect with a host name the certificate lists, or get a certificate for "${host}"`,
    );
  }
  if (UNTRUSTED.has(code)) {
    return new UserError(
      `database-url: the server's certificate at ${where} is not signed by ${root} (${reason}, sslmode=${s.mode}): ` +
        `set sslrootcert to the CA certificate that issued it (your provider's CA bundle)`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new UserError(
      `database-url: the server's certificate at ${where} is not valid now (${reason}): renew the server's certificate`,
    );
  }
  if (code === 'CERT_REVOKED') {
    return new UserError(
      `database-url: the server's certificate at ${where} is revoked (sslcrl): the server needs a new certificate`,
    );
  }
  if (code === 'UNABLE_TO_GET_CRL' || code === 'CRL_HAS_EXPIRED' || code === 'CRL_NOT_YET_VALID') {
    return new UserError(
      `database-url: no usable CRL for the server's certificate at ${where} (${reason}): update sslcrl / sslcrldir, or unset them`,
    );
  }
  if (/ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|DECRYPT_ERROR)/.test(code)) {
    const cert = s.cert ? fileName(s.cert) : 'none';
    return new UserError(
      `database-url: the server at ${where} refused our client certificate (${reason}; ${cert}): set sslcert and sslkey to a certificate its CA signed`,
    );
  }
  if (reason === NO_TLS) {
    return new UserError(
      `database-url: the server at ${where} does not accept TLS (sslmode=${s.mode}): enable ssl on the server, or lower sslmode`,
    );
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || /^ERR_TLS_/.test(code)) {
    return new UserError(`database-url: TLS with ${where} failed (${reason}, sslmode=${s.mode})`);
  }
  return undefined;
}
