import { describe, expect, test } from 'vitest';
import { abortVerdict, backupProblem, expirationVerdict } from '../../src/bucket/audit-checks.js';
import { auditDrillVerdict } from '../../src/core/drill-proof.js';
import { partsProblem } from '../../src/bucket/audit-parts.js';
import type { DrillRecord } from '../../src/model/drill.js';
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
  test('checksums of a multi-stream backup: every part the manifest names there, at its size, its .sha256 agreeing', () => {
    const key = 'p/db_prod_20240229_000000.dump.zst';
    const part = (i: number) => `p/db_prod_20240229_000000.part-000${i}.dump.zst`;
    const sha = (c: string) => c.repeat(64);
    const meta = JSON.stringify({
      schema: 's3-backup/manifest',
      version: 1,
      parts: [1, 2].map((i) => ({ key: part(i), size: 10 * i, sha256: sha(String(i)) })),
    });
    const listed = [1, 2].map((i) => ({ key: part(i), size: 10 * i }));
    const sums = new Map([1, 2].map((i) => [part(i), `${sha(String(i))}  ${part(i).split('/')[1]}\n`]));
    expect(partsProblem({ key, parts: listed }, meta, sums)).toBeUndefined();
    expect(partsProblem({ key }, undefined, new Map())).toBeUndefined(); // one stream: nothing to check
    expect(partsProblem({ key, parts: [listed[0]!] }, meta, sums)).toBe(
      `${key}: data part db_prod_20240229_000000.part-0002.dump.zst missing`,
    );
    expect(partsProblem({ key, parts: [listed[0]!, { key: part(2), size: 7 }] }, meta, sums)).toBe(
      `${key}: data part db_prod_20240229_000000.part-0002.dump.zst: 7 bytes stored, the manifest says 20`,
    );
    expect(partsProblem({ key, parts: listed }, meta, new Map([[part(1), sums.get(part(1))]]))).toBe(
      `${key}: data part db_prod_20240229_000000.part-0002.dump.zst: no checksum sidecar`,
    );
    expect(partsProblem({ key, parts: listed }, meta, new Map([...sums, [part(1), `${sha('f')}  x\n`]]))).toBe(
      `${key}: data part db_prod_20240229_000000.part-0001.dump.zst: sidecar and manifest disagree`,
    );
    expect(partsProblem({ key, parts: [...listed, { key: part(3), size: 1 }] }, meta, sums)).toBe(
      `${key}: data part db_prod_20240229_000000.part-0003.dump.zst is not in the manifest`,
    );
    expect(partsProblem({ key, parts: listed }, undefined, sums)).toBe(
      `${key}: 2 data parts but no readable manifest naming them`,
    );
  });
  test('drill: none, failed, old, recent (the drill proof of the backups under the prefix)', () => {
    const now = new Date('2024-03-01T00:00:00Z');
    const backups = [
      { key: 'p/db_prod_20240229_000000.dump.zst', stem: 'db_prod', at: new Date('2024-02-29T00:00:00Z') },
    ];
    const record = (status: 'passed' | 'failed', finishedAt: string, key = backups[0]!.key) =>
      ({ status, finishedAt, key, kind: 'backup' }) as DrillRecord;
    expect(auditDrillVerdict(backups, [], now)[0]).toBe('unknown');
    expect(auditDrillVerdict(backups, [record('failed', '2024-02-29T01:00:00Z')], now)).toEqual([
      'fail',
      'p/db_prod_20240229_000000.dump.zst: no passing drill within 35d (the drill of 2024-02-29T01:00:00Z failed)',
    ]);
    expect(auditDrillVerdict(backups, [record('passed', '2023-12-01T00:00:00Z')], now)).toEqual([
      'fail',
      'p/db_prod_20240229_000000.dump.zst: no passing drill within 35d',
    ]);
    expect(auditDrillVerdict(backups, [record('passed', '2024-02-29T01:00:00Z')], now)).toEqual([
      'ok',
      'p/db_prod_20240229_000000.dump.zst restored and matched by the drill of 2024-02-29T01:00:00Z',
    ]);
  });
});
