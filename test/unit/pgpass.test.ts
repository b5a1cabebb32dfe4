// The password file read as libpq reads it: escapes, wildcards, first match, socket hosts, permissions.
import { describe, expect, test } from 'vitest';
import { passwordFromFile, passwordFromText } from '../../src/postgres/pgpass.js';

const c = { host: 'db.example.com', port: 5432, database: 'shop', user: 'app' };

describe('passwordFromText', () => {
  test.each([
    ['an exact line', 'db.example.com:5432:shop:app:secret', c, 'secret'],
    ['escaped : and \\ in the password', 'db.example.com:5432:shop:app:a\\:b\\\\c', c, 'a:b\\c'],
    ['the password ends at an unescaped :', 'db.example.com:5432:shop:app:a:b', c, 'a'],
    ['* matches any field', '*:*:*:app:w', c, 'w'],
    ['a field that only contains * is no wildcard', 'db*:5432:shop:app:w', c, undefined],
    ['an escaped : in a field', 'h\\:x:5432:shop:app:w', { ...c, host: 'h:x' }, 'w'],
    ['the first matching line wins', '*:*:other:app:no\n*:*:shop:app:first\n*:*:*:*:second', c, 'first'],
    ['comments and blank lines are skipped; CRLF', '# *:*:*:*:no\n\r\n*:*:*:*:yes\r\n', c, 'yes'],
    ['a unix socket matches localhost', 'localhost:5432:shop:app:sock', { ...c, host: '/run/postgresql' }, 'sock'],
    ['another port does not match', 'db.example.com:5433:shop:app:w', c, undefined],
    ['an empty password is none', '*:*:*:*:', c, undefined],
  ])('%s', (_t, text, conn, expected) => expect(passwordFromText(text, conn)).toBe(expected));
});

describe('passwordFromFile', () => {
  const reader = (mode: number, isFile = true) => ({
    stat: () => ({ isFile: () => isFile, mode }),
    read: () => '*:*:*:*:pw',
  });
  test.each([
    ['0600: read', 0o100600, true, 'pw'],
    ['0644: ignored, as libpq does', 0o100644, true, undefined],
    ['0640: ignored', 0o100640, true, undefined],
    ['not a plain file: ignored', 0o600, false, undefined],
  ])('%s', (_t, mode, isFile, expected) =>
    expect(passwordFromFile(c, { PGPASSFILE: '/x/pgpass' }, reader(mode, isFile))).toBe(expected),
  );
  test('no file: none', () => expect(passwordFromFile(c, { PGPASSFILE: '/nonexistent/pgpass' })).toBeUndefined());
});
