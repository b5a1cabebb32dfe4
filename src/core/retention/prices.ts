/**
 * Storage prices per class (pure): USD per GB-month, each class's minimum storage duration (an object that leaves
 * the class earlier is billed the rest), its minimum billable object size and its retrieval fee per GB read.
 * Amazon S3 us-east-1 list prices (first 50 TB tier) by default; any price can be overridden.
 */
import type { PriceTable } from '../../model/retention.js';
import { UserError } from '../errors.js';

const MIN_BILLABLE_BYTES = 128 * 1024;

/**
 * us-east-1 list prices (first 50 TB tier), per GB-month, minimum storage durations, minimum billable object sizes
 * and retrieval fees (GLACIER and DEEP_ARCHIVE: the standard thaw tier).
 */
export const AWS_US_EAST_1: PriceTable = {
  STANDARD: { perGBMonth: 0.023, minDays: 0 },
  INTELLIGENT_TIERING: { perGBMonth: 0.023, minDays: 0 },
  STANDARD_IA: { perGBMonth: 0.0125, minDays: 30, minBytes: MIN_BILLABLE_BYTES, retrievalPerGB: 0.01 },
  ONEZONE_IA: { perGBMonth: 0.01, minDays: 30, minBytes: MIN_BILLABLE_BYTES, retrievalPerGB: 0.01 },
  GLACIER_IR: { perGBMonth: 0.004, minDays: 90, minBytes: MIN_BILLABLE_BYTES, retrievalPerGB: 0.03 },
  GLACIER: { perGBMonth: 0.0036, minDays: 90, retrievalPerGB: 0.01 },
  DEEP_ARCHIVE: { perGBMonth: 0.00099, minDays: 180, retrievalPerGB: 0.02 },
  REDUCED_REDUNDANCY: { perGBMonth: 0.024, minDays: 0 },
  EXPRESS_ONEZONE: { perGBMonth: 0.11, minDays: 0 },
};

export const DAYS_PER_MONTH = 365.25 / 12;

/** "STANDARD=0.021, GLACIER_IR=0.0036" (or JSON {"STANDARD":0.021}) over the default table. */
export function parsePrices(input: string, text: string, base: PriceTable = AWS_US_EAST_1): PriceTable {
  const out: PriceTable = { ...base };
  const v = text.trim();
  if (!v) return out;
  let pairs: Array<[string, string]>;
  if (v.startsWith('{')) {
    try {
      pairs = Object.entries(JSON.parse(v) as Record<string, unknown>).map(([k, x]) => [k, String(x)]);
    } catch {
      throw new UserError(`${input}: not valid JSON; use CLASS=price pairs, e.g. STANDARD=0.023, GLACIER_IR=0.004`);
    }
  } else {
    pairs = v
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((item) => {
        const eq = item.indexOf('=');
        if (eq <= 0)
          throw new UserError(`${input}: "${item}" is not CLASS=price (USD per GB-month), e.g. STANDARD=0.023`);
        return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
      });
  }
  for (const [cls, price] of pairs) {
    const n = Number(price);
    if (!/^\d*\.?\d+$/.test(price) || !Number.isFinite(n))
      throw new UserError(`${input}: "${price}" for ${cls} is not a price in USD per GB-month`);
    const key = cls.toUpperCase();
    out[key] = { ...out[key], perGBMonth: n, minDays: out[key]?.minDays ?? 0 };
  }
  return out;
}
