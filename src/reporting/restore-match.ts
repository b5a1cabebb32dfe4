/** How a restore reports its comparison with the manifest. */
import { plural } from '../core/format.js';
import type { Matched } from '../model/results.js';

/** " and matched the manifest (N tables, M rows)", or nothing when the restore was not compared. */
export function matchedText(m: Matched | undefined): string {
  return m ? ` and matched the manifest (${plural(m.tables, 'table')}, ${plural(m.rows, 'row')})` : '';
}

/** The summary's row for the comparison. */
export function matchedRow(m: Matched | undefined): [string, string] {
  return [
    'Compared with the manifest',
    m ? `✅ restored and matched the manifest: ${plural(m.tables, 'table')}, ${plural(m.rows, 'row')}` : 'not compared',
  ];
}
