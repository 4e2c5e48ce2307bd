import { quadrantOf, valueEffortMatrix } from './matrix';

const item = (id: string, level: string, effort: string, total: number) =>
  ({
    id,
    title: id,
    benefit: { category: 'time', level, description: '' },
    effort,
    score: { total, parts: [] },
  }) as never;

describe('the value-versus-effort matrix', () => {
  it('buckets by benefit level (highest row first) and effort (smallest column first), 4 × 4', () => {
    // The gateway counts every opportunity (more than are loaded); the titles are of those loaded.
    const counts = [
      { benefitLevel: 'very-high' as const, effort: 'M' as const, count: 1 },
      { benefitLevel: 'high' as const, effort: 'S' as const, count: 12 },
      { benefitLevel: 'low' as const, effort: 'XL' as const, count: 1 },
    ];
    const rows = valueEffortMatrix(
      [
        item('a', 'high', 'S', 20),
        item('b', 'high', 'S', 35),
        item('c', 'low', 'XL', 1),
        item('d', 'very-high', 'M', 40),
        item('e', 'high', 'S', 25),
        item('f', 'high', 'S', 10),
      ],
      counts,
    );
    expect(rows.map((row) => row.level)).toEqual(['very-high', 'high', 'medium', 'low']);
    expect(rows.every((row) => row.cells.map((cell) => cell.effort).join() === 'S,M,L,XL')).toBe(true);
    expect(rows.map((row) => row.cells.map((cell) => cell.count))).toEqual([
      [0, 1, 0, 0],
      [12, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
    // The best-scored first, at most three.
    expect(rows[1]!.cells[0]!.top.map((t) => t.id)).toEqual(['b', 'e', 'a']);
    expect(valueEffortMatrix([], []).flatMap((row) => row.cells)).toHaveLength(16);
  });

  it('names the quadrants: much for little is a quick win', () => {
    expect(quadrantOf('very-high', 'S')).toBe('quick-win');
    expect(quadrantOf('high', 'M')).toBe('quick-win');
    expect(quadrantOf('high', 'L')).toBe('major-project');
    expect(quadrantOf('medium', 'M')).toBe('fill-in');
    expect(quadrantOf('low', 'XL')).toBe('time-sink');
  });
});
