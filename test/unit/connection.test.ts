import { describe, expect, test } from 'vitest';
import { clientConfig, connectionUrl, parseDatabaseUrl, toolEnv } from '../../src/postgres/connection.js';

describe('parseDatabaseUrl', () => {
  test.each([
    [1, 'postgresql://u:p%40ss%3Aw%2Frd@h:5433/db', { host: 'h', port: 5433, user: 'u', password: 'p@ss:w/rd', database: 'db' }],
    [2, 'postgres://u@h/db', { host: 'h', port: 5432, user: 'u', password: undefined, database: 'db' }],
    [3, 'postgresql://u@/db?host=/var/run/postgresql', { host: '/var/run/postgresql', database: 'db' }],
    [4, 'postgresql://h', { host: 'h', user: 'postgres', database: 'postgres' }],
    [5, 'postgresql://u:p@[::1]:5432/my%20db?sslmode=verify-full&application_name=x', { host: '[::1]', database: 'my db', params: { sslmode: 'verify-full', application_name: 'x' } }],
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

test.each([
  [undefined, false], ['disable', false], ['prefer', false], ['require', { rejectUnauthorized: false }], ['verify-full', { rejectUnauthorized: true }],
])('clientConfig ssl for sslmode=%s', (mode, ssl) => {
  const c = parseDatabaseUrl('database-url', `postgresql://u@h/db${mode ? `?sslmode=${mode}` : ''}`);
  expect(clientConfig(c).ssl).toEqual(ssl);
});
