/**
 * A drill's evidence: its records appended in the bucket (and in the copy destination when copy-to is set), its
 * in-toto statement written to files for an attestation step, and the recent records for the recovery-time trend.
 * Writing evidence never changes a drill's verdict: a record that cannot be written is a warning.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drillPredicate, drillStatement, subjectChecksums } from '../core/drill.js';
import { errorMessage } from '../core/errors.js';
import { stamp } from '../core/naming.js';
import type { RunContext } from '../model/context.js';
import type { DrillRecord, StoredDrill } from '../model/drill.js';
import type { CommonOptions, S3Options } from '../model/options.js';
import { clientFor } from '../s3/client.js';
import { appendDrill, readDrills } from '../store/drills.js';

/** The places a drill's records go: where it read the backup, and the other site when copy-to is set. */
function sites(o: CommonOptions): S3Options[] {
  return o.copy && o.from !== 'copy' ? [o.s3, o.copy.s3] : [o.s3];
}

/** Appends every record at every site; returns the keys written at the first. */
export async function appendDrills(o: CommonOptions, ctx: RunContext, records: DrillRecord[]): Promise<string[]> {
  const written: string[][] = [];
  for (const site of sites(o)) {
    const s3 = clientFor(ctx, site);
    const keys: string[] = [];
    for (const record of records) {
      try {
        keys.push(await appendDrill(s3, site.bucket, site.prefix, record));
      } catch (err) {
        ctx.log.warning(`could not record the drill of ${record.key} in s3://${site.bucket}: ${errorMessage(err)}`);
      }
    }
    written.push(keys);
  }
  if (written[0]?.length) ctx.log.info(`drill recorded: s3://${o.s3.bucket}/${written[0].join(', ')}`);
  return written[0] ?? [];
}

/** The newest records where the drill read (the trend of the job summary); [] when they cannot be read. */
export async function recentDrills(o: CommonOptions, ctx: RunContext, limit: number): Promise<StoredDrill[]> {
  try {
    return await readDrills(clientFor(ctx, o.s3), o.s3.bucket, o.s3.prefix, { limit });
  } catch (err) {
    ctx.log.warning(`could not read the drill history: ${errorMessage(err)}`);
    return [];
  }
}

export interface StatementFiles {
  /** The whole in-toto statement. */
  statement: string;
  /** Its predicate alone (actions/attest's predicate-path). */
  predicate: string;
  /** Its subjects in sha256sum format (actions/attest's subject-checksums). */
  subjects: string;
}

/** Writes the statement of a drill that ran into the run's temporary directory; undefined when it proves nothing. */
export function writeStatement(ctx: RunContext, record: DrillRecord): StatementFiles | undefined {
  const statement = drillStatement(record);
  if (!statement) return undefined;
  const base = path.join(ctx.tempDir || os.tmpdir(), `s3-backup-drill-${stamp(new Date(record.finishedAt))}`);
  const files = {
    statement: `${base}.intoto.json`,
    predicate: `${base}.predicate.json`,
    subjects: `${base}.subjects.sha256`,
  };
  writeFileSync(files.statement, `${JSON.stringify(statement, null, 2)}\n`);
  writeFileSync(files.predicate, `${JSON.stringify(drillPredicate(record), null, 2)}\n`);
  writeFileSync(files.subjects, subjectChecksums(record));
  ctx.log.info(`drill statement (in-toto): ${files.statement}`);
  return files;
}
