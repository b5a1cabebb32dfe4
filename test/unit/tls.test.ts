// libpq's TLS settings → the pg tools' URL and our own connection (src/postgres/tls/), as tables.
// Fixtures (test/support/fixtures/tls): a self-signed EC client certificate valid until 2126 and its key, the same key
// encrypted (passphrase below) and as DER, and an unrelated key — made with openssl req/pkcs8/genpkey.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { describe, expect, test } from 'vitest';
import {
  describeTlsFailure,
  hostMismatch,
  parseSubjectAltName,
  reportedFailure,
  resolveLibpqParams,
  settingsFromEnv,
  sslAttempts,
  tlsOptions,
  tlsSettings,
  triesNext,
  type CertName,
  type TlsFs,
} from '../../src/postgres/tls/index.js';

const FIX = path.resolve(import.meta.dirname, '../support/fixtures/tls');
const fixture = (name: string) => readFileSync(path.join(FIX, name));
const PASSPHRASE = 'unit-fixture-passphrase';
const CA = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
const CRL = '-----BEGIN X509 CRL-----\nCRL\n-----END X509 CRL-----\n';
const HOME = '/home/u';
const DOT = `${HOME}/.postgresql`;

describe('resolveLibpqParams: URL parameters + PG* variables → what both the tools and our client read', () => {
  const cwd = '/work/app';
  test.each([
    [1, {}, {}, {}],
    [
      2,
      { sslmode: 'bogus' },
      {},
      /^database-url: sslmode=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
    ],
    [
      3,
      {},
      { PGSSLMODE: 'bogus' },
      /^PGSSLMODE=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
    ],
    [4, { sslmode: '' }, {}, /^database-url: sslmode= is not valid/],
    [
      5,
      { sslmode: 'require' },
      { PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/ca.crt' },
      { sslmode: 'require', sslrootcert: '/ca.crt' },
    ],
    [
      6,
      {},
      { PGSSLMODE: 'verify-full', PGSSLROOTCERT: 'certs/ca.crt' },
      { sslmode: 'verify-full', sslrootcert: '/work/app/certs/ca.crt' },
    ],
    [
      7,
      { sslrootcert: 'ca.crt', sslcert: './c.crt', sslkey: '../k.key', sslcrl: 'r.crl', sslcrldir: 'crls' },
      {},
      {
        sslrootcert: '/work/app/ca.crt',
        sslcert: '/work/app/c.crt',
        sslkey: '/work/k.key',
        sslcrl: '/work/app/r.crl',
        sslcrldir: '/work/app/crls',
      },
    ],
    [
      8,
      { sslrootcert: '/etc/ca.crt', sslrootcert_unrelated: 'x' },
      {},
      { sslrootcert: '/etc/ca.crt', sslrootcert_unrelated: 'x' },
    ],
    [9, {}, { PGSSLMODE: ' ', PGSSLROOTCERT: '' }, {}],
    [
      10,
      {},
      { PGSSLCERT: 'c.crt', PGSSLKEY: '/k.key', PGSSLCRL: '/r.crl', PGSSLCRLDIR: '/crls', PGSSLCERTMODE: 'disable' },
      { sslcert: '/work/app/c.crt', sslkey: '/k.key', sslcrl: '/r.crl', sslcrldir: '/crls', sslcertmode: 'disable' },
    ],
    [11, { sslrootcert: 'system' }, {}, { sslrootcert: 'system', sslmode: 'verify-full' }],
    [
      12,
      { sslrootcert: 'system', sslmode: 'require' },
      {},
      /^database-url: sslmode=require may not be used with sslrootcert=system: use sslmode=verify-full$/,
    ],
    [
      13,
      { sslrootcert: 'system' },
      { PGSSLMODE: 'verify-ca' },
      /^PGSSLMODE=verify-ca may not be used with sslrootcert=system/,
    ],
    [14, {}, { PGCONNECT_TIMEOUT: '10' }, { connect_timeout: '10' }],
    [
      15,
      { connect_timeout: 'soon' },
      {},
      /^database-url: connect_timeout=soon is not valid: use a whole number of seconds/,
    ],
    [
      16,
      { ssl_min_protocol_version: 'tlsv1.3' },
      { PGSSLMAXPROTOCOLVERSION: 'TLSV1.3' },
      { ssl_min_protocol_version: 'TLSv1.3', ssl_max_protocol_version: 'TLSv1.3' },
    ],
    [
      17,
      { ssl_min_protocol_version: 'SSLv3' },
      {},
      /^database-url: ssl_min_protocol_version=SSLv3 is not valid: use TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3$/,
    ],
    [
      18,
      { ssl_min_protocol_version: 'TLSv1.3', ssl_max_protocol_version: 'TLSv1.2' },
      {},
      /is above ssl_max_protocol_version/,
    ],
    [19, { sslcertmode: 'require' }, {}, /^database-url: sslcertmode=require is not supported .*: use allow$/],
    [20, { sslcertmode: 'sometimes' }, {}, /^database-url: sslcertmode=sometimes is not valid: use disable or allow$/],
    [
      21,
      { sslnegotiation: 'direct' },
      {},
      /^database-url: sslnegotiation=direct needs sslmode require, verify-ca or verify-full \(it is prefer\)$/,
    ],
    [22, { sslnegotiation: 'direct', sslmode: 'require' }, {}, { sslnegotiation: 'direct', sslmode: 'require' }],
    [23, {}, { PGSSLNEGOTIATION: 'sideways' }, /^PGSSLNEGOTIATION=sideways is not valid: use postgres or direct$/],
    [24, { sslpassword: 'line\nbreak' }, {}, /^database-url: sslpassword has a line break/],
    [
      25,
      { sslpassword: 'fine passphrase' },
      { PGSSLMODE: 'require' },
      { sslpassword: 'fine passphrase', sslmode: 'require' },
    ],
  ] as Array<[number, Record<string, string>, Record<string, string>, Record<string, string> | RegExp]>)(
    '%i',
    (_n, params, env, expected) => {
      if (expected instanceof RegExp) {
        expect(() => resolveLibpqParams(params, env, { input: 'database-url', cwd })).toThrow(expected);
      } else {
        expect(resolveLibpqParams(params, env, { input: 'database-url', cwd })).toEqual(expected);
      }
    },
  );

  test.each([
    [
      1,
      {},
      { PGSSLMODE: 'require', PGSSLROOTCERT: 'ca.crt', PGCONNECT_TIMEOUT: '5', PGSSLCERTMODE: 'disable' },
      ['sslmode', 'sslcertmode', 'connect_timeout'],
    ],
    [2, { sslmode: 'verify-full' }, { PGSSLMODE: 'require', PGSSLNEGOTIATION: 'postgres' }, ['sslnegotiation']],
    [3, {}, { PGSSLMODE: ' ' }, []],
  ] as Array<[number, Record<string, string>, Record<string, string>, string[]]>)(
    'settingsFromEnv %i: what the tools read from their environment',
    (_n, params, env, expected) => {
      expect(settingsFromEnv(params, env)).toEqual(expected);
    },
  );

  test('a rejected sslpassword is never shown', () => {
    expect(() => resolveLibpqParams({ sslpassword: ' s3cr3t-pass ' }, {}, { input: 'database-url', cwd })).toThrow(
      /^(?!.*s3cr3t)/,
    );
  });
});

/** A file system of `files` (path → contents; mode 0600 owned by uid 1000, unless `modes` says otherwise). */
function fakeFs(files: Record<string, string | Buffer>, modes: Record<string, number> = {}): TlsFs {
  return {
    read: (p) => (p in files ? Buffer.from(files[p]!) : undefined),
    stat: (p) => (p in files ? { isFile: true, mode: 0o100000 | (modes[p] ?? 0o600), uid: 1000 } : undefined),
    list: (dir) =>
      Object.keys(files)
        .filter((p) => path.dirname(p) === dir)
        .map((p) => path.basename(p)),
    euid: 1000,
    systemCa: () => ['SYSTEM-CA'],
  };
}

interface Seen {
  attempts: string;
  verify?: boolean;
  ca?: string;
  hostCheck?: 'libpq' | 'none';
  clientCert?: boolean;
  crl?: number;
  minVersion?: string;
  maxVersion?: string;
  timeoutMs?: number;
}

describe('tlsSettings → sslAttempts and tlsOptions: what our own connection does', () => {
  const clientCert = fixture('client.crt');
  const clientKey = fixture('client.key');
  const host = 'db.example.com';
  const otherCert = {
    subject: { CN: 'other.example.com' },
    subjectaltname: 'DNS:other.example.com',
  } as unknown as PeerCertificate;
  test.each([
    [
      1,
      {},
      {},
      {
        attempts: 'tls,plain',
        verify: false,
        ca: undefined,
        hostCheck: 'none',
        clientCert: false,
        minVersion: 'TLSv1.2',
        timeoutMs: 15_000,
      },
    ],
    [2, { sslmode: 'require' }, {}, { attempts: 'tls', verify: false, hostCheck: 'none' }],
    // libpq: a root certificate present makes require (and prefer, allow) verify the chain, like verify-ca
    [
      3,
      { sslmode: 'require' },
      { [`${DOT}/root.crt`]: CA },
      { attempts: 'tls', verify: true, ca: CA, hostCheck: 'none' },
    ],
    [4, { sslmode: 'prefer' }, { [`${DOT}/root.crt`]: CA }, { attempts: 'tls,plain', verify: true, ca: CA }],
    [
      5,
      { sslmode: 'verify-ca', sslrootcert: '/ca.crt' },
      { '/ca.crt': CA },
      { attempts: 'tls', verify: true, ca: CA, hostCheck: 'none' },
    ],
    [
      6,
      { sslmode: 'verify-full', sslrootcert: '/ca.crt' },
      { '/ca.crt': CA },
      { attempts: 'tls', verify: true, ca: CA, hostCheck: 'libpq' },
    ],
    [
      7,
      { sslmode: 'verify-full', sslrootcert: '/missing.crt' },
      {},
      /^database-url: sslrootcert file "\/missing\.crt" does not exist \(sslmode=verify-full\): set sslrootcert to the CA certificate/,
    ],
    [
      8,
      { sslmode: 'verify-ca' },
      {},
      /^database-url: sslrootcert file "\/home\/u\/\.postgresql\/root\.crt" \(the default\) does not exist/,
    ],
    [9, { sslmode: 'require', sslrootcert: '/missing.crt' }, {}, { attempts: 'tls', verify: false }],
    [10, { sslmode: 'disable' }, { [`${DOT}/root.crt`]: CA }, { attempts: 'plain' }],
    [11, { sslmode: 'allow' }, {}, { attempts: 'plain,tls', verify: false }],
    [
      12,
      { sslmode: 'verify-full', sslrootcert: 'system' },
      {},
      { attempts: 'tls', verify: true, ca: 'SYSTEM-CA', hostCheck: 'libpq' },
    ],
    [
      13,
      { sslmode: 'verify-full', sslrootcert: '/ca.crt' },
      { '/ca.crt': 'not a certificate' },
      /^database-url: sslrootcert file "\/ca\.crt" holds no PEM certificate/,
    ],
    // client certificates: the defaults under ~/.postgresql, or sslcert/sslkey
    [
      14,
      { sslmode: 'require' },
      { [`${DOT}/postgresql.crt`]: clientCert, [`${DOT}/postgresql.key`]: clientKey },
      { attempts: 'tls', clientCert: true },
    ],
    [
      15,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key' },
      { '/c.crt': clientCert, '/c.key': clientKey },
      { attempts: 'tls', clientCert: true },
    ],
    [
      16,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.der' },
      { '/c.crt': clientCert, '/c.der': fixture('client.key.der') },
      { attempts: 'tls', clientCert: true },
    ],
    [
      17,
      { sslmode: 'require', sslcert: '/c.crt' },
      { '/c.crt': clientCert },
      /^database-url: certificate present \(sslcert file "\/c\.crt"\), but not the private key sslkey file "\/home\/u\/\.postgresql\/postgresql\.key" \(the default\): set sslkey$/,
    ],
    [
      18,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key' },
      { '/c.crt': clientCert, '/c.key': clientKey, '@modes': '/c.key=644' },
      /^database-url: sslkey file "\/c\.key" has group or world access: chmod 600 it/,
    ],
    [
      19,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key' },
      { '/c.crt': clientCert, '/c.key': fixture('client-encrypted.key') },
      /^database-url: sslkey file "\/c\.key" is encrypted: set sslpassword in the URL to its passphrase$/,
    ],
    [
      20,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key', sslpassword: 'wrong-passphrase' },
      { '/c.crt': clientCert, '/c.key': fixture('client-encrypted.key') },
      /^database-url: sslpassword does not decrypt sslkey file "\/c\.key": check the passphrase$/,
    ],
    [
      21,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key', sslpassword: PASSPHRASE },
      { '/c.crt': clientCert, '/c.key': fixture('client-encrypted.key') },
      { attempts: 'tls', clientCert: true },
    ],
    [
      22,
      { sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key' },
      { '/c.crt': clientCert, '/c.key': fixture('other.key') },
      /^database-url: sslcert file "\/c\.crt" does not match the private key sslkey file "\/c\.key"$/,
    ],
    [
      23,
      { sslmode: 'require', sslcertmode: 'disable' },
      { [`${DOT}/postgresql.crt`]: clientCert, [`${DOT}/postgresql.key`]: clientKey },
      { clientCert: false },
    ],
    [
      24,
      { sslmode: 'require', sslcert: '/missing.crt', sslkey: '/missing.key' },
      {},
      { attempts: 'tls', clientCert: false },
    ],
    // CRLs only with a root certificate; the default root.crl only without sslcrl/sslcrldir
    [
      25,
      { sslmode: 'verify-ca', sslrootcert: '/ca.crt', sslcrl: '/r.crl' },
      { '/ca.crt': CA, '/r.crl': CRL },
      { verify: true, crl: 1 },
    ],
    [
      26,
      { sslmode: 'verify-ca', sslrootcert: '/ca.crt' },
      { '/ca.crt': CA, [`${DOT}/root.crl`]: CRL },
      { verify: true, crl: 1 },
    ],
    [
      27,
      { sslmode: 'verify-ca', sslrootcert: '/ca.crt', sslcrldir: '/crls' },
      { '/ca.crt': CA, '/crls/1a2b3c4d.r0': CRL, '/crls/README': 'x', [`${DOT}/root.crl`]: CRL },
      { crl: 1 },
    ],
    [28, { sslmode: 'require', sslcrl: '/r.crl' }, { '/r.crl': CRL }, { verify: false, crl: 0 }],
    // timeouts and protocol versions
    [29, { connect_timeout: '0' }, {}, { timeoutMs: 0 }],
    [30, { connect_timeout: '1' }, {}, { timeoutMs: 2000 }],
    [31, { connect_timeout: ' 30 ' }, {}, { timeoutMs: 30_000 }],
    [32, { connect_timeout: '-5' }, {}, { timeoutMs: 0 }],
    [
      33,
      { ssl_min_protocol_version: 'TLSv1.3', ssl_max_protocol_version: 'TLSv1.3' },
      {},
      { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' },
    ],
    [34, { ssl_min_protocol_version: '' }, {}, { minVersion: 'TLSv1' }],
  ] as Array<[number, Record<string, string>, Record<string, string | Buffer>, Partial<Seen> | RegExp]>)(
    '%i',
    (_n, params, files, expected) => {
      const { '@modes': modeSpec, ...contents } = files;
      const modes = Object.fromEntries(
        modeSpec ? [[String(modeSpec).split('=')[0], Number.parseInt(String(modeSpec).split('=')[1]!, 8)]] : [],
      );
      const s = tlsSettings(params, HOME);
      const attempts = sslAttempts(s.mode, host);
      const see = (): Seen => {
        const o = attempts.includes('tls') ? tlsOptions(s, host, fakeFs(contents, modes)) : undefined;
        return {
          attempts: attempts.join(','),
          ...(o && {
            verify: o.rejectUnauthorized,
            ca: Array.isArray(o.ca) ? o.ca.join() : (o.ca as string | undefined),
            // a certificate for another name: only the libpq check refuses it
            hostCheck: o.checkServerIdentity?.(host, otherCert) ? 'libpq' : 'none',
            clientCert: o.cert !== undefined && o.key !== undefined,
            crl: Array.isArray(o.crl) ? o.crl.length : 0,
            minVersion: o.minVersion,
            ...(o.maxVersion ? { maxVersion: o.maxVersion } : {}),
          }),
          timeoutMs: s.connectTimeoutMs,
        };
      };
      if (expected instanceof RegExp) expect(see).toThrow(expected);
      else expect(see()).toMatchObject(expected);
    },
  );

  test('the decrypted key stays in memory and the passphrase goes nowhere', () => {
    const s = tlsSettings({ sslmode: 'require', sslcert: '/c.crt', sslkey: '/c.key', sslpassword: PASSPHRASE }, HOME);
    const o = tlsOptions(s, host, fakeFs({ '/c.crt': clientCert, '/c.key': fixture('client-encrypted.key') }));
    expect(o.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(o.passphrase).toBeUndefined();
    expect(JSON.stringify(o)).not.toContain(PASSPHRASE);
  });

  test('a certificate without sslkey and no home directory for the default key: set sslkey', () => {
    const s = tlsSettings({ sslmode: 'require', sslcert: '/c.crt' }, undefined);
    expect(() => tlsOptions(s, host, fakeFs({ '/c.crt': clientCert }))).toThrow(
      /^database-url: certificate present \(sslcert file "\/c\.crt"\), but no private key: set sslkey$/,
    );
  });

  test.each([
    [1, 'prefer', 'db.example.com', 'tls,plain'],
    [2, 'require', '/var/run/postgresql', 'plain'], // libpq never asks for TLS over a Unix socket
    [3, 'verify-full', '127.0.0.1', 'tls'],
  ] as const)('attempts %i: %s to %s', (_n, mode, h, expected) => {
    expect(sslAttempts(mode, h).join(',')).toBe(expected);
  });
});

describe('verify-full host name check, libpq ≥ 14 rules', () => {
  const dns = (...v: string[]): CertName[] => v.map((value) => ({ type: 'DNS', value }));
  const ip = (...v: string[]): CertName[] => v.map((value) => ({ type: 'IP', value }));
  test.each([
    [1, 'localhost', dns('localhost'), 'localhost', undefined],
    [
      2,
      '127.0.0.1',
      dns('localhost'),
      'localhost',
      'server certificate for "localhost" (and 1 other name) does not match host name "127.0.0.1"',
    ],
    [3, '127.0.0.1', ip('127.0.0.1'), undefined, undefined],
    [4, '127.0.0.1', dns('127.0.0.1'), undefined, undefined], // libpq compares DNS entries as text, IP hosts too
    [5, 'localhost', ip('127.0.0.1'), 'localhost', undefined], // no DNS entry: the CN counts
    [
      6,
      '127.0.0.1',
      ip('10.0.0.1'),
      '127.0.0.1',
      'server certificate for "10.0.0.1" does not match host name "127.0.0.1"',
    ], // an IP entry rules the CN out
    [7, 'db.example.com', dns('*.example.com'), undefined, undefined],
    [
      8,
      'a.db.example.com',
      dns('*.example.com'),
      undefined,
      'server certificate for "*.example.com" does not match host name "a.db.example.com"',
    ],
    [
      9,
      'example.com',
      dns('*.example.com'),
      undefined,
      'server certificate for "*.example.com" does not match host name "example.com"',
    ],
    [10, 'DB.Example.COM', dns('db.example.com'), undefined, undefined],
    [11, '::1', ip('0:0:0:0:0:0:0:1'), undefined, undefined],
    [12, 'db', [], undefined, 'could not get the server\'s host name from its certificate (host "db")'],
    [13, 'db', [], 'db', undefined],
    [
      14,
      'db',
      dns('a', 'b', 'c'),
      'db',
      'server certificate for "a" (and 2 other names) does not match host name "db"',
    ],
    [15, 'db.example.com', [...ip('10.0.0.1'), ...dns('db.example.com')], undefined, undefined],
    [16, '127.1', ip('127.0.0.1'), undefined, undefined], // inet_aton's short form is an IP address
  ] as Array<[number, string, CertName[], string | undefined, string | undefined]>)(
    '%i: %s',
    (_n, host, sans, cn, expected) => {
      expect(hostMismatch(host, sans, cn)).toBe(expected);
    },
  );

  test.each([
    [1, 'DNS:localhost, IP Address:127.0.0.1', [...dns('localhost'), ...ip('127.0.0.1')]],
    [2, 'DNS:"a, b", DNS:c', dns('a, b', 'c')],
    [3, 'email:x@y, URI:http://z, DNS:d', dns('d')],
    [4, 'IP Address:0:0:0:0:0:0:0:1', ip('0:0:0:0:0:0:0:1')],
    [5, undefined, []],
  ] as Array<[number, string | undefined, CertName[]]>)('subjectaltname %i', (_n, text, expected) => {
    expect(parseSubjectAltName(text)).toEqual(expected);
  });
});

describe('the next attempt and the reported failure, as libpq', () => {
  const serverError = Object.assign(new Error('no pg_hba.conf entry'), { severity: 'FATAL', code: '28000' });
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const untrusted = Object.assign(new Error('unable to verify the first certificate'), {
    code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  });
  const noTls = new Error('The server does not support SSL connections');
  test.each([
    [1, 'prefer', 'tls', untrusted, true],
    [2, 'prefer', 'tls', noTls, true],
    [3, 'prefer', 'tls', serverError, true],
    [4, 'prefer', 'tls', refused, false],
    [5, 'prefer', 'tls', new Error('Connection terminated due to connection timeout'), false],
    [6, 'allow', 'plain', serverError, true],
    [7, 'allow', 'plain', refused, false],
    [8, 'allow', 'plain', untrusted, false],
    [9, 'require', 'tls', serverError, false],
  ] as const)('%i: %s after %s fails', (_n, mode, attempt, err, expected) => {
    expect(triesNext(mode, attempt, err)).toBe(expected);
  });

  test.each([
    [
      1,
      [
        { attempt: 'tls', err: untrusted },
        { attempt: 'plain', err: serverError },
      ],
      untrusted,
    ],
    [
      2,
      [
        { attempt: 'tls', err: noTls },
        { attempt: 'plain', err: serverError },
      ],
      serverError,
    ],
    [
      3,
      [
        { attempt: 'plain', err: serverError },
        { attempt: 'tls', err: untrusted },
      ],
      untrusted,
    ],
    [4, [{ attempt: 'tls', err: refused }], refused],
  ] as const)('reported %i', (_n, failures, expected) => {
    expect(reportedFailure([...failures])).toBe(expected);
  });
});

describe('describeTlsFailure: one line naming the setting', () => {
  const where = 'db.example.com:5432';
  const e = (code: string, message: string) => Object.assign(new Error(message), { code });
  test.each([
    [
      1,
      { sslmode: 'verify-full', sslrootcert: '/etc/ca.crt' },
      e('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      /^database-url: the server's certificate at db\.example\.com:5432 is not signed by the CA in sslrootcert file "\/etc\/ca\.crt" \(unable to verify the first certificate, sslmode=verify-full\): set sslrootcert to the CA certificate that issued it/,
    ],
    [
      2,
      { sslmode: 'require' },
      e('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      /not signed by the CA in sslrootcert file "\/home\/u\/\.postgresql\/root\.crt" \(the default\)/,
    ],
    [
      3,
      { sslmode: 'verify-full', sslrootcert: 'system' },
      e('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'),
      /not signed by the system's trusted CAs \(sslrootcert=system\)/,
    ],
    [
      4,
      { sslmode: 'verify-full' },
      e('ERR_TLS_CERT_ALTNAME_INVALID', 'server certificate for "localhost" does not match host name "127.0.0.1"'),
      /^database-url: server certificate for "localhost" does not match host name "127\.0\.0\.1" \(sslmode=verify-full, at db\.example\.com:5432\): connect with a host name the certificate lists/,
    ],
    [
      5,
      { sslmode: 'require' },
      e('CERT_HAS_EXPIRED', 'certificate has expired'),
      /is not valid now \(certificate has expired\)/,
    ],
    [
      6,
      { sslmode: 'require', sslcert: '/c.crt' },
      e('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'tlsv1 alert unknown ca'),
      /refused our client certificate \(tlsv1 alert unknown ca; sslcert file "\/c\.crt"\): set sslcert and sslkey/,
    ],
    [
      7,
      { sslmode: 'require' },
      new Error('The server does not support SSL connections'),
      /^database-url: the server at db\.example\.com:5432 does not accept TLS \(sslmode=require\)/,
    ],
    [
      8,
      { sslmode: 'verify-ca', sslrootcert: '/ca.crt' },
      e('CERT_REVOKED', 'certificate revoked'),
      /is revoked \(sslcrl\)/,
    ],
    [9, { sslmode: 'require' }, e('ECONNREFUSED', 'connect ECONNREFUSED'), undefined],
  ] as Array<[number, Record<string, string>, Error, RegExp | undefined]>)('%i', (_n, params, err, expected) => {
    const got = describeTlsFailure(err, tlsSettings(params, HOME), 'db.example.com', where);
    if (expected) {
      expect(got?.message).toMatch(expected);
      expect(got?.message).not.toContain('\n');
    } else expect(got).toBeUndefined();
  });
});
