import { describe, expect, test } from 'vitest';
import {
  needsOfArchive,
  needsOfPlain,
  parseToc,
  rolesInStatement,
  roleStatements,
} from '../../src/restore/dump-needs.js';
import { preflight, preflightRefusal } from '../../src/restore/preflight.js';
import type { TargetCatalog } from '../../src/model/context.js';
import { UserError } from '../../src/core/errors.js';

/** A target server as the pre-flight sees it: these roles exist, these extensions can be created. */
function fakeCatalog(roles: string[], extensions: string[]): TargetCatalog & { asked: string[][] } {
  const asked: string[][] = [];
  const pick = (have: string[]) => async (names: string[]) => {
    asked.push(names);
    return new Set(names.filter((n) => have.includes(n)));
  };
  return { asked, existingRoles: pick(roles), availableExtensions: pick(extensions), close: async () => undefined };
}

const TOC = `;
; Archive created at 2026-11-30 12:00:00 UTC
;     dbname: app
;
; Selected TOC Entries:
;
3; 2615 2200 SCHEMA - public pg_database_owner
2; 3079 16385 EXTENSION - pgcrypto 
4150; 0 0 COMMENT - EXTENSION pgcrypto 
215; 1259 16400 TABLE public orders app_owner
216; 1259 16410 TABLE public line items app_owner
4155; 0 16400 TABLE DATA public orders app_owner
4160; 3256 16420 POLICY public orders orders_ro app_owner
4161; 0 16400 ROW SECURITY public orders app_owner
4170; 0 16400 ACL public TABLE orders app_owner
4171; 826 16430 DEFAULT ACL public DEFAULT PRIVILEGES FOR TABLES app_owner
`;

describe('the table of contents', () => {
  test('entries: multi-word types, tags with spaces, empty owners', () => {
    const toc = parseToc(TOC);
    expect(toc.map((e) => [e.desc, e.namespace, e.tag, e.owner])).toEqual([
      ['SCHEMA', '-', 'public', 'pg_database_owner'],
      ['EXTENSION', '-', 'pgcrypto', ''],
      ['COMMENT', '-', 'EXTENSION pgcrypto', ''],
      ['TABLE', 'public', 'orders', 'app_owner'],
      ['TABLE', 'public', 'line items', 'app_owner'],
      ['TABLE DATA', 'public', 'orders', 'app_owner'],
      ['POLICY', 'public', 'orders orders_ro', 'app_owner'],
      ['ROW SECURITY', 'public', 'orders', 'app_owner'],
      ['ACL', 'public', 'TABLE orders', 'app_owner'],
      ['DEFAULT ACL', 'public', 'DEFAULT PRIVILEGES FOR TABLES', 'app_owner'],
    ]);
  });

  const ROLE_SQL = [
    'GRANT SELECT ON TABLE public.orders TO app_ro;',
    'GRANT ALL ON TABLE public.orders TO "Audit Team" WITH GRANT OPTION;',
    'REVOKE ALL ON SCHEMA public FROM PUBLIC;',
    'ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT ON TABLES TO app_ro;',
    "CREATE POLICY orders_ro ON public.orders TO app_reader, CURRENT_USER USING ((note <> 'TO nobody'::text));",
  ].join('\n');

  test('needs: owners, grantees, policy roles, extensions', () => {
    expect(needsOfArchive(parseToc(TOC), ROLE_SQL, { noOwner: false, noAcl: false })).toEqual({
      roles: ['Audit Team', 'app_owner', 'app_reader', 'app_ro', 'pg_database_owner'],
      extensions: ['pgcrypto'],
    });
  });
  test('no-owner and no-acl: the policies still name their roles', () => {
    expect(needsOfArchive(parseToc(TOC), ROLE_SQL, { noOwner: true, noAcl: true })).toEqual({
      roles: ['app_reader'],
      extensions: ['pgcrypto'],
    });
  });
});

