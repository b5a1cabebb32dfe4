/** list: backups newest first, with their checksum and manifest status. */
import { listBackups } from '../store/listing.js';
import { parseListOptions } from '../options/parse.js';
import { formatBytes, plural } from '../core/format.js';
import { listSummary } from '../reporting/summaries.js';
import type { Command } from './command.js';
import { GLOBALS_NAME } from '../core/set-format.js';
import { setListRows, setsSummary, setsText } from '../reporting/set-list.js';
import { value } from '../options/parse.js';
import { parseBool } from '../options/values.js';
import { listDrills } from './list-drills.js';

export const listCommand: Command = {
  verb: 'list',
  async run(raw, ctx) {
    const options = parseListOptions(raw, ctx.env);
    if (parseBool('drills', value(raw, ctx.env, 'drills'))) return listDrills(options, ctx);
    const listing = await listBackups(options, ctx.s3Client?.(options.s3), { withSets: true });
    const { backups, latestKey } = listing;
    const sets = listing.sets?.sets ?? [];
    const setOf = new Map(sets.flatMap((s) => s.members.flatMap((m) => (m.key ? [[m.key, s.key] as const] : []))));
    const rows = backups.map((b) => ({
      key: b.key,
      backupTime: b.at.toISOString(),
      // a multi-stream backup: its schema part and its data parts
      size: b.size + (b.parts ?? []).reduce((n, p) => n + p.size, 0),
      objects: 1 + (b.parts?.length ?? 0),
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
              `${r.backupTime}  ${formatBytes(r.size).padStart(10)}  ${r.format.padEnd(6)} ${r.hasChecksum ? 'sha256' : 'NO-SUM'}  ${r.key}${r.objects > 1 ? `  (${r.objects} objects)` : ''}${r.latest ? '  (latest)' : ''}`,
          )
          .join('\n')
      : 'no backups';
    return {
      outputs: {},
      summary: listSummary(options.s3.bucket, options.s3.prefix, backups, latestKey) + setsSummary(setRows),
      text: text + setsText(setRows),
      json: { backups: rows, sets: setRows },
      report: `${plural(rows.length, 'backup')}${setRows.length ? `, ${plural(setRows.length, 'set')}` : ''}`,
    };
  },
};
