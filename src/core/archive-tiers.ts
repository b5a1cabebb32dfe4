/**
 * Archive tiers (pure): whether an object can be read now, and what to do when it cannot. S3 keeps GLACIER and
 * DEEP_ARCHIVE objects (and Intelligent-Tiering's archive tiers) offline: a GET answers InvalidObjectState until a
 * restore request ("thaw") has made a temporary copy, which HeadObject shows in its x-amz-restore header:
 * ongoing-request="true" while S3 works on it, ongoing-request="false", expiry-date="…" once it can be read.
 */
import type { ThawTier } from '../model/options.js';
import type { ThawChoice } from '../model/options.js';
import { UserError } from './errors.js';

/** Storage classes whose objects need a restore request before a GET. */
export const ARCHIVE_CLASSES = ['GLACIER', 'DEEP_ARCHIVE'] as const;
export const THAW_TIERS: readonly ThawTier[] = ['Standard', 'Bulk', 'Expedited'];

/** The exit status of a run that stopped because an archived backup is being thawed: run again later. */
export const EXIT_THAW_PENDING = 75;

/** A restore was requested (or is under way) and the object is not readable yet: a distinct exit status. */
export class ThawPendingError extends UserError {
  override name = 'ThawPendingError';
  readonly exitCode = EXIT_THAW_PENDING;
}

/** What HeadObject says about an object's tier. */
export interface ArchiveHead {
  storageClass?: string;
  /** The x-amz-restore header. */
  restore?: string;
  /** Intelligent-Tiering: ARCHIVE_ACCESS or DEEP_ARCHIVE_ACCESS (x-amz-archive-status). */
  archiveStatus?: string;
}

export type ArchiveState =
  | { state: 'readable'; storageClass: string; restoredUntil?: string }
  | { state: 'archived'; storageClass: string }
  | { state: 'thawing'; storageClass: string };

/** x-amz-restore: `ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"`. */
export function parseRestoreHeader(header: string | undefined): { ongoing: boolean; expiry?: string } | undefined {
  if (!header) return undefined;
  const ongoing = /ongoing-request\s*=\s*"?(true|false)"?/i.exec(header);
  if (!ongoing) return undefined;
  const expiry = /expiry-date\s*=\s*"([^"]*)"/i.exec(header)?.[1];
  return { ongoing: ongoing[1]!.toLowerCase() === 'true', ...(expiry ? { expiry } : {}) };
}

/** The class that matters for a thaw: GLACIER / DEEP_ARCHIVE, or Intelligent-Tiering's archive tier by its name. */
function archiveClassOf(h: ArchiveHead): string | undefined {
  const sc = (h.storageClass ?? 'STANDARD').toUpperCase();
  if ((ARCHIVE_CLASSES as readonly string[]).includes(sc)) return sc;
  if (sc === 'INTELLIGENT_TIERING' && h.archiveStatus) {
    return h.archiveStatus.toUpperCase() === 'DEEP_ARCHIVE_ACCESS' ? 'DEEP_ARCHIVE' : 'GLACIER';
  }
  return undefined;
}

export function archiveState(h: ArchiveHead): ArchiveState {
  const storageClass = (h.storageClass ?? 'STANDARD').toUpperCase();
  const archived = archiveClassOf(h);
  if (!archived) return { state: 'readable', storageClass };
  const restore = parseRestoreHeader(h.restore);
  if (!restore) return { state: 'archived', storageClass };
  if (restore.ongoing) return { state: 'thawing', storageClass };
  return { state: 'readable', storageClass, ...(restore.expiry ? { restoredUntil: restore.expiry } : {}) };
}

/** AWS's published restore times per class and retrieval tier. */
const WAITS: Record<string, Partial<Record<ThawTier, string>>> = {
  GLACIER: { Expedited: '1-5 minutes', Standard: '3-5 hours', Bulk: '5-12 hours' },
  DEEP_ARCHIVE: { Standard: 'within 12 hours', Bulk: 'within 48 hours' },
};

/** The provider's typical wait, for the message; undefined when the tier does not exist for the class. */
export function typicalWait(storageClass: string, tier: ThawTier): string | undefined {
  const cls = storageClass === 'DEEP_ARCHIVE' ? 'DEEP_ARCHIVE' : 'GLACIER';
  return WAITS[cls]![tier];
}

export type ThawStep =
  | { do: 'read' }
  | { do: 'refuse'; message: string }
  | { do: 'request' }
  | { do: 'poll' }
  | { do: 'pending'; message: string };

/** What to do next for an object in a given state (the state machine restore, verify, validate and thaw share). */
export function nextThawStep(key: string, s: ArchiveState, c: ThawChoice, verb: string): ThawStep {
  if (s.state === 'readable') return { do: 'read' };
  const again = `run the same ${verb} again then${c.wait ? '' : ' (or add --wait to wait for it)'}`;
  if (s.state === 'thawing') {
    if (c.wait) return { do: 'poll' };
    return {
      do: 'pending',
      message: `${key} is in ${s.storageClass} and S3 is restoring it (a restore request is under way): ${again}`,
    };
  }
  if (!c.thaw) {
    return {
      do: 'refuse',
      message: `${key} is in ${s.storageClass}: S3 must restore it before it can be read; run again with --thaw (thaw-tier ${c.tier}: typically ${typicalWait(s.storageClass, c.tier) ?? 'hours'}), or choose a backup in an instant class`,
    };
  }
  if (!typicalWait(s.storageClass, c.tier)) {
    return {
      do: 'refuse',
      message: `thaw-tier: ${c.tier} retrieval does not exist for ${s.storageClass}; use Standard (within 12 hours) or Bulk (within 48 hours)`,
    };
  }
  return { do: 'request' };
}

/** The message after a restore was requested (or found under way) and the run stops. */
export function requestedMessage(key: string, storageClass: string, c: ThawChoice, verb: string, already: boolean) {
  const what = already ? 'a restore was already under way' : `restore requested (${c.tier} tier, ${c.days} days)`;
  return `${key} is in ${storageClass}: ${what}; S3 typically takes ${typicalWait(storageClass, c.tier) ?? 'hours'}: run the same ${verb} again then (or add --wait to wait for it)`;
}
