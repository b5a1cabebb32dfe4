// @vitest-environment happy-dom
// The job summary's size chart is parsed by mermaid itself, the library GitHub renders ```mermaid blocks with
// (it needs a DOM for its sanitizer: happy-dom). A chart mermaid refuses shows as an error box in the summary.
import mermaid from 'mermaid';
import { describe, expect, test } from 'vitest';
import { trendChart, trendSection } from '../../src/reporting/trend.js';
import type { TrendPoint } from '../../src/model/results.js';

const day = (d: number, size: number, rawSize: number | null): TrendPoint => ({
  key: `p/db_p_202501${String(d).padStart(2, '0')}_030000.dump.zst`,
  at: `2025-01-${String(d).padStart(2, '0')}T03:0${d % 10}:00.000Z`,
  size,
  rawSize,
});

describe('the size chart is valid mermaid', () => {
  test.each([
    [1, 'MiB with a dump line', [day(1, 10 * 2 ** 20, 40 * 2 ** 20), day(2, 11 * 2 ** 20, 44 * 2 ** 20)]],
    [2, 'GiB, stored only', [day(1, 3 * 2 ** 30, null), day(2, 2 ** 29, 2 ** 31), day(3, 2 ** 31, 2 ** 33)]],
    [3, 'bytes', [day(1, 500, 900), day(2, 0, 0)]],
    [4, 'ten backups', Array.from({ length: 10 }, (_, i) => day(i + 1, (i + 1) * 2 ** 20, (i + 3) * 2 ** 20))],
  ])('%i: %s', async (_n, _label, points) => {
    const chart = trendChart(points);
    const body = chart.replace(/^```mermaid\n|\n```$/g, '');
    await expect(mermaid.parse(body)).resolves.toMatchObject({ diagramType: 'xychart' });
    // and the same block inside the section
    expect(trendSection(points)).toContain(chart);
  });

  test('a broken chart is refused (the check is real)', async () => {
    await expect(mermaid.parse('xychart-beta\n  x-axis ["a", "b"\n  bar [1, 2]')).rejects.toThrow(/Parse error/);
  });
});
