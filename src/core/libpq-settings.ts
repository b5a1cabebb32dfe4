/** libpq's TLS settings: read from the URL and the PG* variables, checked, and resolved to what libpq would use. */
import { isAbsolute, join, resolve } from 'node:path';
import { UserError } from './errors.js';
import { addSecret } from './redact.js';

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];
const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
type TlsVersion = (typeof TLS_VERSIONS)[number];

export type Env = Record<string, string | undefined>;

export interface SettingSpec {
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

function list(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : (values[0] ?? '');
}

/**
 * The URL's parameters with the PG* variables folded in (the URL wins, as in libpq), checked, with relative file
 * names made absolute against `cwd`. What the tools get in their URL, and what our own connection reads.
 * `input` names where the URL came from, for errors ("database-url").
 */
export function resolveLibpqParams(
  params: Record<string, string>,
  env: Env,
  o: { input: string; cwd: string },
): Record<string, string> {
  return checkParams(params, env, o.input, o.cwd);
}

function checkParams(
  params: Record<string, string>,
  env: Env,
  input: string,
  cwd: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = { ...params };
  const source: Record<string, string> = {};
  for (const g of givenSettings(params, env, input)) {
    source[g.name] = g.where;
    out[g.name] = checkValue(g, cwd);
  }
  checkCombinations(out, source);
  if (out.sslpassword !== undefined) checkPassword(out.sslpassword, input);
  return out;
}

/** A setting as given: its value and where it came from ("database-url: sslmode", "PGSSLMODE"). */
interface Given {
  name: string;
  spec: SettingSpec;
  value: string;
  where: string;
}

/** The settings given, in TLS_SETTINGS order: from the URL, else from a PG* variable that is not empty. */
function givenSettings(params: Record<string, string>, env: Env, input: string): Given[] {
  return Object.entries(TLS_SETTINGS).flatMap(([name, spec]): Given[] => {
    const fromUrl = params[name];
    if (fromUrl !== undefined) return [{ name, spec, value: fromUrl, where: `${input}: ${name}` }];
    if (!spec.env) return [];
    const fromEnv = env[spec.env]?.trim();
    return fromEnv ? [{ name, spec, value: fromEnv, where: spec.env }] : [];
  });
}

/** One setting checked on its own: a listed value in its canonical spelling, a file name made absolute against `cwd`. */
function checkValue({ name, spec, value: v, where }: Given, cwd: string | undefined): string {
  let out = v;
  const shown = JSON.stringify(v).slice(1, -1);
  if (name === 'sslcertmode' && v === 'require') {
    throw new UserError(
      `${where}=require is not supported (s3-backup cannot tell whether the server asked for a certificate): use allow`,
    );
  }
  if (spec.values) {
    const canonical = spec.values.find((x) => (spec.caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v));
    if (canonical === undefined && !(spec.caseInsensitive && v === '')) {
      throw new UserError(`${where}=${shown} is not valid: use ${list(spec.values)}`);
    }
    if (canonical !== undefined) out = canonical;
  }
  if (spec.integer && !/^\s*[-+]?\d+\s*$/.test(v)) {
    throw new UserError(`${where}=${shown} is not valid: use a whole number of seconds (0: wait forever)`);
  }
  if (cwd && spec.path && v !== '' && !(name === 'sslrootcert' && v === 'system') && !isAbsolute(v))
    out = resolve(cwd, v);
  return out;
}

/** Settings libpq refuses together; sslrootcert=system also sets sslmode's default. */
function checkCombinations(out: Record<string, string>, source: Record<string, string>): void {
  if (out.sslrootcert === 'system') {
    // libpq 16: the system's CAs only with the host name checked
    if (out.sslmode === undefined) out.sslmode = 'verify-full';
    else if (out.sslmode !== 'verify-full') {
      throw new UserError(
        `${source.sslmode}=${out.sslmode} may not be used with sslrootcert=system: use sslmode=verify-full`,
      );
    }
  }
  if (out.sslnegotiation === 'direct' && !['require', 'verify-ca', 'verify-full'].includes(out.sslmode ?? 'prefer')) {
    throw new UserError(
      `${source.sslnegotiation}=direct needs sslmode require, verify-ca or verify-full (it is ${out.sslmode ?? 'prefer'})`,
    );
  }
  const min = TLS_VERSIONS.indexOf(out.ssl_min_protocol_version as TlsVersion);
  const max = TLS_VERSIONS.indexOf(out.ssl_max_protocol_version as TlsVersion);
  if (min >= 0 && max >= 0 && min > max) {
    throw new UserError(
      `ssl_min_protocol_version=${out.ssl_min_protocol_version} is above ssl_max_protocol_version=${out.ssl_max_protocol_version}`,
    );
  }
}

function checkPassword(password: string, input: string): void {
  addSecret(password);
  // the pg tools get it in a service file (see toolEnv), which libpq reads line by line, trimming each line
  if (/[\r\n]/.test(password) || password !== password.trim() || password.length > 200) {
    throw new UserError(
      `${input}: sslpassword has a line break, leading or trailing spaces, or over 200 characters: pg tools cannot be given it`,
    );
  }
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
const DEFAULT_CONNECT_TIMEOUT_S = 15;

/** What libpq would use, from resolved parameters and the home directory (undefined: libpq finds none). */
export function tlsSettings(params: Record<string, string>, home: string | undefined): TlsSettings {
  const p = checkParams(params, {}, 'database-url', undefined);
  const file = (setting: string, fallback: string | undefined): TlsFile | undefined => {
    const path = p[setting];
    if (path) return { path, setting, given: true };
    return home && fallback ? { path: join(home, '.postgresql', fallback), setting, given: false } : undefined;
  };
  const timeout =
    p.connect_timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_S : Number.parseInt(p.connect_timeout.trim(), 10);
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
    minVersion:
      p.ssl_min_protocol_version === undefined ? 'TLSv1.2' : ((p.ssl_min_protocol_version || 'TLSv1') as TlsVersion),
    ...(p.ssl_max_protocol_version ? { maxVersion: p.ssl_max_protocol_version as TlsVersion } : {}),
    negotiation: p.sslnegotiation === 'direct' ? 'direct' : 'postgres',
    connectTimeoutMs: timeout > 0 ? Math.max(timeout, 2) * 1000 : 0,
  };
}
