import { benefitSeries, MAX_GROUPS, monthsBetween, OTHER } from './benefits';

const row = (month: string, service: string, objective: string | null, initiatives = 1) => ({
  month,
  service,
  department: 'customer-service',
  objective,
  category: 'time',
  initiatives,
});

describe('the benefits over time', () => {
  it('has every month from the first to the last, across a year', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
  });

  it('stacks the initiatives by month and group, the largest group first', () => {
    const series = benefitSeries(
      [
        row('2026-09', 'chat', 'customer-first'),
        row('2026-11', 'chat', 'digital', 2),
        row('2026-11', 'vpn', null),
      ],
      'service',
    );
    expect(series.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(series.groups).toEqual([
      { key: 'chat', counts: [1, 0, 2], total: 3 },
      { key: 'vpn', counts: [0, 0, 1], total: 1 },
    ]);
    expect(series.max).toBe(3);
    // By objective, a row that names none goes to the group of the rest, shown last.
    expect(
      benefitSeries([row('2026-11', 'vpn', null, 4), row('2026-11', 'chat', 'digital')], 'objective').groups,
    ).toEqual([
      { key: 'digital', counts: [1], total: 1 },
      { key: OTHER, counts: [4], total: 4 },
    ]);
    expect(benefitSeries([], 'service')).toEqual({ months: [], groups: [], max: 0 });
  });

  it(`shows at most ${MAX_GROUPS} groups and the rest as one`, () => {
    const rows = Array.from({ length: 9 }, (_, i) => row('2026-11', `svc-${i}`, null, 10 - i));
    const { groups } = benefitSeries(rows, 'service');
    expect(groups.map((g) => g.key)).toEqual(['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', OTHER]);
    expect(groups.at(-1)).toEqual({ key: OTHER, counts: [4 + 3 + 2], total: 9 });
  });
});
