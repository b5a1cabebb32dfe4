/** list --drills: the restore drills recorded under the prefix, newest first. */
import type { RunContext } from '../model/context.js';
import type { ListOptions } from '../model/options.js';
import { drillRow, drillsSummary, drillsText } from '../reporting/drills.js';
import { clientFor } from '../s3/client.js';
import { readDrills } from '../store/drills.js';
import type { CommandResult } from './command.js';

/** The history shown: enough for a year of weekly drills of a few databases. */
const SHOWN = 200;

export async function listDrills(o: ListOptions, ctx: RunContext): Promise<CommandResult> {
  const drills = await readDrills(clientFor(ctx, o.s3), o.s3.bucket, o.s3.prefix, { limit: SHOWN });
  return {
    outputs: {},
    summary: drillsSummary(o.s3.bucket, drills),
    text: drillsText(drills),
    json: { drills: drills.map(drillRow) },
    report: `${drills.length} drills`,
  };
}
