// One JSON Schema per verb's --json (src/options/json-schemas.ts): each compiles, names every output of the verb,
// is closed, and accepts the documents the reporting code builds; the reference renders every one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { jsonSchema } from '../../src/options/json-schemas.js';
import { camelCase, cliWords, COMMAND_NAMES, VERBS } from '../../src/options/verbs.js';
import { setListRows } from '../../src/reporting/set-list.js';
import type { BackupSet } from '../../src/model/set.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const verbs = COMMAND_NAMES.filter((v) => !VERBS[v].cliOnly);
const errors = (verb: string, doc: unknown) => {
  const validate = ajv.compile(jsonSchema(verb, VERBS[verb as keyof typeof VERBS]));
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

const SET: BackupSet = {
  schema: 's3-backup/set',
  version: 1,
  tool: { name: 's3-backup', version: '0.1.0' },
  key: 'prod/sets/20260302_030012.json',
  environment: 'prod',
  server: { host: 'db', serverVersion: '15.10', serverMajor: 15 },
  startedAt: '2026-03-02T03:00:12.000Z',
  finishedAt: '2026-03-02T03:04:12.000Z',
  members: [
    { kind: 'globals', database: '_globals', name: '_globals', status: 'ok', key: 'prod/g', sha256: 'ab', size: 10 },
    { kind: 'database', database: 'shop', name: 'shop', status: 'ok', key: 'prod/s', sha256: 'cd', size: 99 },
    { kind: 'database', database: 'crm', name: 'crm', status: 'failed', error: 'pg_dump: boom' },
  ],
  failed: ['crm'],
  github: null,
};

describe('the --json schemas', () => {
  test.each(verbs)('%s: compiles, closed, and names every output under its camelCase name', (verb) => {
    const schema = jsonSchema(verb, VERBS[verb]) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
      oneOf?: Array<{ additionalProperties: boolean }>;
    };
    expect(() => ajv.compile(schema)).not.toThrow();
    // list has two shapes (backups and sets; drills), each closed
    for (const shape of schema.oneOf ?? [schema]) expect(shape.additionalProperties).toBe(false);
    if (verb === 'list') return;
    for (const o of VERBS[verb].outputs) expect(Object.keys(schema.properties)).toContain(camelCase(o.name));
  });

  test('list: backups and sets, one shape each; a field that is not documented is refused', () => {
    const sets = setListRows([SET], undefined);
    const backup = {
      key: 'prod/shop_prod_20260302_030015.dump.zst',
      backupTime: '2026-03-02T03:00:15.000Z',
      size: 99,
      objects: 1,
      format: 'custom',
      compression: 'zstd',
      encryption: null,
      hasChecksum: true,
      hasManifest: true,
      latest: true,
      kind: 'database',
      set: SET.key,
    };
    expect(errors('list', { backups: [backup], sets })).toEqual([]);
    expect(errors('list', { drills: [] })).toEqual([]);
    expect(errors('list', { backups: [backup], sets, drills: [] })).not.toEqual([]);
    expect(sets[0]!.members.map((m) => [m.database, m.sha256])).toEqual([
      ['_globals', 'ab'],
      ['shop', 'cd'],
      ['crm', null],
    ]);
    // the old shapes: one array mixing both, and the four names a time had
    expect(errors('list', [backup, ...sets])).not.toEqual([]);
    expect(errors('list', { backups: [{ ...backup, time: backup.backupTime }], sets })).toContain(
      '/backups/0 must NOT have additional properties',
    );
  });

  test('restore --all: every database with its own verified sha256, source and target, no joined string', () => {
    const doc = {
      key: SET.key,
      size: 109,
      serverVersion: '18.1',
      durationSeconds: 4.2,
      databases: [{ database: 'shop', target: 'shop', key: 'prod/s', sha256: 'cd', size: 99 }],
    };
    expect(errors('restore', doc)).toEqual([]);
    expect(errors('restore', { ...doc, databases: [{ ...doc.databases[0], sha256: null }] })).not.toEqual([]);
  });

  test('the reference shows the fields and the schema of every verb', () => {
    const cli = readFileSync(path.join(import.meta.dirname, '../../docs/reference/cli.md'), 'utf8');
    for (const v of verbs) {
      const section = cli.slice(cli.indexOf(`### \`${cliWords(v).join(' ')} --json\``)).split('\n### ')[0]!;
      expect(section, v).toContain(`"title": "s3-backup ${v} --json"`);
    }
  });
});
