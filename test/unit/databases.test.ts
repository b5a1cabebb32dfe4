// The inputs of a backup of several databases, and which databases a set backs up (pure).
import { describe, expect, test } from 'vitest';
import { chooseDatabases } from '../../src/backup/set-databases.js';
import { defaultJobs, parseDatabases, parseSetInputs } from '../../src/options/databases.js';
import type { Connection } from '../../src/model/connection.js';

const text = { databases: '', excludeDatabases: '', globals: 'auto', jobs: 'auto' };

describe('databases, exclude-databases, globals, jobs', () => {
  test.each([
    ['', { kind: 'single' }],
    ['all', { kind: 'all' }],
    ['ALL', { kind: 'all' }],
    ['app, analytics', { kind: 'list', names: ['app', 'analytics'] }],
    ['app\nanalytics\napp', { kind: 'list', names: ['app', 'analytics'] }],
  ])('databases %j', (value, expected) => {
    expect(parseDatabases('databases', value)).toEqual(expected);
  });

  test.each([
    [{ databases: 'all,app' }, /^databases: "all" cannot be combined with names/],
    [{ databases: 'x'.repeat(64) }, /^databases: "x{64}" is longer than PostgreSQL's 63-byte limit/],
    [{ excludeDatabases: 'postgres' }, /^exclude-databases: needs databases \(a list or all\)/],
    [{ databases: 'app', excludeDatabases: 'app' }, /^exclude-databases: leaves none of the databases listed/],
    [{ databases: 'all', name: 'shop' }, /^name: cannot be used with databases/],
    [{ globals: 'yes' }, /^globals: "yes" is not one of auto, true, false/],
    [{ jobs: '0' }, /^jobs: 0 is out of range; use 1 to 64/],
    [{ jobs: '1.5' }, /^jobs: "1.5" is not a whole number/],
  ])('refused: %j', (given, line) => {
    expect(() => parseSetInputs({ ...text, ...given })).toThrow(line);
  });

  test('globals: auto and true are on, false off; jobs: auto is from the cores', () => {
    expect(parseSetInputs(text)).toMatchObject({ globals: true, jobs: defaultJobs() });
    expect(parseSetInputs({ ...text, globals: 'true', jobs: '3' })).toMatchObject({ globals: true, jobs: 3 });
    expect(parseSetInputs({ ...text, globals: 'false' })).toMatchObject({ globals: false });
    expect([1, 2, 4, 16, 64].map(defaultJobs)).toEqual([2, 2, 4, 8, 8]);
  });
});

describe('the databases of a set', () => {
  const connection = { host: 'db.example', port: 5432, database: 'postgres' } as Connection;
  const existing = ['analytics', 'app', 'postgres', 'My App'];
  const base = { connection, excludeDatabases: [] as string[], name: undefined };

  test('all, minus the excluded; key names made safe', () => {
    expect(chooseDatabases({ ...base, databases: { kind: 'all' }, excludeDatabases: ['postgres'] }, existing)).toEqual([
      { database: 'analytics', name: 'analytics' },
      { database: 'app', name: 'app' },
      { database: 'My App', name: 'My-App' },
    ]);
  });

  test('the single database keeps its name input', () => {
    expect(chooseDatabases({ ...base, databases: { kind: 'single' }, name: 'shop' }, existing)).toEqual([
      { database: 'postgres', name: 'shop' },
    ]);
  });

  test.each([
    [{ kind: 'list', names: ['app', 'nope'] }, existing, /^databases: "nope" does not exist at db\.example:5432/],
    [{ kind: 'all' }, ['a b', 'a-b'], /^databases: "a b" and "a-b" would share the key name "a-b"/],
    [{ kind: 'all' }, ['_globals'], /would be named _globals, the globals' own name/],
    [{ kind: 'all' }, [], /^databases: nothing to back up at db\.example:5432/],
  ] as const)('refused: %j of %j', (databases, on, line) => {
    expect(() => chooseDatabases({ ...base, databases: databases as never }, [...on])).toThrow(line);
  });
});
