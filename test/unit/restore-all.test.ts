import { describe, expect, test } from 'vitest';
import type { BackupSet } from '../../src/model/set.js';
import { parseRestoreOptions } from '../../src/options/parse.js';
import { planGlobals, rolesOfGlobals } from '../../src/restore/globals-restore.js';
import { membersToRestore } from '../../src/store/set-members.js';
import { refuseOccupied } from '../../src/restore/target-server.js';

const GLOBALS = `--
-- PostgreSQL database cluster dump
--

SET default_transaction_read_only = off;

--
-- Roles
--

CREATE ROLE app_owner;
ALTER ROLE app_owner WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE app_user;
ALTER ROLE app_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:abc';
CREATE ROLE postgres;
ALTER ROLE postgres WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:old';
COMMENT ON ROLE postgres IS 'the old one';

--
-- User Configurations
--

ALTER ROLE app_user SET statement_timeout TO '5s';
ALTER ROLE postgres SET work_mem TO '1GB';

--
-- Tablespaces
--

CREATE TABLESPACE fast OWNER postgres LOCATION '/mnt/fast';

--
-- Role memberships
--

GRANT app_owner TO app_user GRANTED BY postgres;
`;

describe('the globals onto a server', () => {
  test('the roles they create', () => {
    expect(rolesOfGlobals(GLOBALS)).toEqual(['app_owner', 'app_user', 'postgres']);
  });
  test('roles the target has are left exactly as they are; tablespaces left out', () => {
    const plan = planGlobals(GLOBALS, new Set(['postgres']));
    expect(plan.created).toEqual(['app_owner', 'app_user']);
    expect(plan.kept).toEqual(['postgres']);
    expect(plan.login).toEqual(['app_user']);
    expect(plan.tablespaces).toEqual(['fast']);
    expect(plan.sql).not.toMatch(/ROLE postgres|TABLESPACE/);
    expect(plan.sql).toContain("ALTER ROLE app_user SET statement_timeout TO '5s';");
    expect(plan.sql).toContain('GRANT app_owner TO app_user GRANTED BY postgres;');
  });
});

const set = (members: Partial<BackupSet['members'][number]>[]): BackupSet =>
  ({
    key: 'p/sets/prod_20250101_030000.json',
    members: members.map((m) => ({
      kind: 'database',
      status: 'ok',
      key: `p/${m.database}.dump.zst`,
      sha256: 'a',
      ...m,
    })),
  }) as BackupSet;

describe('the members of a set to restore', () => {
  const s = set([
    { database: 'shop', name: 'shop' },
    { database: 'analytics', name: 'analytics', status: 'failed', key: undefined, sha256: undefined },
    { kind: 'globals', database: '_globals', name: '_globals' },
  ]);
  test('a subset; the globals beside it', () => {
    const { globals, members } = membersToRestore(s, ['shop']);
    expect(members.map((m) => m.database)).toEqual(['shop']);
    expect(globals?.name).toBe('_globals');
  });
  test('a failed member is refused, naming it', () => {
    expect(() => membersToRestore(s, [])).toThrow(
      'set p/sets/prod_20250101_030000.json: analytics failed in that run and cannot be restored; choose the others with databases, or an older set',
    );
  });
  test('a database the set does not hold is refused, naming what it holds', () => {
    expect(() => membersToRestore(s, ['crm'])).toThrow(
      /^databases: crm is not in the set .* \(it holds shop, analytics\)$/,
    );
  });
});

test('databases that hold tables are refused unless clean', () => {
  const server = {
    serverVersion: '15.8',
    major: 15,
    databases: new Map([
      ['shop', { exists: true, tables: 3 }],
      ['analytics', { exists: false, tables: 0 }],
    ]),
  };
  expect(() => refuseOccupied(server, false, 'db:5432')).toThrow(
    'restore: database shop (3 tables) already exists at db:5432 and holds tables: set clean to drop and replace them, or choose others with databases (target untouched)',
  );
  expect(() => refuseOccupied(server, true, 'db:5432')).not.toThrow();
});

describe('restore options of a whole-server restore', () => {
  const inputs = (values: Record<string, string>) => (name: string) =>
    ({ 'database-url': 'postgresql://u@h/postgres', bucket: 'b-1', ...values })[name];
  test('all, a set date, a subset, with-globals', () => {
    expect(
      parseRestoreOptions(inputs({ all: 'true', set: '20250101', databases: 'shop,crm', 'with-globals': 'true' }), {}),
    ).toMatchObject({ all: true, set: '20250101', databases: ['shop', 'crm'], withGlobals: 'true' });
  });
  test.each([
    [{ databases: 'shop' }, /^databases: only with all/],
    [{ set: '20250101' }, /^set: only with all/],
    [{ all: 'true', set: 'yesterday' }, /^set: /],
    [{ all: 'true', 'with-globals': 'sometimes' }, /^with-globals: /],
  ])('refused: %j', (extra, message) => {
    expect(() => parseRestoreOptions(inputs(extra), {})).toThrow(message);
  });
});
