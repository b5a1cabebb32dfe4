// The input checks behind the bad-input table (test/integration/bad-input.itg.test.ts), at the edges a process per
// case would make slow: every date form, URL shapes with and without encoding, key segments, the empty-input rule of
// each host.
import { describe, expect, test } from 'vitest';
import { errorMessage, UserError } from '../../src/core/errors.js';
import { parseBackupSelector } from '../../src/options/backup-selector.js';
import { parseConnection } from '../../src/options/database-url.js';
import { parseEnvironment, parseName, parsePrefix } from '../../src/options/keys.js';
import { parseBackupOptions, parseListOptions, parseRestoreOptions } from '../../src/options/parse.js';
import { actionInputs } from '../../src/options/raw.js';
import { dateBound } from '../../src/core/select.js';

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const message = errorMessage(err);
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('no error thrown');
}

describe('backup: latest, a key, or a real date', () => {
  test.each([
    ['latest', '2025-01-30T23:59:59.999Z'],
    ['20240229', '2024-02-29T23:59:59.999Z'],
    ['2025-12-31', '2025-12-31T23:59:59.999Z'],
    ['20250130_235959', '2025-01-30T23:59:59.999Z'],
    ['2025-01-30T03:00:00Z', '2025-01-30T03:00:00.000Z'],
    ['2025-01-30T03:00Z', '2025-01-30T03:00:00.000Z'],
    ['2025-01-30T03:00:00.5+02:00', '2025-01-30T01:00:00.500Z'],
    ['2025-01-30T03:00:00+0130', '2025-01-30T01:30:00.000Z'],
    ['2025-01-30T03:00:00', '2025-01-30T03:00:00.000Z'],
    ['prod/shop_prod_20250130_030000.dump.zst', undefined],
    ['shop_prod_20250130_030000.sql.gz.age', undefined],
  ])('%s is accepted, and means what the selection reads', (text, bound) => {
    expect(parseBackupSelector('backup', text)).toBe(text);
    if (bound && text !== 'latest') expect(dateBound(text)?.toISOString()).toBe(bound);
  });

  test.each([
    ['2025-13-45', 'there is no month 13'],
    ['20261131', 'November 2026 has 30 days'],
    ['2999-13-45', 'there is no month 13'],
    ['20250229', 'February 2025 has 28 days'],
    ['2025-00-10', 'there is no month 0'],
    ['2025-01-00', 'January 2025 has 31 days'],
    ['20250130_246000', 'there is no hour 24'],
    ['20250130_236000', 'there is no minute 60'],
    ['20250130_235960', 'there is no second 60'],
    ['2025-02-30T10:00:00Z', 'February 2025 has 28 days'],
    ['2025-01-30T24:00:00Z', 'there is no hour 24'],
    ['2025-01-30T03:00:00+25:00', 'the UTC offset is out of range'],
  ])('%s is not a real date (%s)', (text, why) => {
    expect(userError(() => parseBackupSelector('backup', text))).toBe(
      `backup: "${text}" is not a real date (${why}); use latest, an object key, or a date: YYYYMMDD, YYYY-MM-DD, YYYYMMDD_HHMMSS or ISO 8601 (2025-01-30T03:00:00Z)`,
    );
  });

  test.each(['2025/01/30', '30.01.2025', '2025-1-5', '2025013'])('%s: not a form this tool reads', (text) => {
    expect(userError(() => parseBackupSelector('backup', text))).toMatch(
      new RegExp(`^backup: "${text.replace(/\./g, '\\.')}" is not (a date this tool reads; use )?latest`),
    );
  });

  test.each(['Latest', 'yesterday', 'prod/shop_prod_20261131_030000.dump.zst', 'shop.dump'])(
    '%s: not latest, a key or a date',
    (text) => {
      expect(userError(() => parseBackupSelector('backup', text))).toMatch(/is not latest, an object key, or a date/);
    },
  );
});

