/** The `streams` input: 1, a number of data streams, or auto (chosen at backup time from the cores and the size). */
import { UserError } from '../core/errors.js';
import { parseInteger } from './values.js';

const MAX_STREAMS = 32;

export function parseStreams(text: string, o: { format: string; latestCopy: boolean }): number | 'auto' {
  const v = text.trim().toLowerCase();
  if (v === 'auto' || v === '') return 'auto';
  if (!/^\d+$/.test(v))
    throw new UserError(`streams: "${text}" is neither auto nor a whole number; use auto or 1 to ${MAX_STREAMS}`);
  const n = parseInteger('streams', v, 1, MAX_STREAMS);
  if (n === 1) return 1;
  if (o.format !== 'custom')
    throw new UserError(`streams: ${n} streams need format custom (pg_restore); set streams to 1 for a plain dump`);
  if (o.latestCopy)
    throw new UserError(`streams: latest-copy keeps one object and ${n} streams write several; set streams to 1`);
  return n;
}
