import { describe, expect, test } from 'vitest';
import {
  DRILL_PREDICATE_TYPE,
  drillKey,
  drillKeyTime,
  drillRunner,
  drillStatement,
  parseDrillRecord,
  restoreTimeCheck,
  slowestStage,
  subjectChecksums,
} from '../../src/core/drill.js';
import { drillRecords, withRestoreTime } from '../../src/core/drill-record.js';
import { drillProof, proofGroups } from '../../src/core/drill-proof.js';
import type { DrillRecord } from '../../src/model/drill.js';
import type { ValidateResult } from '../../src/model/results.js';
import { parseMaxRestoreTime, parseRequireDrill } from '../../src/options/drill.js';

// The in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md and
// resource_descriptor.md) as a JSON Schema, with the small validator below for the keywords it uses.
const RESOURCE_DESCRIPTOR = {
  type: 'object',
  required: ['digest'],
  properties: {
    name: { type: 'string' },
    uri: { type: 'string', format: 'uri' },
    digest: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string', pattern: '^[0-9a-f]+$' },
      properties: { sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
    },
  },
};
const STATEMENT_V1 = {
  type: 'object',
  required: ['_type', 'subject', 'predicateType'],
  additionalProperties: false,
  properties: {
    _type: { const: 'https://in-toto.io/Statement/v1' },
    subject: { type: 'array', minItems: 1, items: RESOURCE_DESCRIPTOR },
    predicateType: { type: 'string', format: 'uri' },
    predicate: { type: 'object' },
  },
};

