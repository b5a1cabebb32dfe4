// TLS to PostgreSQL as libpq means it, for our own connections and pg_dump/pg_restore alike: a PostgreSQL 15 with
// ssl=on and a private CA made here with openssl, hostssl-only roles (so a backup that succeeds proves that pg_dump and
// our client both used TLS), one role that needs a client certificate, one that may only connect without TLS.
import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDatabaseUrl } from '../../src/core/database-url.js';
import { connect } from '../../src/postgres/introspect.js';
import { resolveLibpqParams } from '../../src/postgres/tls/index.js';
import { fauxqs } from '../support/context.js';
import { startPostgres, type PgServer } from '../support/postgres.js';
import { ROOT, errorLines, runAction, runCli, s3Env, type ProcResult } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';

const sh = promisify(execFile);
const ROLE_PASSWORD = 'tls:p@ss/w#rd';
const KEY_PASSPHRASE = 'client key passphrase 7';

let dir: string;
let server: PgServer;
let bucket: string;
let source: string;
let emptyHome: string;
const file = (name: string) => path.join(dir, name);

async function openssl(args: string[]): Promise<void> {
  await sh('openssl', args, { env: { ...process.env, KEY_PASSPHRASE } });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

/** A CA, a server certificate for DNS:localhost only, a client certificate for the role tlscert (encrypted key). */
async function makeCertificates(): Promise<void> {
  for (const ca of ['ca', 'other-ca']) {
    await openssl([
      'req',
      '-x509',
      ...EC,
      '-nodes',
      '-keyout',
      file(`${ca}.key`),
      '-out',
      file(`${ca}.crt`),
      '-days',
      '2',
      '-subj',
      `/CN=s3-backup test ${ca}`,
    ]);
  }
  const sign = async (name: string, subject: string, ext: string, keyArgs: string[]) => {
    await writeFile(file(`${name}.ext`), ext);
    await openssl(['req', '-new', ...keyArgs, '-out', file(`${name}.csr`), '-subj', subject]);
    await openssl([
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file(`${name}.crt`),
      '-days',
      '2',
      '-extfile',
      file(`${name}.ext`),
    ]);
  };
  await sign('server', '/CN=localhost', 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n', [
    ...EC,
    '-nodes',
    '-keyout',
    file('server.key'),
  ]);
  await openssl([
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-aes-256-cbc',
    '-pass',
    'env:KEY_PASSPHRASE',
    '-out',
    file('client.key'),
  ]);
  await sign('client', '/CN=tlscert', 'extendedKeyUsage=clientAuth\n', [
    '-key',
    file('client.key'),
    '-passin',
    'env:KEY_PASSPHRASE',
  ]);
  await chmod(file('client.key'), 0o600);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 's3b-tls-'));
  await chmod(dir, 0o755); // the postgres system user reads the server's files here
  emptyHome = await mkdtemp(path.join(os.tmpdir(), 's3b-tls-home-'));
  await makeCertificates();
  await writeFile(
    file('pg_hba.conf'),
    [
      'host      all tester    127.0.0.1/32 scram-sha-256',
      'hostssl   all tlsonly   127.0.0.1/32 scram-sha-256',
      'hostssl   all tlscert   127.0.0.1/32 scram-sha-256 clientcert=verify-full',
      'hostnossl all plainonly 127.0.0.1/32 scram-sha-256',
      '',
    ].join('\n'),
  );
  await chmod(file('pg_hba.conf'), 0o644);
  server = await startPostgres(15, {
    settings: {
      ssl: 'on',
      ssl_cert_file: file('server.crt'),
      ssl_key_file: file('server.key'),
      ssl_ca_file: file('ca.crt'),
      hba_file: file('pg_hba.conf'),
    },
    beforeStart: async () => {
      if (os.userInfo().uid !== 0) return;
      const { stdout } = await sh('id', ['-u', 'postgres']);
      const { stdout: gid } = await sh('id', ['-g', 'postgres']);
      await chown(file('server.key'), Number(stdout.trim()), Number(gid.trim())); // PostgreSQL wants its key 0600 and its own
    },
  });
  for (const role of ['tlsonly', 'tlscert', 'plainonly']) {
    await server.exec('postgres', `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${ROLE_PASSWORD}'`);
  }
  source = await server.createDatabase();
  await server.exec(
    source,
    'CREATE TABLE t (id int PRIMARY KEY, note text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 100) g;',
  );
  bucket = await createBucket(fauxqs());
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (bucket) await emptyAndDeleteBucket(fauxqs(), bucket);
  await rm(dir, { recursive: true, force: true });
  await rm(emptyHome, { recursive: true, force: true });
});

