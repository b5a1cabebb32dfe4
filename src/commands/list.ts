/** list: backups newest first, with their checksum and manifest status. */
import { type CommonOptions, parseListOptions } from '../options/parse.js';
import { createS3Client } from '../s3/client.js';
import { describeS3Error } from '../s3/errors.js';
import { getText, listAll } from '../s3/objects.js';
import { backupsIn, type BackupEntry } from '../core/select.js';
import { latestPointerKey } from '../core/naming.js';
import { latestNamePointerKey } from '../core/backup-set.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { latestKeyOf } from '../core/manifest.js';
import { formatBytes } from '../core/format.js';
import { listSummary } from '../reporting/summaries.js';
import type { Command } from './command.js';
import { GLOBALS_NAME } from '../core/backup-set.js';
import { readSets, type SetListing } from '../backup-set/listing.js';
import { setListRows, setsSummary, setsText } from '../reporting/set-list.js';

export interface Listing {
  backups: BackupEntry[];
  latestKey?: string;
  /** With `withSets`: the backup sets, newest first. */
  sets?: SetListing;
}

/** The backups (the databases'; the globals' too with `withSets`, for list) and what latest.json names. */
export async function listBackups(
  o: CommonOptions,
  client: S3Client = createS3Client(o.s3),
  opts: { withSets?: boolean } = {},
): Promise<Listing> {
  try {
    // one database's own latest pointer first; the prefix's latest.json (single-database runs) is the fallback
    const [objects, pointerText, namedText] = await Promise.all([
      listAll(client, o.s3.bucket, o.s3.prefix),
      getText(client, o.s3.bucket, latestPointerKey(o.s3.prefix)),
      o.name ? getText(client, o.s3.bucket, latestNamePointerKey(o.s3.prefix, o.name)) : undefined,
    ]);
    const where = { bucket: o.s3.bucket, prefix: o.s3.prefix, environment: o.environment };
    return {
      backups: backupsIn(objects, { name: o.name, environment: o.environment, withGlobals: opts.withSets }),
      latestKey: latestKeyOf(namedText) ?? latestKeyOf(pointerText),
      ...(opts.withSets ? { sets: await readSets(client, where, objects) } : {}),
    };
  } catch (err) {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: o.s3.prefix, endpoint: o.s3.endpoint, action: 'listing' });
  }
}

export const listCommand: Command = {
  verb: 'list',
  async run(raw, ctx) {
    const options = parseListOptions(raw, ctx.env);
    const listing = await listBackups(options, ctx.s3Client?.(options.s3), { withSets: true });
    const { backups, latestKey } = listing;
    const sets = listing.sets?.sets ?? [];
    const setOf = new Map(sets.flatMap((s) => s.members.flatMap((m) => (m.key ? [[m.key, s.key] as const] : []))));
    const rows = backups.map((b) => ({
      key: b.key,
      time: b.at.toISOString(),
      size: b.size,
      format: b.format,
      compression: b.compression,
      encryption: b.encryption ?? null,
      hasChecksum: b.hasChecksum,
      hasManifest: b.hasManifest,
      latest: b.key === latestKey,
      kind: b.stem === `${GLOBALS_NAME}_${options.environment}` ? 'globals' : 'database',
      set: setOf.get(b.key) ?? null,
    }));
    const setRows = setListRows(sets, listing.sets?.latestSetKey);
    const text = rows.length
      ? rows
          .map(
            (r) =>
              `${r.time}  ${formatBytes(r.size).padStart(10)}  ${r.format.padEnd(6)} ${r.hasChecksum ? 'sha256' : 'NO-SUM'}  ${r.key}${r.latest ? '  (latest)' : ''}`,
          )
          .join('\n')
      : 'no backups';
    return {
      outputs: {},
      summary: listSummary(options.s3.bucket, options.s3.prefix, backups, latestKey) + setsSummary(setRows),
      text: text + setsText(setRows),
      // backups first (as before), then one row a set with its members
      json: [...rows, ...setRows],
      report: `${rows.length} backups${setRows.length ? `, ${setRows.length} sets` : ''}`,
    };
  },
};
