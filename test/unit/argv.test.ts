import { describe, expect, test } from 'vitest';
import { pgDumpArgs, pgRestoreArgs, psqlRestoreArgs } from '../../src/postgres/argv.js';

const dbUrl = 'postgresql://app@db:5432/app';
const none = { clean: false, noOwner: false, noAcl: false, jobs: 1, singleTransaction: false };

describe('pgDumpArgs', () => {
  test.each([
    [
      1,
      { format: 'custom', excludeTables: [], schemas: [] },
      [`--dbname=${dbUrl}`, '--no-password', '--format=custom', '--compress=0'],
    ],
    [
      2,
      { format: 'plain', excludeTables: [], schemas: [] },
      [`--dbname=${dbUrl}`, '--no-password', '--format=plain', '--clean', '--if-exists'],
    ],
    [
      3,
      { format: 'custom', excludeTables: ['audit.*', 'big'], schemas: ['public'] },
      [
        `--dbname=${dbUrl}`,
        '--no-password',
        '--format=custom',
        '--compress=0',
        '--schema=public',
        '--exclude-table=audit.*',
        '--exclude-table=big',
      ],
    ],
    [
      4,
      { format: 'custom', excludeTables: [], schemas: [], snapshot: '00000003-1' },
      [`--dbname=${dbUrl}`, '--no-password', '--format=custom', '--compress=0', '--snapshot=00000003-1'],
    ],
  ] as const)('%i', (_n, o, expected) => {
    expect(pgDumpArgs({ dbUrl, ...o, excludeTables: [...o.excludeTables], schemas: [...o.schemas] })).toEqual(expected);
  });
  test('never carries a password', () => {
    expect(pgDumpArgs({ dbUrl, format: 'custom', excludeTables: [], schemas: [] }).join(' ')).not.toMatch(
      /PGPASSWORD|password=/,
    );
  });
});

describe('pgRestoreArgs', () => {
  test.each([
    [1, { ...none }, [`--dbname=${dbUrl}`, '--no-password', '--exit-on-error']],
    [
      2,
      { ...none, clean: true, noOwner: true, noAcl: true },
      [`--dbname=${dbUrl}`, '--no-password', '--exit-on-error', '--clean', '--if-exists', '--no-owner', '--no-acl'],
    ],
    [
      3,
      { ...none, jobs: 4, file: '/tmp/a.dump' },
      [`--dbname=${dbUrl}`, '--no-password', '--exit-on-error', '--jobs=4', '/tmp/a.dump'],
    ],
    [
      4,
      { ...none, singleTransaction: true },
      [`--dbname=${dbUrl}`, '--no-password', '--exit-on-error', '--single-transaction'],
    ],
    [
      5,
      { ...none, tables: ['orders', 'Line Items'], schemas: ['shop'], schemaOnly: true, file: '/tmp/a.dump' },
      [
        `--dbname=${dbUrl}`,
        '--no-password',
        '--exit-on-error',
        '--schema=shop',
        '--table=orders',
        '--table=Line Items',
        '--schema-only',
        '/tmp/a.dump',
      ],
    ],
    [6, { ...none, dataOnly: true }, [`--dbname=${dbUrl}`, '--no-password', '--exit-on-error', '--data-only']],
  ])('%i', (_n, o, expected) => {
    expect(pgRestoreArgs({ dbUrl, ...o })).toEqual(expected);
  });
});

test('psqlRestoreArgs stops on the first error', () => {
  expect(psqlRestoreArgs({ dbUrl, singleTransaction: true })).toEqual([
    `--dbname=${dbUrl}`,
    '--no-password',
    '--no-psqlrc',
    '--quiet',
    '--set=ON_ERROR_STOP=1',
    '--single-transaction',
  ]);
});