function url(user: string, host: string, params: Record<string, string>, db = source): string {
  const query = new URLSearchParams(params).toString();
  return `postgresql://${user}:${encodeURIComponent(ROLE_PASSWORD)}@${host}:${server.port}/${db}${query ? `?${query}` : ''}`;
}

let n = 0;
/** A backup through the bundled CLI; HOME has no ~/.postgresql unless given. */
async function backup(
  databaseUrl: string | undefined,
  env: Record<string, string> = {},
): Promise<ProcResult & { key?: string }> {
  const name = `tls${++n}`;
  const args = [
    'backup',
    ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    '--bucket',
    bucket,
    '--endpoint',
    fauxqs().endpoint,
    '--environment',
    'tls',
    '--name',
    name,
    '--json',
  ];
  const r = await runCli(args, { ...s3Env(fauxqs()), HOME: emptyHome, ...env });
  noSecrets(r);
  return { ...r, key: r.code === 0 ? (JSON.parse(r.stdout) as { key: string }).key : undefined };
}

function noSecrets(r: ProcResult): void {
  for (const secret of [
    ROLE_PASSWORD,
    encodeURIComponent(ROLE_PASSWORD),
    KEY_PASSPHRASE,
    encodeURIComponent(KEY_PASSPHRASE),
  ]) {
    expect(r.stdout + r.stderr).not.toContain(secret);
  }
}

/** The one line a refused run printed. */
function refusal(r: ProcResult): string {
  expect(r.code, r.stdout).not.toBe(0);
  const lines = errorLines(r);
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0]!;
}

async function restoreCli(key: string, databaseUrl: string, env: Record<string, string> = {}): Promise<ProcResult> {
  const name = key.split('/').pop()!.split('_tls_')[0]!;
  const r = await runCli(
    [
      'restore',
      '--database-url',
      databaseUrl,
      '--bucket',
      bucket,
      '--endpoint',
      fauxqs().endpoint,
      '--environment',
      'tls',
      '--name',
      name,
      '--backup',
      key,
      '--yes',
    ],
    { ...s3Env(fauxqs()), HOME: emptyHome, ...env },
  );
  noSecrets(r);
  return r;
}

/** What libpq itself says to the same URL and environment (psql 15 from the system, as the pg tools we start). */
async function psqlSays(databaseUrl: string, env: Record<string, string> = {}): Promise<string> {
  try {
    await sh('psql', ['--no-psqlrc', '--dbname', databaseUrl, '--command', 'SELECT 1'], {
      env: { PATH: process.env.PATH!, HOME: emptyHome, ...env },
      cwd: ROOT,
    });
    return 'connected';
  } catch (err) {
    return (err as { stderr: string }).stderr;
  }
}

const rows = async (db: string) => Number((await server.query(db, 'SELECT count(*)::int AS n FROM t'))[0].n);

