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

export interface Listing {
  backups: BackupEntry[];
  latestKey?: string;
}

export async function listBackups(o: CommonOptions, client: S3Client = createS3Client(o.s3)): Promise<Listing> {
  try {
    // one database's own latest pointer first; the prefix's latest.json (single-database runs) is the fallback
    const [objects, pointerText, namedText] = await Promise.all([
      listAll(client, o.s3.bucket, o.s3.prefix),
      getText(client, o.s3.bucket, latestPointerKey(o.s3.prefix)),
      o.name ? getText(client, o.s3.bucket, latestNamePointerKey(o.s3.prefix, o.name)) : undefined,
    ]);
    return {
      backups: backupsIn(objects, { name: o.name, environment: o.environment, withGlobals: true }),
      latestKey: latestKeyOf(namedText) ?? latestKeyOf(pointerText),
    };
  } catch (err) {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: o.s3.prefix, endpoint: o.s3.endpoint, action: 'listing' });
  }
}

export const listCommand: Command = {
  verb: 'list',
  description: 'list backups, newest first',
  async run(raw, ctx) {
    const options = parseListOptions(raw, ctx.env);
    const { backups, latestKey } = await listBackups(options, ctx.s3Client?.(options.s3));
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
    }));
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
      summary: listSummary(options.s3.bucket, options.s3.prefix, backups, latestKey),
      text,
      json: rows,
      report: `${rows.length} backups`,
    };
  },
};