type Schema = Record<string, unknown>;
const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** JSON Schema's type, const, required, properties, additionalProperties, items, minItems, minProperties, pattern, format uri. */
function validate(schema: Schema, v: unknown, at = '$'): string[] {
  const errors: string[] = [];
  if ('const' in schema && v !== schema.const) errors.push(`${at}: must be ${String(schema.const)}`);
  if (schema.type && typeOf(v) !== schema.type) return [...errors, `${at}: must be ${String(schema.type)}`];
  if (typeof v === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern as string).test(v)) errors.push(`${at}: does not match`);
    if (schema.format === 'uri' && !URL.canParse(v)) errors.push(`${at}: not a URI`);
  }
  if (Array.isArray(v)) {
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) errors.push(`${at}: too few items`);
    if (schema.items) {
      for (const [i, x] of v.entries()) errors.push(...validate(schema.items as Schema, x, `${at}[${i}]`));
    }
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errors.push(`${at}: ${r} is required`);
    if (typeof schema.minProperties === 'number' && Object.keys(o).length < schema.minProperties)
      errors.push(`${at}: too few properties`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) errors.push(...validate(props[k], x, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: ${k} is not allowed`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...validate(schema.additionalProperties as Schema, x, `${at}.${k}`));
    }
  }
  return errors;
}

const SHA = 'ab'.repeat(32);
const ran: ValidateResult = {
  status: 'passed',
  key: 'production/app_production_20261201_040000.dump.zst',
  sha256: SHA,
  checks: [
    { check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true },
    { check: 'rows of public.users', expected: '3', found: '3', ok: true },
  ],
  tablesChecked: 1,
  rowsChecked: 3,
  mismatches: 0,
  durationSeconds: 4,
  restoredMajor: 17,
  scratchDatabase: 's3b_validate_x',
  kept: false,
  startedAt: '2026-12-01T04:00:00.000Z',
  stages: { download: 1.5, proof: 0.2, restore: 2, compare: 0.3 },
  tables: ['public.users'],
};
const context = {
  finishedAt: new Date('2026-12-01T04:00:04Z'),
  runner: { kind: 'host' as const, name: 'laptop' },
  version: '1.2.3',
};

describe('drill record keys', () => {
  test('a later drill sorts first, and its key gives its time back', () => {
    const early = drillKey('production', new Date('2026-01-01T00:00:00Z'), 'backup-app', 'aaaaaa');
    const late = drillKey('production', new Date('2026-12-01T00:00:00Z'), 'backup-app', 'aaaaaa');
    expect(late < early).toBe(true);
    expect(late).toMatch(/^production\/drills\/\d{13}_20261201_000000_backup-app_aaaaaa\.json$/);
    expect(drillKeyTime(late)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(drillKey('', new Date(0), 'set a/b', 'n')).toMatch(
      /^drills\/9999999999999_19700101_000000_set-a-b_n\.json$/,
    );
    expect(drillKeyTime('production/app.json')).toBeUndefined();
  });
});

describe('max-restore-time', () => {
  test('over the limit fails, naming the slowest stage; within passes; none: no check', () => {
    expect(slowestStage(ran.stages!)).toEqual(['restore', 2]);
    expect(restoreTimeCheck(ran.stages!, 0.001)).toEqual({
      check: 'recovery time',
      expected: 'at most 1 ms (max-restore-time)',
      found: '4.0 s, the restore took the most: 2.0 s',
      ok: false,
    });
    expect(restoreTimeCheck(ran.stages!, 60)?.ok).toBe(true);
    expect(restoreTimeCheck(ran.stages!, undefined)).toBeUndefined();
    const slow = withRestoreTime(ran, 1);
    expect(slow).toMatchObject({ status: 'failed', mismatches: 1 });
    expect(withRestoreTime(ran, 10)).toMatchObject({ status: 'passed', mismatches: 0 });
  });

  test('the inputs: durations with ms, a one-line refusal otherwise', () => {
    const raw = (v: Record<string, string>) => (name: string) => v[name];
    expect(parseMaxRestoreTime(raw({ 'max-restore-time': '45m' }), {})).toEqual({ maxRestoreSeconds: 2700 });
    expect(parseMaxRestoreTime(raw({ 'max-restore-time': '500ms' }), {})).toEqual({ maxRestoreSeconds: 0.5 });
    expect(parseMaxRestoreTime(raw({}), {})).toEqual({});
    expect(() => parseMaxRestoreTime(raw({ 'max-restore-time': 'soon' }), {})).toThrow(
      'max-restore-time: "soon" is not a duration; use a number with a unit: 26h, 90m, 2d, 1d12h (s, m, h, d, w)',
    );
    expect(() => parseMaxRestoreTime(raw({ 'max-restore-time': '0ms' }), {})).toThrow(
      'max-restore-time: "0ms" must be longer than zero',
    );
    expect(parseRequireDrill(raw({ 'require-drill': '35d' }), {})).toEqual({ requireDrillSeconds: 35 * 86400 });
    expect(() => parseRequireDrill(raw({ 'require-drill': '35' }), {})).toThrow(/^require-drill: "35" is not a/);
  });
});

describe('records and the statement', () => {
  test('one record for a backup drill, with stages, total, runner and version', () => {
    const [r, ...rest] = drillRecords(ran, context);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      schema: 's3-backup/drill-record/v1',
      kind: 'backup',
      status: 'passed',
      key: ran.key,
      sha256: SHA,
      recoverySeconds: 4,
      tables: ['public.users'],
      runner: { kind: 'host', name: 'laptop' },
      tool: { name: 's3-backup', version: '1.2.3' },
      finishedAt: '2026-12-01T04:00:04.000Z',
    });
    expect(parseDrillRecord(JSON.stringify(r))).toEqual(r);
    expect(parseDrillRecord('{"schema":"other"}')).toBeUndefined();
  });

  test('a set drill: the set record naming its members, one record a database with its own checks', () => {
    const set: ValidateResult = {
      ...ran,
      key: 'production/sets/production_20261201_040000.json',
      sha256: '',
      checks: [
        { check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true },
        { check: 'app: rows of public.users', expected: '3', found: '3', ok: true },
        { check: 'crm: rows of public.leads', expected: '2', found: '1', ok: false },
      ],
      status: 'failed',
      mismatches: 1,
      members: [
        {
          database: '_globals',
          key: 'production/_globals_production_20261201_040000.sql.zst',
          sha256: SHA,
          tables: [],
        },
        {
          database: 'app',
          key: 'production/app_production_20261201_040000.dump.zst',
          sha256: SHA,
          tables: ['public.users'],
        },
        {
          database: 'crm',
          key: 'production/crm_production_20261201_040000.dump.zst',
          sha256: SHA,
          tables: ['public.leads'],
        },
      ],
    };
    const [s, app, crm, ...rest] = drillRecords(set, context);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      kind: 'set',
      status: 'failed',
      reason: 'crm: rows of public.leads: expected 2, found 1',
    });
    expect(s!.members).toHaveLength(3);
    expect(app).toMatchObject({
      kind: 'member',
      database: 'app',
      status: 'passed',
      tables: ['public.users'],
      rowsChecked: 3,
    });
    expect(crm).toMatchObject({ kind: 'member', database: 'crm', status: 'failed', mismatches: 1 });
    const statement = drillStatement(s!)!;
    expect(validate(STATEMENT_V1, statement)).toEqual([]);
    expect(statement.subject.map((x) => x.name)).toEqual(set.members!.map((m) => m.key));
  });

  test('the statement is a valid in-toto Statement v1 naming the backup and its SHA-256', () => {
    const [r] = drillRecords(ran, context);
    const statement = JSON.parse(JSON.stringify(drillStatement(r!)));
    expect(validate(STATEMENT_V1, statement)).toEqual([]);
    expect(statement).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: ran.key, digest: { sha256: SHA } }],
      predicateType: DRILL_PREDICATE_TYPE,
      predicate: { status: 'passed', stages: ran.stages, recoverySeconds: 4, tool: { version: '1.2.3' } },
    });
    expect(statement.predicate.schema).toBeUndefined();
    expect(subjectChecksums(r!)).toBe(`${SHA}  ${ran.key}\n`);
    // the validator refuses what the schema refuses
    expect(validate(STATEMENT_V1, { ...statement, subject: [] })).toEqual(['$.subject: too few items']);
    expect(validate(STATEMENT_V1, { ...statement, _type: 'x', extra: 1 })).toHaveLength(2);
    expect(validate(STATEMENT_V1, { ...statement, subject: [{ name: 'k', digest: { sha256: 'XYZ' } }] })).toEqual([
      '$.subject[0].digest.sha256: does not match',
    ]);
  });

  test('a drill that did not run: a not-verified record, no statement', () => {
    const failed: ValidateResult = { ...ran, status: 'not-verified', sha256: '', reason: 'connection refused' };
    const [r] = drillRecords({ ...failed, stages: undefined }, context);
    expect(r).toMatchObject({ status: 'not-verified', reason: 'connection refused', recoverySeconds: 0 });
    expect(drillStatement(r!)).toBeUndefined();
    expect(withRestoreTime(failed, 0.001).status).toBe('not-verified');
  });

  test('the runner: the workflow run on Actions, the host elsewhere', () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '42',
    };
    expect(drillRunner(env, 'h')).toEqual({
      kind: 'github-actions',
      name: 'o/r',
      url: 'https://github.com/o/r/actions/runs/42',
    });
    expect(drillRunner({}, 'h')).toEqual({ kind: 'host', name: 'h' });
  });
});

describe('require-drill and the audit: the drill proof', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  const b = (day: number) => ({
    key: `p/app_prod_202612${String(day).padStart(2, '0')}_000000.dump.zst`,
    stem: 'app_prod',
    at: new Date(`2026-12-${String(day).padStart(2, '0')}T00:00:00Z`),
  });
  const old = { key: 'p/app_prod_20261120_000000.dump.zst', stem: 'app_prod', at: new Date('2026-11-20T00:00:00Z') };
  const backups = [b(2), b(1), old];
  const rec = (key: string, status: DrillRecord['status'], finishedAt: string) =>
    ({ key, status, finishedAt, kind: 'backup' }) as DrillRecord;

  test('the newest or one within max-age, proven by a passing drill within the age', () => {
    const groups = proofGroups(backups, now, 2 * 86400);
    expect(groups).toEqual([{ stem: 'app_prod', newest: b(2).key, keys: [b(2).key, b(1).key] }]);
    const week = 7 * 86400;
    expect(drillProof(groups, [rec(b(1).key, 'passed', '2026-12-01T05:00:00Z')], now, week)).toMatchObject({
      ok: true,
      detail: `${b(1).key} restored and matched by the drill of 2026-12-01T05:00:00Z`,
    });
    // an older backup outside max-age does not count; nor a failed drill; nor a drill older than the age
    expect(drillProof(groups, [rec(old.key, 'passed', '2026-12-01T05:00:00Z')], now, week).ok).toBe(false);
    expect(drillProof(groups, [rec(b(2).key, 'failed', '2026-12-02T00:00:00Z')], now, week)).toEqual({
      ok: false,
      detail: `${b(2).key}: no passing drill within 7d (the drill of 2026-12-02T00:00:00Z failed)`,
      unproven: ['app_prod'],
    });
    expect(drillProof(groups, [rec(b(2).key, 'passed', '2026-11-01T00:00:00Z')], now, week).ok).toBe(false);
  });
});
