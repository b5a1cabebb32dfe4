/** Node TLS options for our own `pg` connection, set up the way libpq sets up its TLS context. */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { errorMessage, UserError } from '../../core/errors.js';
import { fileName, readOrFail, type TlsFs } from './files.js';
import { libpqHostCheck } from './hostname.js';
import type { TlsFile, TlsSettings } from '../../core/libpq-settings.js';

const PEM_CERT = /-----BEGIN CERTIFICATE-----/;

function loadKey(data: Buffer, f: TlsFile, password: string | undefined): KeyObject {
  const text = data.toString('latin1');
  const attempts: Array<Parameters<typeof createPrivateKey>[0]> = text.includes('-----BEGIN')
    ? [{ key: data, format: 'pem', passphrase: password ?? '' }]
    : (['pkcs8', 'pkcs1', 'sec1'] as const).map((type) => ({
        key: data,
        format: 'der',
        type,
        passphrase: password ?? '',
      }));
  let last: unknown;
  for (const a of attempts) {
    try {
      return createPrivateKey(a);
    } catch (err) {
      last = err;
    }
  }
  const code = (last as { code?: string })?.code ?? '';
  if (/ENCRYPTED/.test(text) && password === undefined) {
    throw new UserError(`database-url: ${fileName(f)} is encrypted: set sslpassword in the URL to its passphrase`);
  }
  if (password !== undefined && /BAD_DECRYPT|PASSPHRASE|DECRYPT/i.test(`${code} ${(last as Error)?.message}`)) {
    throw new UserError(`database-url: sslpassword does not decrypt ${fileName(f)}: check the passphrase`);
  }
  throw new UserError(
    `database-url: could not load the private key in ${fileName(f)}: ${(last as Error)?.message ?? 'not a key'}`,
  );
}

/**
 * Node TLS options for a TLS attempt to `host`, as libpq would set up its TLS context: the root certificate,
 * verification, the host name check, the client certificate and key, CRLs and protocol versions.
 * Throws a UserError (one line, naming the setting and the file) when libpq would refuse to go on.
 */
export function tlsOptions(s: TlsSettings, host: string, fs: TlsFs): ConnectionOptions {
  const o: ConnectionOptions = {};
  const { ca, verify } = rootCa(s, fs);
  if (ca) o.ca = ca;
  if (verify && s.rootCert !== 'system') {
    const crl = crls(s, fs);
    if (crl.length) o.crl = crl;
  }
  o.rejectUnauthorized = verify;
  o.checkServerIdentity = s.mode === 'verify-full' ? libpqHostCheck(host) : () => undefined;
  if (s.sendCert && s.cert) Object.assign(o, clientCert(s, s.cert, fs));
  o.minVersion = s.minVersion;
  if (s.maxVersion) o.maxVersion = s.maxVersion;
  return o;
}

/** The CAs to verify the server with, and whether to verify at all (only with a root certificate, as libpq). */
function rootCa(s: TlsSettings, fs: TlsFs): { ca?: string | string[]; verify: boolean } {
  const mustVerify = s.mode === 'verify-ca' || s.mode === 'verify-full';
  if (s.rootCert === 'system') {
    const ca = fs.systemCa();
    return ca ? { ca, verify: true } : { verify: true };
  }
  if (!s.rootCert) {
    if (mustVerify) {
      throw new UserError(
        `database-url: no home directory to find ~/.postgresql/root.crt (sslmode=${s.mode}): set sslrootcert`,
      );
    }
    return { verify: false };
  }
  const data = readOrFail(fs, s.rootCert);
  if (data === undefined) {
    if (mustVerify) {
      throw new UserError(
        `database-url: ${fileName(s.rootCert)} does not exist (sslmode=${s.mode}): set sslrootcert to the CA certificate ` +
          `of the server (your provider's CA bundle), sslrootcert=system for a public CA, or sslmode=require not to verify`,
      );
    }
    return { verify: false };
  }
  if (!PEM_CERT.test(data.toString('latin1'))) {
    throw new UserError(
      `database-url: ${fileName(s.rootCert)} holds no PEM certificate: use the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)`,
    );
  }
  return { ca: data.toString('latin1'), verify: true };
}

/** The PEM CRLs of sslcrl and of sslcrldir's hashed file names. */
function crls(s: TlsSettings, fs: TlsFs): string[] {
  const found: string[] = [];
  if (s.crl) {
    const data = fs.read(s.crl.path); // libpq ignores an unreadable CRL
    if (data !== undefined) found.push(data.toString('latin1'));
  }
  if (s.crlDir)
    for (const name of fs.list(s.crlDir))
      if (/^[0-9a-f]{8}\.r\d+$/i.test(name)) found.push(fs.read(join(s.crlDir, name))?.toString('latin1') ?? '');
  return found.filter((c) => c.includes('-----BEGIN X509 CRL-----'));
}

/** The client certificate and its key, checked as libpq checks them; none when the certificate file does not exist. */
function clientCert(s: TlsSettings, certFile: TlsFile, fs: TlsFs): Pick<ConnectionOptions, 'cert' | 'key'> {
  const cert = readOrFail(fs, certFile);
  if (cert === undefined) return {};
  if (!PEM_CERT.test(cert.toString('latin1')))
    throw new UserError(`database-url: ${fileName(certFile)} holds no PEM certificate`);
  const keyFile = s.key;
  if (!keyFile)
    throw new UserError(`database-url: certificate present (${fileName(certFile)}), but no private key: set sslkey`);
  checkKeyFile(fs, keyFile, certFile);
  const key = loadKey(readOrFail(fs, keyFile) ?? Buffer.alloc(0), keyFile, s.password);
  try {
    if (!new X509Certificate(cert).checkPrivateKey(key)) {
      throw new UserError(`database-url: ${fileName(certFile)} does not match the private key ${fileName(keyFile)}`);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`database-url: could not read the certificate in ${fileName(certFile)}: ${errorMessage(err)}`);
  }
  // decrypted in memory only: Node never sees the passphrase
  return { cert: cert.toString('latin1'), key: key.export({ format: 'pem', type: 'pkcs8' }) as string };
}

/** The key file must exist, be a regular file, and not be readable by group or others. */
function checkKeyFile(fs: TlsFs, keyFile: TlsFile, certFile: TlsFile): void {
  const st = fs.stat(keyFile.path);
  if (!st)
    throw new UserError(
      `database-url: certificate present (${fileName(certFile)}), but not the private key ${fileName(keyFile)}: set sslkey`,
    );
  if (!st.isFile) throw new UserError(`database-url: ${fileName(keyFile)} is not a regular file`);
  const groupOrWorld = st.mode & 0o077;
  if ((st.uid === fs.euid && groupOrWorld) || (st.uid === 0 && st.mode & 0o037)) {
    throw new UserError(
      `database-url: ${fileName(keyFile)} has group or world access: chmod 600 it (0640 if owned by root), as libpq requires`,
    );
  }
}
