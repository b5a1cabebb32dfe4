import { afterEach, describe, expect, test } from 'vitest';
import { planGlobals, scopeGlobals } from '../../src/restore/globals-restore.js';
import { databaseStatementsFor } from '../../src/postgres/database-sql.js';
import { inputRef, useInputWording } from '../../src/core/input-ref.js';
import { cliInputWording } from '../../src/hosts/cli-errors.js';

const GLOBALS = `SET default_transaction_read_only = off;
CREATE ROLE app_owner;
ALTER ROLE app_owner WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE app_ro;
ALTER ROLE app_ro WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE readers;
ALTER ROLE readers WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE app_user;
ALTER ROLE app_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:abc';
ALTER ROLE app_user SET statement_timeout TO '5s';
CREATE ROLE backup_user;
ALTER ROLE backup_user WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:zzz';
COMMENT ON ROLE backup_user IS 'nightly';
CREATE ROLE postgres;
ALTER ROLE postgres WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS;
GRANT readers TO app_ro WITH INHERIT TRUE GRANTED BY backup_user;
GRANT app_ro TO app_user GRANTED BY postgres;
GRANT pg_read_all_data TO backup_user GRANTED BY postgres;
`;

describe('a single database restore creates only the roles its dump names', () => {
  test('the roles named, the roles they are members of, their members, and nothing else', () => {
    const sql = scopeGlobals(GLOBALS, ['app_owner', 'app_ro'], new Set(['postgres']));
    expect(sql).toContain('CREATE ROLE app_owner;');
    expect(sql).toContain('CREATE ROLE app_ro;');
    // app_ro is a member of readers: the membership holds only with readers
    expect(sql).toContain('CREATE ROLE readers;');
    // app_user logs in through app_ro
    expect(sql).toContain('CREATE ROLE app_user;');
    expect(sql).toContain('GRANT app_ro TO app_user GRANTED BY postgres;');
    expect(sql).not.toMatch(/backup_user|SCRAM-SHA-256\$4096:zzz|pg_read_all_data/);
    // the grantor is neither restored nor on the target: the restoring user grants instead
    expect(sql).toContain('GRANT readers TO app_ro WITH INHERIT TRUE;');
    expect(sql).toContain('SET default_transaction_read_only = off;');
  });

  test('the plan counts only the scoped roles; a grantor the target has is kept', () => {
    const plan = planGlobals(GLOBALS, new Set(['postgres', 'app_owner']), ['app_user']);
    expect(plan.created).toEqual(['app_ro', 'readers', 'app_user']);
    expect(plan.login).toEqual(['app_user']);
    expect(plan.sql).toContain('GRANT app_ro TO app_user GRANTED BY postgres;');
    expect(plan.sql).toContain("ALTER ROLE app_user SET statement_timeout TO '5s';");
    expect(plan.sql).not.toMatch(/backup_user|app_owner/);
  });

  test('without a scope (a whole server), every role', () => {
    expect(planGlobals(GLOBALS, new Set(['postgres'])).created).toEqual([
      'app_owner',
      'app_ro',
      'readers',
      'app_user',
      'backup_user',
    ]);
  });
});

const DATABASE_SQL = `--
-- Name: shop; Type: DATABASE; Schema: -; Owner: app_owner
--

CREATE DATABASE shop WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C';


ALTER DATABASE shop OWNER TO app_owner;

\\connect shop

SET statement_timeout = 0;
COMMENT ON DATABASE shop IS 'the shop database';
ALTER DATABASE shop SET work_mem TO '8MB';
\\connect shop
GRANT CONNECT ON DATABASE shop TO app_ro;
REVOKE ALL ON DATABASE shop FROM PUBLIC;
ALTER ROLE app_ro IN DATABASE shop SET search_path TO 'shop';
`;

describe("a database's own statements for another name", () => {
  test('renamed, and run from the session that created it (no \\connect)', () => {
    expect(
      databaseStatementsFor(DATABASE_SQL, 'shop', 'shop copy')
        .split('\n')
        .filter((l) => /^[A-Z\\]/.test(l)),
    ).toEqual([
      `CREATE DATABASE "shop copy" WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C';`,
      'ALTER DATABASE "shop copy" OWNER TO app_owner;',
      'SET statement_timeout = 0;',
      `COMMENT ON DATABASE "shop copy" IS 'the shop database';`,
      `ALTER DATABASE "shop copy" SET work_mem TO '8MB';`,
      'GRANT CONNECT ON DATABASE "shop copy" TO app_ro;',
      'REVOKE ALL ON DATABASE "shop copy" FROM PUBLIC;',
      `ALTER ROLE app_ro IN DATABASE "shop copy" SET search_path TO 'shop';`,
    ]);
  });

  test('a quoted source name, and a string that only mentions it, untouched', () => {
    const sql = `CREATE DATABASE "Shop" WITH TEMPLATE = template0;\nCOMMENT ON DATABASE "Shop" IS 'about "Shop"';`;
    expect(databaseStatementsFor(sql, 'Shop', 'b')).toBe(
      `CREATE DATABASE "b" WITH TEMPLATE = template0;\nCOMMENT ON DATABASE "b" IS 'about "Shop"';`,
    );
  });
});

describe('messages name inputs as their host does', () => {
  afterEach(() => useInputWording((name, value) => (value === undefined ? name : `${name}: ${value}`)));

  test('the action: the input names', () => {
    expect(inputRef('clean')).toBe('clean');
    expect(inputRef('globals', 'false')).toBe('globals: false');
  });

  test('the CLI: the flags, with their variable, from the input table', () => {
    useInputWording(cliInputWording);
    expect(inputRef('clean')).toBe('--clean');
    expect(inputRef('create-database')).toBe('--create-database');
    expect(inputRef('decryption-key')).toBe('--decryption-key (or S3_BACKUP_DECRYPTION_KEY)');
    expect(inputRef('bucket')).toBe('--bucket (or S3_BACKUP_BUCKET)');
    expect(inputRef('globals', 'false')).toBe('--globals false');
    expect(inputRef('clean', 'false')).toBe('--no-clean');
    expect(inputRef('databases', 'all')).toBe('--databases all');
  });
});
