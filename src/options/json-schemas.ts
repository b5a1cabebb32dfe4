/**
 * One JSON Schema (draft 2020-12) per verb for what `--json` prints: the verb's outputs under their camelCase names,
 * typed as the verb table declares (an empty output is null), then the details the verb adds. Every object is closed
 * (additionalProperties: false), so a field that is not documented here fails the tests. The reference pages render
 * these (scripts/reference.mjs) and the integration tests validate every `--json` against them. Imports only types:
 * the build reads this file with Node's type stripping and passes the verb table in.
 */
import type { VerbSpec } from '../model/verb.js';

type Schema = Record<string, unknown>;

const text = (description: string): Schema => ({ type: 'string', description });
const nullable = (type: string, description: string): Schema => ({ type: [type, 'null'], description });
const num = (description: string): Schema => ({ type: 'number', description });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const list = (items: Schema, description: string): Schema => ({ type: 'array', items, description });
const closed = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
/** A detail whose inner shape is the verb's own report (any JSON object or array), named and described. */
const any = (description: string): Schema => ({ description });

const BACKUP_TIME = 'When the backup was taken (ISO 8601, UTC): the one name every backup timestamp has.';

/** A backup set, the same in `list --json` (sets) and `backup --json` (set). */
const SET = closed({
  key: text('Object key of the set document (<prefix>/sets/…json).'),
  backupTime: text(`${BACKUP_TIME} For a set: when its run started.`),
  complete: bool('Every member was backed up.'),
  failed: list({ type: 'string' }, 'Names of the members that failed.'),
  latest: bool('sets/latest.json points at this set: the one restore --all takes by default.'),
  serverVersion: text('PostgreSQL version of the server the set was taken from.'),
  members: list(
    closed({
      database: text("The database's name on the source server (the globals: _globals)."),
      name: text("The name in the member's key."),
      kind: { enum: ['database', 'globals'], description: 'A database, or the server-wide roles and tablespaces.' },
      status: { enum: ['ok', 'failed'], description: 'Whether the member was backed up.' },
      key: nullable('string', 'Object key of the member (null when it failed).'),
      sha256: nullable('string', 'SHA-256 of the stored member (null when it failed).'),
      size: nullable('number', 'Stored size in bytes (null when it failed).'),
      error: nullable('string', 'Why the member failed (null when it did not).'),
      noRolePasswords: nullable('boolean', 'Globals only: role passwords could not be read and were left out.'),
    }),
    'The globals and every database of the set.',
  ),
});

const BACKUP_ENTRY = closed({
  key: text('Object key of the backup.'),
  backupTime: text(BACKUP_TIME),
  size: num('Stored size in bytes (of every object of the backup).'),
  objects: num('Objects the backup is stored in: 1, or its schema part and each data part (streams).'),
  format: { enum: ['custom', 'plain'], description: 'pg_dump format.' },
  compression: { enum: ['zstd', 'gzip', 'none'], description: 'Compression.' },
  encryption: nullable('string', 'Encryption (age, openpgp), or null.'),
  hasChecksum: bool('The .sha256 sidecar exists.'),
  hasManifest: bool('The .meta manifest exists.'),
  latest: bool('latest.json points at this backup.'),
  kind: { enum: ['database', 'globals'], description: 'A database, or the globals of a server.' },
  set: nullable('string', 'Key of the set the backup belongs to, or null.'),
});

const RESTORED = closed({
  database: nullable('string', 'The database the backup was taken of (null when the backup has no manifest).'),
  target: text('The database restored into.'),
  key: text('Object key of the backup restored.'),
  sha256: text('The SHA-256 the download was proven against before the target was touched.'),
  size: num('Size of the restored object in bytes.'),
});

