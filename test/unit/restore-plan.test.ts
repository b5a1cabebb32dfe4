import { describe, expect, test } from 'vitest';
import { HEAD_ALLOWANCE, planRestore, tempNeed } from '../../src/core/restore-plan.js';
import { stepArgs } from '../../src/restore/dump-source.js';

const base = { format: 'custom', jobs: 4, singleTransaction: false, decodedCopy: false };
const shape = (o: Parameters<typeof planRestore>[0]) =>
  planRestore(o).steps.map((s) => `${s.source}:${s.section ?? 'all'}:${s.jobs}`);

describe('the restore plan', () => {
  test.each([
    [{ ...base }, ['head:pre-data:1', 'stream:data:1', 'head:post-data:4']],
    [{ ...base, jobs: 1 }, ['stream:all:1']],
    [{ ...base, singleTransaction: true, jobs: 1 }, ['stream:all:1']],
    [{ ...base, dataOnly: true }, ['stream:all:1']],
    [{ ...base, schemaOnly: true }, ['head:pre-data:1', 'head:post-data:4']],
    [{ ...base, decodedCopy: true }, ['copy:all:4']],
    [{ ...base, format: 'plain' }, ['stream:all:1']],
  ])('%j', (o, steps) => {
    expect(shape(o)).toEqual(steps);
    expect(planRestore(o).why).not.toContain('\n');
  });

  test('temporary disk: the object and the head; the decoded dump only for a copy', () => {
    expect(tempNeed(1000, planRestore(base), 50_000)).toBe(1000 + HEAD_ALLOWANCE);
    expect(tempNeed(1000, planRestore({ ...base, decodedCopy: true }), 50_000)).toBe(51_000 + HEAD_ALLOWANCE);
  });

  test('a section step: clean only in the schema sections, the selection left to --section', () => {
    const flags = { clean: true, noOwner: false, noAcl: false, jobs: 4, singleTransaction: false, schemaOnly: true };
    const t = { flags, dbUrl: 'postgresql://h/db' };
    expect(stepArgs({ source: 'head', section: 'post-data', jobs: 4 }, t, '/t/head.dump')).toEqual([
      '--dbname=postgresql://h/db',
      '--no-password',
      '--exit-on-error',
      '--clean',
      '--if-exists',
      '--jobs=4',
      '--section=post-data',
      '/t/head.dump',
    ]);
    expect(stepArgs({ source: 'stream', section: 'data', jobs: 1 }, t)).toEqual([
      '--dbname=postgresql://h/db',
      '--no-password',
      '--exit-on-error',
      '--section=data',
    ]);
  });
});

describe('jobs auto', () => {
  test('below four cores one pg_restore reads the stream; from four the schema is split from the data', () => {
    const auto = { format: 'custom', singleTransaction: false, decodedCopy: false, autoJobs: true };
    expect(planRestore({ ...auto, jobs: 2 }).steps).toEqual([{ source: 'stream', jobs: 1 }]);
    expect(planRestore({ ...auto, jobs: 2 }).why).toContain('jobs auto, 2 cores');
    expect(planRestore({ ...auto, jobs: 4 }).steps.map((s) => s.source)).toEqual(['head', 'stream', 'head']);
    // asked for, 2 jobs still split
    expect(planRestore({ ...auto, autoJobs: false, jobs: 2 }).steps.map((s) => s.source)).toEqual([
      'head',
      'stream',
      'head',
    ]);
  });
});
