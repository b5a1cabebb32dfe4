/**
 * libpq's TLS settings and connect_timeout — from the URL or the PG* variables — with libpq's meaning, for both of
 * our consumers:
 *
 * - the pg tools (pg_dump, pg_restore, psql) read them themselves: `resolveLibpqParams` folds the PG* variables into
 *   the URL parameters and makes file names absolute, so the tools get exactly the settings our own connection used;
 * - our own `pg` connections: `tlsSettings` → `sslAttempts` (prefer: TLS, then plain; allow: plain, then TLS) and
 *   `tlsOptions` (Node TLS options: ca, cert, key, rejectUnauthorized, checkServerIdentity the way libpq checks).
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
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import tls, { type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { UserError } from '../errors.js';
import { addSecret } from '../redact.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];
const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
type TlsVersion = (typeof TLS_VERSIONS)[number];

type Env = Record<string, string | undefined>;

interface SettingSpec {
  /** libpq's environment variable (sslpassword has none). */
  env?: string;
  values?: readonly string[];
  path?: boolean;
  integer?: boolean;
  caseInsensitive?: boolean;
}

/** Every libpq setting this module gives meaning to. */
export const TLS_SETTINGS: Record<string, SettingSpec> = {
  sslmode: { env: 'PGSSLMODE', values: SSL_MODES },
  sslrootcert: { env: 'PGSSLROOTCERT', path: true },
  sslcert: { env: 'PGSSLCERT', path: true },
  sslkey: { env: 'PGSSLKEY', path: true },
  sslpassword: {},
  sslcrl: { env: 'PGSSLCRL', path: true },
  sslcrldir: { env: 'PGSSLCRLDIR', path: true },
  sslcertmode: { env: 'PGSSLCERTMODE', values: ['disable', 'allow'] },
  ssl_min_protocol_version: { env: 'PGSSLMINPROTOCOLVERSION', values: TLS_VERSIONS, caseInsensitive: true },
  ssl_max_protocol_version: { env: 'PGSSLMAXPROTOCOLVERSION', values: TLS_VERSIONS, caseInsensitive: true },
  sslnegotiation: { env: 'PGSSLNEGOTIATION', values: ['postgres', 'direct'] },
  connect_timeout: { env: 'PGCONNECT_TIMEOUT', integer: true },
};

/** The PG* variables above: an empty one means "not set" to us, so the tools must not see it either. */
export const TLS_ENV_VARS = Object.values(TLS_SETTINGS).flatMap((s) => (s.env ? [s.env] : []));

function list(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values[0]!;
}

/**
 * The URL's parameters with the PG* variables folded in (the URL wins, as in libpq), checked, with relative file
 * names made absolute against `cwd`. What the tools get in their URL, and what our own connection reads.
 * `input` names where the URL came from, for errors ("database-url").
 */
export function resolveLibpqParams(params: Record<string, string>, env: Env, o: { input: string; cwd: string }): Record<string, string> {
  return checkParams(params, env, o.input, o.cwd);
}

/**
 * The settings that came from PG* variables (not the URL) and that the pg tools read from their own environment:
 * left out of their URL, so that a tool whose libpq predates a setting (sslcertmode, sslnegotiation) is not handed an
 * option it rejects. File settings are not among them: those travel in the URL, made absolute.
 */
export function settingsFromEnv(params: Record<string, string>, env: Env): string[] {
  return Object.entries(TLS_SETTINGS).flatMap(([name, spec]) =>
    params[name] === undefined && spec.env && !spec.path && env[spec.env]?.trim() ? [name] : [],
  );
}