const TREND = closed(
  {
    points: list(
      closed({
        key: text('Object key.'),
        backupTime: text(BACKUP_TIME),
        size: num('Stored bytes.'),
        rawSize: nullable('number', 'Dump bytes before compression, or null.'),
      }),
      'The recent backups of the database, oldest first.',
    ),
    basis: { enum: ['dump', 'stored'], description: 'Which size the percentages compare.' },
    changePercent: num('Change of the newest against the one before it, in percent (with two points or more).'),
    growthPercent: num('Change over the whole window, oldest to newest, in percent (with two points or more).'),
    shrinkWarning: nullable('string', 'The shrink warning, when the dump shrank more than shrink-threshold.'),
  },
  ['points', 'basis', 'shrinkWarning'],
);

/** What each verb adds to its outputs, and which outputs a form of the verb may leave out. */
const DETAILS: Record<string, { extra?: Record<string, Schema>; optional?: string[]; replace?: Schema }> = {
  backup: {
    extra: {
      trend: { ...TREND, description: 'One database: the size trend of its recent backups.' },
      set: { ...SET, description: 'The backup set this run wrote (with databases, or with its globals).' },
    },
    optional: ['trend', 'set'],
  },
  plan: {
    extra: { plan: any('The plan written to the bucket: the set id, the server, the groups and their databases.') },
  },
  'set-close': { extra: { set: { ...SET, description: 'The set document written by the close.' } } },
  restore: {
    extra: { databases: list(RESTORED, 'Every database restored (one without all).') },
    // restore --all: key names the set; each database's own source, target and SHA-256 are in databases
    optional: ['sha256', 'database', 'target'],
  },
  list: {
    replace: {
      oneOf: [
        closed({
          backups: list(BACKUP_ENTRY, 'Every backup under the prefix, newest first.'),
          sets: list(SET, 'Every backup set under the prefix, newest first.'),
        }),
        closed({ drills: { type: 'array', description: 'With drills: the drill records, newest first.' } }),
      ],
    },
  },
  check: {
    extra: {
      maxAgeSeconds: num('max-age in seconds.'),
      checkedAt: text('When the check ran (ISO 8601, UTC).'),
      skipped: any('Newer backups that are not good, and why.'),
      databases: any('Without a name, under a prefix of several databases: each database judged.'),
    },
    optional: ['databases'],
  },
  validate: { extra: { checks: any('Every check of the drill: check, expected, found, ok.') } },
  prune: {
    extra: {
      dryRun: bool('Nothing was deleted: the plan only.'),
      orphans: any('Sidecars whose backup is gone.'),
      staleClaims: any('Claims left by runs that did not end cleanly.'),
    },
  },
  lifecycle: {
    extra: { added: any('Rule ids added.'), replaced: any('Rule ids replaced.'), kept: any('Rule ids kept.') },
    optional: ['added', 'replaced', 'kept'],
  },
  cost: {
    extra: {
      input: any('The inputs the estimate used.'),
      plan: any('The retention plan: how many backups each tier keeps.'),
      estimates: any('Every estimate: the chosen storage and the alternatives.'),
      alternatives: any('The other storage classes and providers.'),
      comparison: any('The providers compared.'),
    },
  },
};

const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function outputSchema(o: VerbSpec['outputs'][number]): Schema {
  if (o.type === 'json') return any(o.description);
  return nullable(o.type ?? 'string', o.description);
}

/** The schema of one verb's `--json`, from its outputs in the verb table and its details here. */
export function jsonSchema(verb: string, spec: VerbSpec): Schema {
  const d = DETAILS[verb] ?? {};
  const head = { $schema: 'https://json-schema.org/draft/2020-12/schema', title: `s3-backup ${verb} --json` };
  if (d.replace) return { ...head, ...d.replace };
  const properties = Object.fromEntries([
    ...spec.outputs.map((o) => [camel(o.name), outputSchema(o)] as const),
    ...Object.entries(d.extra ?? {}),
  ]);
  const required = Object.keys(properties).filter((k) => !d.optional?.includes(k));
  return { ...head, ...closed(properties, required) };
}