describe('statements', () => {
  test.each([
    ['ALTER TABLE public.orders OWNER TO app_owner;', ['app_owner']],
    ['ALTER SCHEMA "Sales" OWNER TO "Sales Owner";', ['Sales Owner']],
    ['GRANT SELECT,INSERT ON TABLE public.t TO app_ro, "Writer";', ['app_ro', 'Writer']],
    ['GRANT SELECT ON TABLE public.t TO app_ro GRANTED BY app_owner;', ['app_ro', 'app_owner']],
    ['REVOKE ALL ON TABLE public.t FROM app_owner;', ['app_owner']],
    ['GRANT USAGE ON SCHEMA public TO PUBLIC;', []],
    ['ALTER DEFAULT PRIVILEGES FOR ROLE app_owner GRANT SELECT ON TABLES TO app_ro;', ['app_owner', 'app_ro']],
    ['CREATE POLICY p ON public.t FOR SELECT TO app_ro USING (true);', ['app_ro']],
    ['CREATE POLICY p ON public.t USING (true);', []],
    ['CREATE POLICY "to" ON public."to" AS RESTRICTIVE TO "to" WITH CHECK (true);', ['to']],
  ])('%s', (sql, roles) => {
    expect(rolesInStatement(sql)).toEqual(roles);
  });

  test('a plain dump: statements outside COPY data only', () => {
    const sql = [
      'CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;',
      'ALTER TABLE public.t OWNER TO app_owner;',
      'COPY public.t (id, note) FROM stdin;',
      '1\tGRANT ALL ON TABLE public.t TO intruder;',
      '\\.',
      'GRANT SELECT ON TABLE public.t TO app_ro;',
    ].join('\n');
    expect(roleStatements(sql)).toHaveLength(2);
    expect(needsOfPlain(sql, { noOwner: false, noAcl: false })).toEqual({
      roles: ['app_owner', 'app_ro'],
      extensions: ['citext'],
    });
  });
});

describe('the pre-flight refuses with one line naming what is missing and the fix', () => {
  const needs = { roles: ['app_owner', 'app_ro', 'tester'], extensions: ['pgcrypto'] };

  test('everything there: no refusal', async () => {
    expect(await preflightRefusal(needs, fakeCatalog(['app_owner', 'app_ro', 'tester'], ['pgcrypto']))).toBeUndefined();
  });
  test('roles missing', async () => {
    expect(await preflightRefusal(needs, fakeCatalog(['tester'], ['pgcrypto']))).toBe(
      'restore: roles app_owner, app_ro do not exist on the target; restore the globals first (with-globals) or create them',
    );
  });
  test('one role missing', async () => {
    expect(await preflightRefusal(needs, fakeCatalog(['tester', 'app_owner'], ['pgcrypto']))).toBe(
      'restore: role app_ro does not exist on the target; restore the globals first (with-globals) or create it',
    );
  });
  test('an extension missing', async () => {
    expect(await preflightRefusal(needs, fakeCatalog(['tester', 'app_owner', 'app_ro'], []))).toBe(
      'restore: extension pgcrypto is not available on the target server (pg_available_extensions); install its package on the target server',
    );
  });
  test('both, in one line', async () => {
    const line = await preflightRefusal(needs, fakeCatalog([], []));
    expect(line).toBe(
      'restore: roles app_owner, app_ro, tester do not exist on the target and extension pgcrypto is not available on the target server (pg_available_extensions); restore the globals first (with-globals) or create them, and install its package on the target server',
    );
    expect(line).not.toContain('\n');
  });
  test('roles the globals will create are not asked for', async () => {
    const catalog = fakeCatalog(['tester'], ['pgcrypto']);
    expect(await preflightRefusal(needs, catalog, new Set(['app_owner', 'app_ro']))).toBeUndefined();
    expect(catalog.asked[0]).toEqual(['tester']);
  });
  test('preflight throws a UserError that says the target was not touched', async () => {
    const err = await preflight(needs, fakeCatalog([], ['pgcrypto'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^restore: roles .*; .* \(target untouched\)$/);
  });
});
