/** list: backups newest first, with their checksum and manifest status. */
import { formatBytes } from '../format.js';
import { listBackups } from '../list.js';
import { parseListOptions } from '../options/parse.js';
import { listSummary } from '../reporting/summaries.js';
import type { Command } from './command.js';

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
