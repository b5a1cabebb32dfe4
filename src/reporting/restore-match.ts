/** How a restore reports its comparison with the manifest. */
import type { Matched } from '../model/results.js';

/** " and matched the manifest (N tables, M rows)", or nothing when the restore was not compared. */
export function matchedText(m: Matched | undefined): string {
  return m ? ` and matched the manifest (${m.tables} tables, ${m.rows} rows)` : '';
}

/** The summary's row for the comparison. */
export function matchedRow(m: Matched | undefined): [string, string] {
  return [
    'Compared with the manifest',
    m ? `✅ restored and matched the manifest: ${m.tables} tables, ${m.rows} rows` : 'not compared',
  ];
}