describe('TLS with a private CA, through the bundled CLI and action', () => {
  test('sslmode=require: backup and restore over TLS (the roles may connect with TLS only)', async () => {
    const b = await backup(url('tlsonly', '127.0.0.1', { sslmode: 'require' }));
    expect(b.code, b.stderr).toBe(0);
    const target = await server.createDatabase();
    const r = await restoreCli(b.key!, url('tlsonly', '127.0.0.1', { sslmode: 'require' }, target));
    expect(r.code, r.stderr).toBe(0);
    expect(await rows(target)).toBe(100);
  });

  test('sslmode=verify-ca: the chain is verified, the host name is not (127.0.0.1 is not in the certificate)', async () => {
    const b = await backup(url('tlsonly', '127.0.0.1', { sslmode: 'verify-ca', sslrootcert: file('ca.crt') }));
    expect(b.code, b.stderr).toBe(0);
  });

  test('sslmode=verify-full with the host name the certificate lists: backup (CLI) and restore (action)', async () => {
    const b = await backup(url('tlsonly', 'localhost', { sslmode: 'verify-full', sslrootcert: file('ca.crt') }));
    expect(b.code, b.stderr).toBe(0);
    const target = await server.createDatabase();
    const name = b.key!.split('/').pop()!.split('_tls_')[0]!;
    const r = await runAction(
      'restore',
      {
        'database-url': url('tlsonly', 'localhost', { sslmode: 'verify-full', sslrootcert: file('ca.crt') }, target),
        bucket,
        endpoint: fauxqs().endpoint,
        environment: 'tls',
        name,
        backup: b.key!,
      },
      { ...s3Env(fauxqs()), HOME: emptyHome },
    );
    expect(r.code, r.stdout).toBe(0);
    noSecrets({ ...r, stdout: r.shown }); // ::add-mask:: lines hand the secrets to the runner, which hides them

    expect(await rows(target)).toBe(100);
  });

  test('sslmode=verify-full to a host name the certificate lacks: refused in one line that says so', async () => {
    const u = url('tlsonly', '127.0.0.1', { sslmode: 'verify-full', sslrootcert: file('ca.crt') });
    expect(await psqlSays(u)).toContain(
      'server certificate for "localhost" (and 1 other name) does not match host name "127.0.0.1"',
    );
    const b = await backup(u);
    expect(refusal(b)).toMatch(
      // libpq's words: the DNS entry and the Common Name were both examined
      /database-url: server certificate for "localhost" \(and 1 other name\) does not match host name "127\.0\.0\.1" \(sslmode=verify-full, at 127\.0\.0\.1:\d+\): connect with a host name the certificate lists/,
    );
  });

  test('a CA that did not sign the server certificate: refused in one line naming sslrootcert and the file', async () => {
    const u = url('tlsonly', 'localhost', { sslmode: 'verify-full', sslrootcert: file('other-ca.crt') });
    expect(await psqlSays(u)).toContain('certificate verify failed');
    const line = refusal(await backup(u));
    expect(line).toContain(`is not signed by the CA in sslrootcert file "${file('other-ca.crt')}"`);
    expect(line).toMatch(/set sslrootcert to the CA certificate that issued it/);
    expect(line).not.toMatch(/use-system-ca/);
  });

  test('a missing sslrootcert under verify-full: refused, naming the file', async () => {
    const b = await backup(url('tlsonly', 'localhost', { sslmode: 'verify-full', sslrootcert: file('nope.crt') }));
    expect(refusal(b)).toContain(`sslrootcert file "${file('nope.crt')}" does not exist (sslmode=verify-full)`);
  });

  test('require with ~/.postgresql/root.crt present verifies the chain, as libpq does', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 's3b-tls-home-'));
    try {
      await mkdir(path.join(home, '.postgresql'));
      await sh('cp', [file('other-ca.crt'), path.join(home, '.postgresql', 'root.crt')]);
      const refused = await backup(url('tlsonly', '127.0.0.1', { sslmode: 'require' }), { HOME: home });
      expect(refusal(refused)).toContain(
        `is not signed by the CA in sslrootcert file "${home}/.postgresql/root.crt" (the default)`,
      );
      // the right CA there, and a client certificate at the default place too: our client and pg_dump both find them
      await sh('cp', [file('ca.crt'), path.join(home, '.postgresql', 'root.crt')]);
      await sh('cp', ['-p', file('client.crt'), path.join(home, '.postgresql', 'postgresql.crt')]);
      await sh('cp', ['-p', file('client.key'), path.join(home, '.postgresql', 'postgresql.key')]);
      const ok = await backup(url('tlscert', '127.0.0.1', { sslmode: 'require', sslpassword: KEY_PASSPHRASE }), {
        HOME: home,
      });
      expect(ok.code, ok.stderr).toBe(0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  test('a client certificate where pg_hba.conf requires one (encrypted key, sslpassword): backup and restore', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 's3b-tls-tmp-'));
    try {
      const params = {
        sslmode: 'verify-full',
        sslrootcert: file('ca.crt'),
        sslcert: file('client.crt'),
        sslkey: file('client.key'),
        sslpassword: KEY_PASSPHRASE,
      };
      const b = await backup(url('tlscert', 'localhost', params), { TMPDIR: tmp });
      expect(b.code, b.stderr).toBe(0);
      const target = await server.createDatabase();
      const r = await restoreCli(b.key!, url('tlscert', 'localhost', params, target), { TMPDIR: tmp });
      expect(r.code, r.stderr).toBe(0);
      expect(await rows(target)).toBe(100);
      // the service file that handed sslpassword to pg_dump / pg_restore is gone
      expect((await readdir(tmp)).filter((f) => f.startsWith('s3-backup-pg-'))).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  test('no client certificate where one is required: refused in one line naming sslcert', async () => {
    const b = await backup(url('tlscert', 'localhost', { sslmode: 'verify-full', sslrootcert: file('ca.crt') }));
    expect(refusal(b)).toMatch(/connection requires a valid client certificate .*: set sslcert and sslkey/);
  });

  test('a wrong sslpassword: refused, the passphrase not shown', async () => {
    const b = await backup(
      url('tlscert', 'localhost', {
        sslmode: 'verify-full',
        sslrootcert: file('ca.crt'),
        sslcert: file('client.crt'),
        sslkey: file('client.key'),
        sslpassword: 'not the passphrase',
      }),
    );
    expect(refusal(b)).toContain(
      `database-url: sslpassword does not decrypt sslkey file "${file('client.key')}": check the passphrase`,
    );
  });

  test('PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY from the environment, relative to the working directory', async () => {
    const rel = (name: string) => path.relative(ROOT, file(name)); // the CLI runs in ROOT, as do the pg tools it starts
    // PGSSLNEGOTIATION (libpq 17) stays in the environment: pg_dump 15 ignores it there, but would refuse it in its URL
    const env = {
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: rel('ca.crt'),
      PGSSLCERT: rel('client.crt'),
      PGSSLKEY: rel('client.key'),
      PGSSLNEGOTIATION: 'postgres',
    };
    // the URL names no TLS setting but the passphrase (libpq has no variable for it)
    const b = await backup(url('tlscert', 'localhost', { sslpassword: KEY_PASSPHRASE }), env);
    expect(b.code, b.stderr).toBe(0);
    // everything from PG* variables, no URL at all
    const all = await backup(undefined, {
      PGHOST: 'localhost',
      PGPORT: String(server.port),
      PGUSER: 'tlsonly',
      PGPASSWORD: ROLE_PASSWORD,
      PGDATABASE: source,
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: rel('ca.crt'),
    });
    expect(all.code, all.stderr).toBe(0);
    // and the variables are honoured when they refuse: verify-full to 127.0.0.1
    const pgEnv = {
      PGHOST: '127.0.0.1',
      PGPORT: String(server.port),
      PGUSER: 'tlsonly',
      PGPASSWORD: ROLE_PASSWORD,
      PGDATABASE: source,
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: rel('ca.crt'),
    };
    expect(await psqlSays('', pgEnv)).toContain('does not match host name "127.0.0.1"');
    const refused = await backup(undefined, pgEnv);
    expect(refusal(refused)).toMatch(
      /server certificate for "localhost" \(and 1 other name\) does not match host name "127\.0\.0\.1"/,
    );
  });

  test('sslmode=prefer uses TLS when the server offers it, and falls back as libpq does; allow tries TLS second', async () => {
    // hostssl-only role: a successful backup means both our client and pg_dump used TLS
    expect((await backup(url('tlsonly', '127.0.0.1', { sslmode: 'prefer' }))).code).toBe(0);
    expect((await backup(url('tlsonly', '127.0.0.1', {}))).code).toBe(0); // prefer is the default
    // a role the server refuses over TLS: prefer falls back to a plain connection (ours and pg_dump's)
    expect((await backup(url('plainonly', '127.0.0.1', { sslmode: 'prefer' }))).code).toBe(0);
    // allow: plain first; the server refuses it for a hostssl role, so TLS
    expect((await backup(url('tlsonly', '127.0.0.1', { sslmode: 'allow' }))).code).toBe(0);
    // require never falls back
    expect(refusal(await backup(url('plainonly', '127.0.0.1', { sslmode: 'require' })))).toMatch(
      /no pg_hba\.conf entry .*plainonly.*SSL encryption/,
    );

    const sslInUse = async (u: string) => {
      const c = parseDatabaseUrl('database-url', u);
      const client = await connect({
        ...c,
        params: resolveLibpqParams(c.params, {}, { input: 'database-url', cwd: ROOT }),
      });
      try {
        return (await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl as boolean;
      } finally {
        await client.end();
      }
    };
    expect(await sslInUse(url('tlsonly', '127.0.0.1', { sslmode: 'prefer' }))).toBe(true);
    expect(await sslInUse(url('plainonly', '127.0.0.1', { sslmode: 'prefer' }))).toBe(false);
    expect(await sslInUse(url('tlsonly', '127.0.0.1', { sslmode: 'allow' }))).toBe(true);
    expect(await sslInUse(url('plainonly', '127.0.0.1', { sslmode: 'allow' }))).toBe(false);
  });

  test('an invalid sslmode is an error naming the setting and the allowed values', async () => {
    const u = url('tlsonly', '127.0.0.1', { sslmode: 'bogus' });
    expect(await psqlSays(u)).toContain('invalid sslmode value: "bogus"');
    expect(await psqlSays(url('tlsonly', '127.0.0.1', {}), { PGSSLMODE: 'bogus' })).toContain(
      'invalid sslmode value: "bogus"',
    );
    const b = await backup(u);
    expect(refusal(b)).toMatch(
      /database-url: sslmode=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
    );
    const e = await backup(url('tlsonly', '127.0.0.1', {}), { PGSSLMODE: 'bogus' });
    expect(refusal(e)).toMatch(/PGSSLMODE=bogus is not valid: use disable, allow/);
  });
});