describe('key parts: prefix, environment, name', () => {
  test.each([
    ['/db/main/', 'db/main'],
    ['/', ''],
    ['backups', 'backups'],
    ["a.b/c-d/e_f/(g)/h!*'", "a.b/c-d/e_f/(g)/h!*'"],
  ])('prefix %s → %s', (text, prefix) => expect(parsePrefix('prefix', text)).toBe(prefix));

  test.each([
    ['../x', /has the folder "\.\."/],
    ['a/../b', /has the folder "\.\."/],
    ['./x', /has the folder "\."/],
    ['a/.../b', /has the folder "\.\.\."/],
    ['a//b', /has an empty folder/],
    ['a b', /has the folder "a b": folders may hold only letters, digits and/],
    ['a\\b', /folders may hold only/],
    ['a/b?c', /folders may hold only/],
    ['a/\tb', /folders may hold only/],
  ])('prefix %j is refused', (text, line) => expect(userError(() => parsePrefix('prefix', text))).toMatch(line));

  test.each(['..', '.', 'prod_eu', '-prod', 'prod/eu', ''])('environment %j is refused', (text) => {
    expect(userError(() => parseEnvironment('environment', text))).toMatch(
      /^environment: ".*" may hold only letters, digits, "\." and "-"/,
    );
  });
  test.each(['..', '../etc', 'a/b', '.hidden', 'a b'])('name %j is refused', (text) => {
    expect(userError(() => parseName('name', text))).toMatch(
      /^name: ".*" may hold only letters, digits, "\.", "_" and "-"/,
    );
  });
});