function checkParams(params: Record<string, string>, env: Env, input: string, cwd: string | undefined): Record<string, string> {
  const out: Record<string, string> = { ...params };
  const source: Record<string, string> = {};
  for (const [name, spec] of Object.entries(TLS_SETTINGS)) {
    if (out[name] !== undefined) source[name] = `${input}: ${name}`;
    else if (spec.env && env[spec.env]?.trim()) {
      out[name] = env[spec.env]!.trim();
      source[name] = spec.env;
    }
  }
  for (const [name, spec] of Object.entries(TLS_SETTINGS)) {
    const v = out[name];
    if (v === undefined) continue;
    const where = source[name]!;
    const shown = JSON.stringify(v).slice(1, -1);
    if (name === 'sslcertmode' && v === 'require') {
      throw new UserError(`${where}=require is not supported (s3-backup cannot tell whether the server asked for a certificate): use allow`);
    }
    if (spec.values) {
      const canonical = spec.values.find((x) => (spec.caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v));
      if (canonical === undefined && !(spec.caseInsensitive && v === '')) {
        throw new UserError(`${where}=${shown} is not valid: use ${list(spec.values)}`);
      }
      if (canonical !== undefined) out[name] = canonical;
    }
    if (spec.integer && !/^\s*[-+]?\d+\s*$/.test(v)) {
      throw new UserError(`${where}=${shown} is not valid: use a whole number of seconds (0: wait forever)`);
    }
    if (cwd && spec.path && v !== '' && !(name === 'sslrootcert' && v === 'system') && !isAbsolute(v)) out[name] = resolve(cwd, v);
  }
  if (out.sslrootcert === 'system') {
    // libpq 16: the system's CAs only with the host name checked
    if (out.sslmode === undefined) out.sslmode = 'verify-full';
    else if (out.sslmode !== 'verify-full') {
      throw new UserError(`${source.sslmode}=${out.sslmode} may not be used with sslrootcert=system: use sslmode=verify-full`);
    }
  }
  if (out.sslnegotiation === 'direct' && !['require', 'verify-ca', 'verify-full'].includes(out.sslmode ?? 'prefer')) {
    throw new UserError(`${source.sslnegotiation}=direct needs sslmode require, verify-ca or verify-full (it is ${out.sslmode ?? 'prefer'})`);
  }
  const min = TLS_VERSIONS.indexOf(out.ssl_min_protocol_version as TlsVersion);
  const max = TLS_VERSIONS.indexOf(out.ssl_max_protocol_version as TlsVersion);
  if (min >= 0 && max >= 0 && min > max) {
    throw new UserError(`ssl_min_protocol_version=${out.ssl_min_protocol_version} is above ssl_max_protocol_version=${out.ssl_max_protocol_version}`);
  }
  if (out.sslpassword !== undefined) {
    addSecret(out.sslpassword);
    // the pg tools get it in a service file (see toolEnv), which libpq reads line by line, trimming each line
    if (/[\r\n]/.test(out.sslpassword) || out.sslpassword !== out.sslpassword.trim() || out.sslpassword.length > 200) {
      throw new UserError(`${input}: sslpassword has a line break, leading or trailing spaces, or over 200 characters: pg tools cannot be given it`);
    }
  }
  return out;
}

/** A file setting: the path, and whether the user named it (or it is libpq's default under ~/.postgresql). */
export interface TlsFile {
  path: string;
  setting: string;
  given: boolean;
}

export interface TlsSettings {
  mode: SslMode;
  rootCert: TlsFile | 'system' | undefined;
  cert?: TlsFile;
  key?: TlsFile;
  crl?: TlsFile;
  crlDir?: string;
  password?: string;
  sendCert: boolean;
  minVersion: TlsVersion;
  maxVersion?: TlsVersion;
  negotiation: 'postgres' | 'direct';
  /** Milliseconds; 0 waits forever. */
  connectTimeoutMs: number;
}

/** Our own default when neither the URL nor PGCONNECT_TIMEOUT sets one (the tools get the same in PGCONNECT_TIMEOUT). */
export const DEFAULT_CONNECT_TIMEOUT_S = 15;

