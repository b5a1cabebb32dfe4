// Archive tiers, the pure part: what x-amz-restore says, which state an object is in, and what restore, verify,
// validate and thaw do next in each state.
import { describe, expect, test } from 'vitest';
import {
  archiveState,
  EXIT_THAW_PENDING,
  nextThawStep,
  parseRestoreHeader,
  requestedMessage,
  ThawPendingError,
  typicalWait,
  type ArchiveState,
} from '../../src/core/archive-tiers.js';
import type { ThawChoice } from '../../src/model/options.js';
import { UserError } from '../../src/core/errors.js';

describe('parseRestoreHeader', () => {
  test.each([
    [undefined, undefined],
    ['', undefined],
    ['ongoing-request="true"', { ongoing: true }],
    [
      'ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"',
      { ongoing: false, expiry: 'Fri, 21 Dec 2012 00:00:00 GMT' },
    ],
    ['ongoing-request=false', { ongoing: false }],
    ['something else', undefined],
  ])('%j → %j', (header, parsed) => expect(parseRestoreHeader(header)).toEqual(parsed));
});

describe('archiveState', () => {
  const done = 'ongoing-request="false", expiry-date="Fri, 21 Dec 2030 00:00:00 GMT"';
  test.each<[string, Parameters<typeof archiveState>[0], ArchiveState]>([
    ['no class: STANDARD', {}, { state: 'readable', storageClass: 'STANDARD' }],
    ['GLACIER_IR is instant', { storageClass: 'GLACIER_IR' }, { state: 'readable', storageClass: 'GLACIER_IR' }],
    ['GLACIER, no restore', { storageClass: 'GLACIER' }, { state: 'archived', storageClass: 'GLACIER' }],
    [
      'DEEP_ARCHIVE being restored',
      { storageClass: 'DEEP_ARCHIVE', restore: 'ongoing-request="true"' },
      { state: 'thawing', storageClass: 'DEEP_ARCHIVE' },
    ],
    [
      'DEEP_ARCHIVE restored',
      { storageClass: 'DEEP_ARCHIVE', restore: done },
      { state: 'readable', storageClass: 'DEEP_ARCHIVE', restoredUntil: 'Fri, 21 Dec 2030 00:00:00 GMT' },
    ],
    [
      'Intelligent-Tiering in its deep archive tier',
      { storageClass: 'INTELLIGENT_TIERING', archiveStatus: 'DEEP_ARCHIVE_ACCESS' },
      { state: 'archived', storageClass: 'INTELLIGENT_TIERING' },
    ],
    [
      'Intelligent-Tiering in a frequent tier',
      { storageClass: 'INTELLIGENT_TIERING' },
      { state: 'readable', storageClass: 'INTELLIGENT_TIERING' },
    ],
  ])('%s', (_name, head, state) => expect(archiveState(head)).toEqual(state));
});

describe('typicalWait: the provider’s published restore times', () => {
  test.each([
    ['GLACIER', 'Expedited', '1-5 minutes'],
    ['GLACIER', 'Standard', '3-5 hours'],
    ['GLACIER', 'Bulk', '5-12 hours'],
    ['DEEP_ARCHIVE', 'Standard', 'within 12 hours'],
    ['DEEP_ARCHIVE', 'Bulk', 'within 48 hours'],
    ['DEEP_ARCHIVE', 'Expedited', undefined],
  ] as const)('%s %s: %s', (cls, tier, wait) => expect(typicalWait(cls, tier)).toBe(wait));
});

describe('nextThawStep: the state machine', () => {
  const key = 'prod/app_prod_20250101_030000.dump.zst';
  const archived: ArchiveState = { state: 'archived', storageClass: 'DEEP_ARCHIVE' };
  const thawing: ArchiveState = { state: 'thawing', storageClass: 'GLACIER' };
  const readable: ArchiveState = { state: 'readable', storageClass: 'STANDARD' };
  const c = (o: Partial<ThawChoice> = {}): ThawChoice => ({
    thaw: false,
    wait: false,
    tier: 'Standard',
    days: 3,
    ...o,
  });
  test.each<[string, ArchiveState, ThawChoice, string]>([
    ['readable: read, whatever was asked', readable, c({ thaw: true, wait: true }), 'read'],
    ['archived without --thaw: refused', archived, c(), 'refuse'],
    ['archived with --thaw: request', archived, c({ thaw: true }), 'request'],
    ['archived with --thaw --wait: request (then poll)', archived, c({ thaw: true, wait: true }), 'request'],
    ['DEEP_ARCHIVE + Expedited: refused before any request', archived, c({ thaw: true, tier: 'Expedited' }), 'refuse'],
    ['being restored, no wait: pending (exit 75)', thawing, c(), 'pending'],
    ['being restored, --thaw: pending, no second request', thawing, c({ thaw: true }), 'pending'],
    ['being restored, --wait: poll', thawing, c({ thaw: true, wait: true }), 'poll'],
  ])('%s', (_name, state, choice, step) => expect(nextThawStep(key, state, choice, 'restore').do).toBe(step));

  test('the refusal is one line: the key, the class, and how to go on', () => {
    const step = nextThawStep(key, archived, c(), 'restore');
    expect(step).toEqual({
      do: 'refuse',
      message: `${key} is in DEEP_ARCHIVE: S3 must restore it before it can be read; run again with --thaw (thaw-tier Standard: typically within 12 hours), or choose a backup in an instant class`,
    });
  });

  test('after the request: the wait, and run again (exit status 75)', () => {
    expect(requestedMessage(key, 'GLACIER', c({ thaw: true, tier: 'Bulk', days: 5 }), 'verify', false)).toBe(
      `${key} is in GLACIER: restore requested (Bulk tier, 5 days); S3 typically takes 5-12 hours: run the same verify again then (or add --wait to wait for it)`,
    );
    expect(requestedMessage(key, 'GLACIER', c({ thaw: true }), 'verify', true)).toContain(
      'a restore was already under way; S3 typically takes 3-5 hours',
    );
    const err = new ThawPendingError('x');
    expect(err).toBeInstanceOf(UserError);
    expect(err.exitCode).toBe(EXIT_THAW_PENDING);
    expect(EXIT_THAW_PENDING).toBe(75);
  });
});