describe('database-url', () => {
  const PW = 'Zq7hunter@Xk9secret#Wm4tail';
  const pieces = PW.split(/[@#]/);
  const noSecret = (s: string) => {
    for (const p of [PW, encodeURIComponent(PW), ...pieces]) expect(s).not.toContain(p);
  };

  test.each([
    [
      `postgresql://app:${encodeURIComponent(PW)}@db.example.com:5433/shop?sslmode=verify-full`,
      { host: 'db.example.com', port: 5433, user: 'app', password: PW, database: 'shop' },
    ],
    ['postgresql://app:pa:ss@db/shop', { host: 'db', user: 'app', password: 'pa:ss' }],
    ['postgresql://me%40corp:pw@db/shop', { user: 'me@corp', password: 'pw' }],
    ['postgresql://app@[::1]:6543/shop', { port: 6543 }],
    ['postgres:///shop?host=/var/run/postgresql', { host: '/var/run/postgresql', database: 'shop' }],
    ['postgresql://app@db/shop?application_name=a@b', { host: 'db', params: { application_name: 'a@b' } }],
    ['postgresql://app:p%25ss@db/shop?connect_timeout=5', { password: 'p%ss', params: { connect_timeout: '5' } }],
  ])('%s is read as meant', (url, expected) => {
    expect(parseConnection('database-url', url, {})).toMatchObject(expected);
  });

  test.each([
    [
      `postgresql://app:${PW}@db.example.com:5432/shop`,
      /^database-url: the password holds a character that must be percent-encoded .*encodeURIComponent\(password\).*"@" → %40, "#" → %23/,
    ],
    [
      'postgresql://app:Zq7hunter#Wm4tail@db/shop',
      /^database-url: the password holds a character that must be percent-encoded/,
    ],
    ['postgresql://app:Zq7hunter/Wm4tail@db/shop', /^database-url: the password holds a character/],
    ['postgresql://app:Zq7hunter?Wm4tail@db/shop', /^database-url: the password holds a character/],
    ['postgresql://app:Zq7hunter%zzWm4tail@db/shop', /^database-url: the password holds a character/],
    ['postgresql://app:Zq7hunter Wm4tail@db/shop', /^database-url: the password holds a character/],
    [
      'postgresql://me@corp:Zq7hunterWm4tail@db/shop',
      /^database-url: the user name holds a character that must be percent-encoded/,
    ],
    [
      'postgresql://app:Zq7hunter@Wm4tail#x/shop',
      /^database-url: "#" has no meaning in a PostgreSQL URL; if it belongs to the password or another value, percent-encode it as %23$/,
    ],
    [
      'postgresql://app:Zq7hunter@[Wm4tail/shop',
      /^database-url: the URL holds an "@" that cannot end the user name and password/,
    ],
    ['postgresql://app@db/shop#frag', /^database-url: "#" has no meaning in a PostgreSQL URL/],
    ['postgresql://app@db:99999/shop', /^database-url: the port 99999 is out of range; use 1 to 65535/],
    ['postgresql://app@db:0/shop', /^database-url: the port 0 is out of range/],
    ['postgresql://app@db:54x2/shop', /^database-url: the port "54x2" is not a number/],
    ['postgresql://app@db/shop?port=70000', /^database-url: the port 70000 is out of range/],
    [
      'mysql://app@db/shop',
      /^database-url: scheme "mysql:" is not postgresql:; use e\.g\. postgresql:\/\/app@db\.example\.com:5432\/shop/,
    ],
  ])('%s is refused with one line, the password never in it', (url, line) => {
    const message = userError(() => parseConnection('database-url', url, {}));
    expect(message).toMatch(line);
    noSecret(message);
  });

  test("PGPORT is checked like the URL's port", () => {
    expect(userError(() => parseConnection('database-url', '', { PGHOST: 'db', PGPORT: '99999' }))).toMatch(
      /^PGPORT: the port 99999 is out of range/,
    );
  });

  // sslmode, connect_timeout and the PG* variables behind them are the TLS settings' to check (src/postgres/tls.ts):
  // the options refuse them on the same path, before anything connects
  test.each([
    [
      { 'database-url': `${'postgresql://app@db/shop'}?sslmode=bogus` },
      {},
      /^database-url: sslmode=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
    ],
    [
      { 'database-url': 'postgresql://app@db/shop?connect_timeout=soon' },
      {},
      /^database-url: connect_timeout=soon is not valid: use a whole number of seconds/,
    ],
    [{}, { PGHOST: 'db', PGSSLMODE: 'bogus' }, /^PGSSLMODE=bogus is not valid: use disable, allow/],
    [
      {},
      { PGHOST: 'db', PGCONNECT_TIMEOUT: 'soon' },
      /^PGCONNECT_TIMEOUT=soon is not valid: use a whole number of seconds/,
    ],
  ])('%j %j: refused with one line', (values, env, line) => {
    expect(
      userError(() => parseBackupOptions((n) => (({ bucket: 'b-1', ...values }) as Record<string, string>)[n], env)),
    ).toMatch(line);
  });
});

describe('an input given empty', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name];
  const url = 'postgresql://app@db/shop';

  test.each([
    ['environment', 'leave it out to use the default (production)'],
    ['backup', 'leave it out to use the default (latest)'],
    ['prefix', 'leave it out'],
    ['database-url', 'leave it out to fall back to DATABASE_URL'],
    ['jobs', 'leave it out to use the default (auto)'],
  ])('%s: "" is refused, not read as its default', (name, instead) => {
    const values = { 'database-url': url, bucket: 'b-1', [name]: '' };
    expect(userError(() => parseRestoreOptions(inputs(values), { DATABASE_URL: url }))).toBe(
      `${name}: given empty (""); give a value or ${instead} — an unset variable or secret in a script or workflow expands to ""`,
    );
  });

  test('whitespace only counts as empty', () => {
    expect(userError(() => parseListOptions(inputs({ bucket: 'b-1', environment: '  ' }), {}))).toMatch(
      /^environment: given empty/,
    );
  });

  test('the action: an input the runner filled with its declared default is given; "" is refused only where the default is not ""', () => {
    const env = {
      INPUT_ENVIRONMENT: '',
      INPUT_PREFIX: '',
      INPUT_BUCKET: ' b-1 ',
      INPUT_BACKUP: 'latest',
      'INPUT_DATABASE-URL': '',
    };
    const raw = actionInputs(env);
    expect(raw('environment')).toBe('');
    expect(raw('prefix')).toBeUndefined(); // default "": "" given and "" defaulted look the same
    expect(raw('database-url')).toBeUndefined();
    expect(raw('bucket')).toBe('b-1');
    expect(raw('name')).toBeUndefined(); // not set at all (run outside a runner)
    expect(userError(() => parseListOptions(raw, {}))).toMatch(/^environment: given empty/);
    // with the runner's defaults, as a step that names neither input gets them
    const backup = parseBackupOptions(
      actionInputs({
        INPUT_ENVIRONMENT: 'production',
        INPUT_PREFIX: '',
        INPUT_BUCKET: 'b-1',
        'INPUT_DATABASE-URL': url,
      }),
      {},
    );
    expect(backup.s3.prefix).toBe('production');
  });
});
