/** Strict parsers for input values. Each throws a UserError naming the input and what it accepts. */
import { UserError } from '../core/errors.js';

export function parseBool(input: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off', ''].includes(v)) return false;
  throw new UserError(`${input}: "${value}" is not a boolean; use true or false`);
}

export function parseEnum<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const v = value.trim();
  const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (hit === undefined) throw new UserError(`${input}: "${value}" is not one of ${allowed.join(', ')}`);
  return hit;
}

export function parseInteger(input: string, value: string, min: number, max: number): number {
  const v = value.trim();
  if (!/^-?\d+$/.test(v)) throw new UserError(`${input}: "${value}" is not a whole number; use ${min} to ${max}`);
  const n = Number(v);
  if (n < 0 && min >= 0) throw new UserError(`${input}: ${n} is negative; it must be ${min} or more, up to ${max}`);
  if (n < min || n > max) throw new UserError(`${input}: ${n} is out of range; use ${min} to ${max}`);
  return n;
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** "16MiB", "64MB", "1.5GiB", "16777216" → bytes. */
export function parseSize(input: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new UserError(`${input}: "${value}" is not a size; use e.g. 16MiB, 64MB or a number of bytes`);
  }
  return Math.round(Number(m[1]) * unit);
}

/** One per line or comma-separated; blanks dropped. */
export function parseList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** key=value pairs → record; S3 tag limits checked. */
export function parseTags(input: string, value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const item of parseList(value)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`${input}: "${item}" is not key=value`);
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    if (key.length > 128 || val.length > 256) {
      throw new UserError(`${input}: "${key}" is too long (S3 allows keys of 128 and values of 256 characters)`);
    }
    tags[key] = val;
  }
  if (Object.keys(tags).length > 10) throw new UserError(`${input}: S3 allows at most 10 tags per object`);
  return tags;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** "26h", "90m", "1d12h", "2w" → seconds. A bare number is refused: minutes or hours? Say which. */
export function parseDuration(input: string, value: string): number {
  const v = value.trim().toLowerCase().replace(/\s+/g, '');
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)];
  if (!v || parts.map((p) => p[0]).join('') !== v) {
    throw new UserError(
      `${input}: "${value}" is not a duration; use a number with a unit: 26h, 90m, 2d, 1d12h (s, m, h, d, w)`,
    );
  }
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * DURATION_UNITS[p[2]!]!, 0);
  if (seconds <= 0) throw new UserError(`${input}: "${value}" must be longer than zero`);
  return Math.round(seconds);
}

/** "25%", "25", "0" → 25; 0 to 100. */
export function parsePercent(input: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!m || n > 100) throw new UserError(`${input}: "${value}" is not a percentage from 0 to 100, e.g. 25%`);
  return n;
}