/** What libpq would use, from resolved parameters and the home directory (undefined: libpq finds none). */
export function tlsSettings(params: Record<string, string>, home: string | undefined): TlsSettings {
  const p = checkParams(params, {}, 'database-url', undefined);
  const file = (setting: string, fallback: string | undefined): TlsFile | undefined =>
    p[setting] ? { path: p[setting]!, setting, given: true } : home && fallback ? { path: join(home, '.postgresql', fallback), setting, given: false } : undefined;
  const timeout = p.connect_timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_S : Number.parseInt(p.connect_timeout.trim(), 10);
  return {
    mode: (p.sslmode as SslMode | undefined) ?? 'prefer',
    rootCert: p.sslrootcert === 'system' ? 'system' : file('sslrootcert', 'root.crt'),
    cert: file('sslcert', 'postgresql.crt'),
    key: file('sslkey', 'postgresql.key'),
    // libpq's default CRL file only when neither sslcrl nor sslcrldir is set
    crl: p.sslcrldir ? file('sslcrl', undefined) : file('sslcrl', 'root.crl'),
    ...(p.sslcrldir ? { crlDir: p.sslcrldir } : {}),
    ...(p.sslpassword !== undefined ? { password: p.sslpassword } : {}),
    sendCert: p.sslcertmode !== 'disable',
    // libpq's default minimum is TLSv1.2; an empty setting means none
    minVersion: p.ssl_min_protocol_version === undefined ? 'TLSv1.2' : ((p.ssl_min_protocol_version || 'TLSv1') as TlsVersion),
    ...(p.ssl_max_protocol_version ? { maxVersion: p.ssl_max_protocol_version as TlsVersion } : {}),
    negotiation: p.sslnegotiation === 'direct' ? 'direct' : 'postgres',
    connectTimeoutMs: timeout > 0 ? Math.max(timeout, 2) * 1000 : 0,
  };
}

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
const NO_TLS = 'The server does not support SSL connections';

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
  return (tls ?? failures.at(-1)!).err;
}

/** The file system as `tlsOptions` needs it (a seam for the unit tests). */
export interface TlsFs {
  /** Contents, or undefined when the file does not exist (ENOENT, ENOTDIR); other errors throw. */
  read(path: string): Buffer | undefined;
  stat(path: string): { isFile: boolean; mode: number; uid: number } | undefined;
  /** Regular files in a directory (sslcrldir). */
  list(dir: string): string[];
  euid: number | undefined;
  /** The system's trusted CAs (sslrootcert=system). */
  systemCa(): string[] | undefined;
}

function fileName(f: TlsFile): string {
  return f.given ? `${f.setting} file "${f.path}"` : `${f.setting} file "${f.path}" (the default)`;
}

function readOrFail(fs: TlsFs, f: TlsFile): Buffer | undefined {
  try {
    return fs.read(f.path);
  } catch (err) {
    throw new UserError(`database-url: could not read ${fileName(f)}: ${(err as Error).message}`);
  }
}

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

// ---------- host name check (libpq ≥ 14: fe-secure-common.c, pgtls_verify_peer_name_matches_certificate_guts)

/** An IP address in canonical form (WHATWG URL's parser accepts what inet_aton/inet_pton do), or undefined. */
export function canonicalIp(text: string): string | undefined {
  try {
    if (text.includes(':')) return new URL(`http://[${text}]/`).hostname.slice(1, -1);
    if (!/^[0-9a-fA-FxX.]+$/.test(text)) return undefined;
    const h = new URL(`http://${text}/`).hostname;
    return /^\d+\.\d+\.\d+\.\d+$/.test(h) ? h : undefined;
  } catch {
    return undefined;
  }
}

/** A certificate name against the host: equal ignoring case, or `*.rest` with `*` standing for one label. */
export function nameMatches(pattern: string, host: string): boolean {
  if (pattern.toLowerCase() === host.toLowerCase()) return true;
  if (pattern.length < 3 || !pattern.startsWith('*.') || pattern.length > host.length) return false;
  if (pattern.slice(1).toLowerCase() !== host.slice(host.length - pattern.length + 1).toLowerCase()) return false;
  return host.indexOf('.') >= host.length - pattern.length;
}

export interface CertName {
  type: 'DNS' | 'IP';
  value: string;
}

