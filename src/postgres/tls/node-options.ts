/** Node TLS options for our own `pg` connection, set up the way libpq sets up its TLS context. */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { UserError } from '../../errors.js';
import { fileName, readOrFail, type TlsFs } from './files.js';
import { libpqHostCheck } from './hostname.js';
import type { TlsFile, TlsSettings } from './settings.js';

const PEM_CERT = /-----BEGIN CERTIFICATE-----/;

function loadKey(data: Buffer, f: TlsFile, password: string | undefined): KeyObject {
  const text = data.toString('latin1');
  const attempts: Array<Parameters<typeof createPrivateKey>[0]> = text.includes('-----BEGIN')
    ? [{ key: data, format: 'pem', passphrase: password ?? '' }]
    : (['pkcs8', 'pkcs1', 'sec1'] as const).map((type) => ({ key: data, format: 'der', type, passphrase: password ?? '' }));
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
  throw new UserError(`database-url: could not load the private key in ${fileName(f)}: ${(last as Error)?.message ?? 'not a key'}`);
}

/**
 * Node TLS options for a TLS attempt to `host`, as libpq would set up its TLS context: the root certificate,
 * verification, the host name check, the client certificate and key, CRLs and protocol versions.
 * Throws a UserError (one line, naming the setting and the file) when libpq would refuse to go on.
 */
export function tlsOptions(s: TlsSettings, host: string, fs: TlsFs): ConnectionOptions {
  const o: ConnectionOptions = {};
  let verify = false;
  if (s.rootCert === 'system') {
    const ca = fs.systemCa();
    if (ca) o.ca = ca;
    verify = true;
  } else if (s.rootCert) {
    const data = readOrFail(fs, s.rootCert);
    if (data !== undefined) {
      if (!PEM_CERT.test(data.toString('latin1'))) {
        throw new UserError(`database-url: ${fileName(s.rootCert)} holds no PEM certificate: use the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)`);
      }
      o.ca = data.toString('latin1');
      verify = true;
    } else if (s.mode === 'verify-ca' || s.mode === 'verify-full') {
      throw new UserError(
        `database-url: ${fileName(s.rootCert)} does not exist (sslmode=${s.mode}): set sslrootcert to the CA certificate ` +
          `of the server (your provider's CA bundle), sslrootcert=system for a public CA, or sslmode=require not to verify`,
      );
    }
  } else if (s.mode === 'verify-ca' || s.mode === 'verify-full') {
    throw new UserError(`database-url: no home directory to find ~/.postgresql/root.crt (sslmode=${s.mode}): set sslrootcert`);
  }
  if (verify && s.rootCert !== 'system') {
    const crls: string[] = [];
    if (s.crl) {
      const data = fs.read(s.crl.path); // libpq ignores an unreadable CRL
      if (data !== undefined) crls.push(data.toString('latin1'));
    }
    if (s.crlDir) for (const name of fs.list(s.crlDir)) if (/^[0-9a-f]{8}\.r\d+$/i.test(name)) crls.push(fs.read(join(s.crlDir, name))?.toString('latin1') ?? '');
    const pem = crls.filter((c) => c.includes('-----BEGIN X509 CRL-----'));
    if (pem.length) o.crl = pem;
  }
  o.rejectUnauthorized = verify;
  o.checkServerIdentity = s.mode === 'verify-full' ? libpqHostCheck(host) : () => undefined;

  if (s.sendCert && s.cert) {
    const cert = readOrFail(fs, s.cert);
    if (cert !== undefined) {
      if (!PEM_CERT.test(cert.toString('latin1'))) throw new UserError(`database-url: ${fileName(s.cert)} holds no PEM certificate`);
      const keyFile = s.key!;
      const st = fs.stat(keyFile.path);
      if (!st) throw new UserError(`database-url: certificate present (${fileName(s.cert)}), but not the private key ${fileName(keyFile)}: set sslkey`);
      if (!st.isFile) throw new UserError(`database-url: ${fileName(keyFile)} is not a regular file`);
      const groupOrWorld = st.mode & 0o077;
      if ((st.uid === fs.euid && groupOrWorld) || (st.uid === 0 && st.mode & 0o037)) {
        throw new UserError(
          `database-url: ${fileName(keyFile)} has group or world access: chmod 600 it (0640 if owned by root), as libpq requires`,
        );
      }
      const key = loadKey(readOrFail(fs, keyFile) ?? Buffer.alloc(0), keyFile, s.password);
      try {
        if (!new X509Certificate(cert).checkPrivateKey(key)) {
          throw new UserError(`database-url: ${fileName(s.cert)} does not match the private key ${fileName(keyFile)}`);
        }
      } catch (err) {
        if (err instanceof UserError) throw err;
        throw new UserError(`database-url: could not read the certificate in ${fileName(s.cert)}: ${(err as Error).message}`);
      }
      o.cert = cert.toString('latin1');
      // decrypted in memory only: Node never sees the passphrase
      o.key = key.export({ format: 'pem', type: 'pkcs8' }) as string;
    }
  }
  o.minVersion = s.minVersion;
  if (s.maxVersion) o.maxVersion = s.maxVersion;
  return o;
}
