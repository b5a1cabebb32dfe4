/**
 * The `backup` input (restore, verify, validate): latest, an object key, or a date meaning the newest backup at or
 * before it. A date is checked as a calendar date before anything is listed: JavaScript's Date rolls 2025-13-45 over
 * into 2026-02-14 and 2025-02-30 into March, which would pick a backup nobody asked for.
 */
import { UserError } from '../core/errors.js';
import { parseBackupKey } from '../core/naming.js';

const FORMS =
  'latest, an object key, or a date: YYYYMMDD, YYYY-MM-DD, YYYYMMDD_HHMMSS or ISO 8601 (2025-01-30T03:00:00Z)';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** What is wrong with a calendar date and time, or undefined when it exists. */
function dateProblem(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | undefined {
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const days = daysIn(y, mo);
  if (d < 1 || d > days) return `${MONTHS[mo - 1]} ${y} has ${days} days`;
  if (h > 23) return `there is no hour ${h}`;
  if (mi > 59) return `there is no minute ${mi}`;
  if (s > 59) return `there is no second ${s}`;
  return undefined;
}

const DAY = [/^(\d{4})(\d{2})(\d{2})$/, /^(\d{4})-(\d{2})-(\d{2})$/];
const STAMP = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[zZ]|([+-])(\d{2}):?(\d{2}))?$/;

/** The parts of a selector written as a date (any of the forms above), or undefined when it is not one. */
function dateParts(text: string): number[] | undefined {
  const m = DAY[0]!.exec(text) ?? DAY[1]!.exec(text) ?? STAMP.exec(text) ?? ISO.exec(text);
  return m ? m.slice(1).map((p) => (p === undefined || p === '+' || p === '-' ? NaN : Number(p))) : undefined;
}

/** The `backup` input, checked: latest, a backup's key (or file name), or a real date. */
export function parseBackupSelector(input: string, text: string): string {
  if (text === 'latest') return text;
  const parts = dateParts(text);
  if (parts) {
    const [y, mo, d, h, mi, s, , offH, offM] = parts.map((n) => (Number.isNaN(n) ? 0 : n)) as number[];
    const problem =
      dateProblem(y!, mo!, d!, h, mi, s) ?? (offH! > 23 || offM! > 59 ? `the UTC offset is out of range` : undefined);
    if (problem) throw new UserError(`${input}: "${text}" is not a real date (${problem}); use ${FORMS}`);
    return text;
  }
  if (parseBackupKey(text)) return text;
  if (/^\d{4}\D?\d{1,2}\D?\d{1,2}/.test(text))
    throw new UserError(`${input}: "${text}" is not a date this tool reads; use ${FORMS}`);
  throw new UserError(`${input}: "${text}" is not ${FORMS}`);
}
