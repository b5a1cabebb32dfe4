import { describe, expect, test } from 'vitest';
import { abortVerdict, backupProblem, drillVerdict, expirationVerdict } from '../../src/bucket/audit-checks.js';
import { blocksOff, encryptionWanted, rulesMissing } from '../../src/bucket/init-steps.js';
import { ALL_BLOCKED } from '../../src/s3/bucket.js';

describe('bucket init read-back', () => {
  test('encryption: algorithm and, when asked, the KMS key', () => {
    expect(encryptionWanted({ algorithm: 'AES256' }, 'AES256')).toBe(true);
    expect(encryptionWanted({ algorithm: 'aws:kms', kmsKeyId: 'a' }, 'aws:kms', 'b')).toBe(false);
    expect(encryptionWanted(undefined, 'AES256')).toBe(false);
  });
  test('public access block: names the settings that read back off', () => {
    expect(blocksOff(ALL_BLOCKED, ALL_BLOCKED)).toBeUndefined();
    expect(blocksOff(ALL_BLOCKED, { ...ALL_BLOCKED, BlockPublicAcls: false })).toBe(
      'it reads back with BlockPublicAcls off',
    );
    expect(
      blocksOff({ ...ALL_BLOCKED, BlockPublicAcls: false }, { ...ALL_BLOCKED, BlockPublicAcls: false }),
    ).toBeUndefined();
  });
  test('lifecycle: counts our rules missing or disabled', () => {
    const ours = [
      { ID: 'a', Status: 'Enabled' as const },
      { ID: 'b', Status: 'Enabled' as const },
    ];
    expect(rulesMissing(ours, ours)).toBeUndefined();
    expect(rulesMissing(ours, [{ ID: 'a', Status: 'Disabled' }, ours[1]!])).toBe(
      '1 of its 2 rules are missing when read back',
    );
  });
});

describe('bucket audit verdicts', () => {
  test('lifecycle: another rule covering the prefix counts', () => {
    const rules = [
      {
        ID: 'x',
        Status: 'Enabled' as const,
        Filter: { Prefix: 'prod/' },
        Expiration: { Days: 30 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
      },
    ];
    expect(expirationVerdict(rules, 'prod')).toEqual(['ok', 'rule "x" expires objects after 30 days']);
    expect(abortVerdict(rules, 'prod')).toEqual(['ok', 'after 2 days ("x")']);
    expect(expirationVerdict(rules, 'other')[0]).toBe('fail');
    expect(abortVerdict([], 'prod')[0]).toBe('fail');
  });
  test('checksums: a missing sidecar, a disagreeing manifest', () => {
    expect(backupProblem({ key: 'k', size: 1 }, undefined, undefined)).toBe('k: no checksum sidecar');
    expect(backupProblem({ key: 'k', size: 1 }, `${'a'.repeat(64)}  k\n`, 'not json')).toBe('k: unreadable manifest');
  });
  test('drill: none, failed, old, recent', () => {
    const now = new Date('2024-03-01T00:00:00Z');
    expect(drillVerdict(undefined, 'p/last-drill.json', now)[0]).toBe('unknown');
    expect(
      drillVerdict(
        JSON.stringify({ status: 'failed', finishedAt: '2024-02-28T00:00:00Z', mismatches: 2 }),
        'k',
        now,
      )[0],
    ).toBe('fail');
    expect(drillVerdict(JSON.stringify({ status: 'passed', finishedAt: '2023-12-01T00:00:00Z' }), 'k', now)).toEqual([
      'fail',
      'the last drill is 91 days old',
    ]);
    expect(
      drillVerdict(JSON.stringify({ status: 'passed', finishedAt: '2024-02-28T00:00:00Z', key: 'b' }), 'k', now),
    ).toEqual(['ok', '2024-02-28T00:00:00Z restored b']);
  });
});
