import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { parseBackupOptions } from '../../src/options/parse.js';
import { parseDatabaseUrl } from '../../src/core/database-url.js';
import { clientAttempts, connectionUrl, toolEnv } from '../../src/postgres/connection.js';

describe('parseDatabaseUrl', () => {
  test.each([
    [
      1,
      'postgresql://u:p%40ss%3Aw%2Frd@h:5433/db',
      { host: 'h', port: 5433, user: 'u', password: 'p@ss:w/rd', database: 'db' },
    ],
    [2, 'postgres://u@h/db', { host: 'h', port: 5432, user: 'u', password: undefined, database: 'db' }],
    [3, 'postgresql://u@/db?host=/var/run/postgresql', { host: '/var/run/postgresql', database: 'db' }],
    [4, 'postgresql://h', { host: 'h', user: 'postgres', database: 'postgres' }],
    [
      5,
      'postgresql://u:p@[::1]:5432/my%20db?sslmode=verify-full&application_name=x',
      { host: '[::1]', database: 'my db', params: { sslmode: 'verify-full', application_name: 'x' } },
    ],
  ])('%i: %s', (_n, url, expected) => {
    expect(parseDatabaseUrl('database-url', url)).toMatchObject(expected);
  });
});

describe('connectionUrl never holds the password', () => {
  test.each([
    [1, 'postgresql://u:secret@h:5433/db?sslmode=require', 'postgresql://u@h:5433/db?sslmode=require'],
    [2, 'postgresql://u:secret@/db?host=/tmp', 'postgresql://u@:5432/db?host=%2Ftmp'],
    [3, 'postgresql://us%20er:secret@h/d%2Fb', 'postgresql://us%20er@h:5432/d%2Fb'],
  ])('%i', (_n, input, expected) => {
    const c = parseDatabaseUrl('database-url', input);
    expect(connectionUrl(c)).toBe(expected);
    expect(connectionUrl(c)).not.toContain('secret');
  });
});

test('toolEnv: password in PGPASSWORD, our inputs and DATABASE_URL removed', () => {
  const c = parseDatabaseUrl('database-url', 'postgresql://u:secret@h/db');
  const env = toolEnv(c, { PATH: '/bin', DATABASE_URL: 'x', 'INPUT_DATABASE-URL': 'y', PGPASSWORD: 'old' });
  expect(env).toMatchObject({ PATH: '/bin', PGPASSWORD: 'secret', PGCONNECT_TIMEOUT: '15' });
  expect(env.DATABASE_URL).toBeUndefined();
  expect(env['INPUT_DATABASE-URL']).toBeUndefined();
});

describe("clientAttempts: libpq's attempts for the pg client", () => {
  const none = { read: () => undefined, stat: () => undefined, list: () => [], euid: 0, systemCa: () => undefined };
  test.each([
    [
      1,
      '',
      [
        ['tls', { rejectUnauthorized: false }],
        ['plain', false],
      ],
    ],
    [2, '?sslmode=disable', [['plain', false]]],
    [
      3,
      '?sslmode=allow',
      [
        ['plain', false],
        ['tls', { rejectUnauthorized: false }],
      ],
    ],
    [4, '?sslmode=require', [['tls', { rejectUnauthorized: false }]]],
    [5, '?sslmode=require&host=/var/run/postgresql', [['plain', false]]],
  ] as const)('%i: %s', (_n, query, expected) => {
    const c = parseDatabaseUrl('database-url', `postgresql://u@h/db${query}`);
    const got = clientAttempts(c, c.database, none, '/home/u').map((a) => {
      const ssl = a.config().ssl;
      return [a.attempt, ssl && { rejectUnauthorized: (ssl as { rejectUnauthorized?: boolean }).rejectUnauthorized }];
    });
    expect(got).toEqual(expected);
  });

  test('timeout and negotiation follow the URL', () => {
    const c = parseDatabaseUrl(
      'database-url',
      'postgresql://u@h/db?sslmode=require&sslnegotiation=direct&connect_timeout=7',
    );
    expect(clientAttempts(c, c.database, none, '/home/u')[0]!.config()).toMatchObject({
      sslnegotiation: 'direct',
      connectionTimeoutMillis: 7000,
    });
  });
});

describe('the pg tools get what our client used', () => {
  test('resolved settings travel in the URL; sslpassword never does', () => {
    const c = parseDatabaseUrl(
      'database-url',
      'postgresql://u:secret@h/db?sslmode=verify-full&sslrootcert=%2Fca.crt&sslpassword=key-secret',
    );
    expect(connectionUrl(c)).toBe('postgresql://u@h:5432/db?sslmode=verify-full&sslrootcert=%2Fca.crt');
  });

  test('settings from PG* variables stay in the environment, as understood; files travel absolute in the URL', () => {
    const url = 'postgresql://u@h/db';
    const env = { PGSSLMODE: ' verify-full', PGSSLROOTCERT: 'ca.crt', PGSSLMINPROTOCOLVERSION: 'tlsv1.3' };
    const o = parseBackupOptions((name) => ({ 'database-url': url, bucket: 'b-1' })[name], env);
    expect(connectionUrl(o.connection)).toBe(
      `postgresql://u@h:5432/db?sslrootcert=${encodeURIComponent(`${process.cwd()}/ca.crt`)}`,
    );
    expect(toolEnv(o.connection, env)).toMatchObject({ PGSSLMODE: 'verify-full', PGSSLMINPROTOCOLVERSION: 'TLSv1.3' });
  });

  test('sslpassword in a private service file; empty TLS variables dropped', () => {
    const c = parseDatabaseUrl('database-url', 'postgresql://u@h/db?sslpassword=key-secret');
    const env = toolEnv(c, { PATH: '/bin', PGSSLMODE: '', PGSSLROOTCERT: '/ca.crt', RUNNER_TEMP: tmpdir() });
    expect(env.PGSSLMODE).toBeUndefined();
    expect(env.PGSSLROOTCERT).toBe('/ca.crt');
    expect(env.PGSERVICE).toBe('s3-backup');
    expect(readFileSync(env.PGSERVICEFILE!, 'utf8')).toBe('[s3-backup]\nsslpassword=key-secret\n');
    expect(statSync(env.PGSERVICEFILE!).mode & 0o777).toBe(0o600);
    expect(Object.values(env).join(' ')).not.toContain('key-secret');
  });
});