/** Node's `subjectaltname` text ("DNS:a, IP Address:127.0.0.1", values JSON-quoted when they need it) → names. */
export function parseSubjectAltName(text: string | undefined): CertName[] {
  const out: CertName[] = [];
  let i = 0;
  const s = text ?? '';
  while (i < s.length) {
    const colon = s.indexOf(':', i);
    if (colon < 0) break;
    const type = s.slice(i, colon);
    i = colon + 1;
    let value: string;
    if (s[i] === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      value = JSON.parse(s.slice(i, j + 1)) as string;
      i = j + 1;
    } else {
      const end = s.indexOf(', ', i);
      value = s.slice(i, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
    }
    if (s.startsWith(', ', i)) i += 2;
    if (type === 'DNS') out.push({ type: 'DNS', value });
    else if (type === 'IP Address') out.push({ type: 'IP', value });
  }
  return out;
}

/** libpq's verify-full check: undefined when `host` matches, else libpq's own words. */
export function hostMismatch(host: string, sans: CertName[], commonName: string | undefined): string | undefined {
  const hostIp = canonicalIp(host);
  const hostType = hostIp !== undefined ? 'IP' : 'DNS';
  let checkCn = true;
  let examined = 0;
  let first: string | undefined;
  for (const san of sans) {
    if (san.type === hostType) checkCn = false;
    examined++;
    const ip = san.type === 'IP' ? canonicalIp(san.value) : undefined;
    first ??= ip ?? san.value;
    const match = san.type === 'DNS' ? nameMatches(san.value, host) : hostIp !== undefined && ip === hostIp;
    if (match) return undefined;
  }
  if (checkCn && commonName !== undefined) {
    examined++;
    first ??= commonName;
    if (nameMatches(commonName, host)) return undefined;
  }
  if (first === undefined) return `could not get the server's host name from its certificate (host "${host}")`;
  const others = examined - 1;
  const and = others ? ` (and ${others} other name${others > 1 ? 's' : ''})` : '';
  return `server certificate for "${first}"${and} does not match host name "${host}"`;
}

export const HOST_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

/** checkServerIdentity for verify-full: libpq's rules against the host we were given (not Node's servername). */
export function libpqHostCheck(host: string): (servername: string, cert: PeerCertificate) => Error | undefined {
  return (_servername, cert) => {
    const cn = cert.subject?.CN as string | string[] | undefined;
    const why = hostMismatch(host, parseSubjectAltName(cert.subjectaltname), Array.isArray(cn) ? cn[0] : cn);
    return why === undefined ? undefined : Object.assign(new Error(why), { code: HOST_MISMATCH });
  };
}

// ---------- errors

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'CERT_REJECTED',
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
    s.rootCert === 'system' ? "the system's trusted CAs (sslrootcert=system)" : s.rootCert ? `the CA in ${fileName(s.rootCert)}` : 'no CA';
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
    return new UserError(`database-url: the server's certificate at ${where} is not valid now (${reason}): renew the server's certificate`);
  }
  if (code === 'CERT_REVOKED') {
    return new UserError(`database-url: the server's certificate at ${where} is revoked (sslcrl): the server needs a new certificate`);
  }
  if (code === 'UNABLE_TO_GET_CRL' || code === 'CRL_HAS_EXPIRED' || code === 'CRL_NOT_YET_VALID') {
    return new UserError(`database-url: no usable CRL for the server's certificate at ${where} (${reason}): update sslcrl / sslcrldir, or unset them`);
  }
  if (/ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|DECRYPT_ERROR)/.test(code)) {
    const cert = s.cert ? fileName(s.cert) : 'none';
    return new UserError(`database-url: the server at ${where} refused our client certificate (${reason}; ${cert}): set sslcert and sslkey to a certificate its CA signed`);
  }
  if (reason === NO_TLS) {
    return new UserError(`database-url: the server at ${where} does not accept TLS (sslmode=${s.mode}): enable ssl on the server, or lower sslmode`);
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || /^ERR_TLS_/.test(code)) {
    return new UserError(`database-url: TLS with ${where} failed (${reason}, sslmode=${s.mode})`);
  }
  return undefined;
}

/** The real file system. */
export const nodeTlsFs: TlsFs = {
  read(path) {
    try {
      return readFileSync(path);
    } catch (err) {
      if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw err;
    }
  },
  stat(path) {
    try {
      const st = statSync(path);
      return { isFile: st.isFile(), mode: st.mode, uid: st.uid };
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  euid: process.geteuid?.(),
  // Node ≥ 22.15 / 23.5 reads the system's store; older versions fall back to Node's bundled CAs
  systemCa: () => (typeof tls.getCACertificates === 'function' ? tls.getCACertificates('system') : undefined),
};
