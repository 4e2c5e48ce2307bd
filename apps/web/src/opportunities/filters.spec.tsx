import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseSearchString, stringifySearch } from '../register/filters';
import { fakeFetch, json, renderRoute } from '../test/render';
import { BacklogPage } from './BacklogPage';
import { matrixFiltersOf, parseBacklogSearch, withBacklogFilter } from './filters';

const summary = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  title: `Opportunity ${id}`,
  description: 'd',
  service: 'customer-support',
  department: 'customer-service',
  origin: 'idea',
  benefit: { category: 'time', level: 'high', description: 'b' },
  effort: 'M',
  risk: 'low',
  objectives: [],
  status: 'new',
  raisedBy: 'alice',
  supporters: 1,
  comments: 0,
  score: {
    total: 27,
    parts: [
      { factor: 'benefit', input: 'high', weight: 10, points: 30 },
      { factor: 'effort', input: 'M', weight: 6, points: -6 },
      { factor: 'risk', input: 'low', weight: 5, points: 0 },
      { factor: 'support', input: '1', weight: 3, points: 3 },
      { factor: 'objectives', input: '0', weight: 2, points: 0 },
    ],
  },
  duplicateOf: null,
  initiativeId: null,
  watchId: null,
  createdAt: '2026-11-24T09:00:00Z',
  updatedAt: '2026-11-24T09:00:00Z',
  ...overrides,
});

describe("the backlog's filters in the URL", () => {
  it('reads the filters the API takes, and drops what it would refuse', () => {
    expect(
      parseBacklogSearch({
        status: 'all',
        service: ' customer-support ',
        origin: 'customer-feedback',
        benefitCategory: 'time',
        benefitLevel: 'very-high',
        effort: 'XL',
        risk: 'high',
        objective: 'customer-first',
        raisedBy: 'alice',
        q: 'chat',
        sort: 'newest',
        limit: '5',
      }),
    ).toEqual({
      status: 'all',
      service: 'customer-support',
      origin: 'customer-feedback',
      benefitCategory: 'time',
      benefitLevel: 'very-high',
      effort: 'XL',
      risk: 'high',
      objective: 'customer-first',
      raisedBy: 'alice',
      q: 'chat',
      sort: 'newest',
    });
    expect(
      parseBacklogSearch({
        status: 'open',
        effort: 'XXL',
        risk: 'none',
        sort: 'score',
        q: '  ',
        origin: 'rumour',
      }),
    ).toEqual({});
    expect(parseBacklogSearch({ q: 'x'.repeat(250), objective: 'y'.repeat(90) })).toEqual({
      q: 'x'.repeat(200),
      objective: 'y'.repeat(80),
    });
    expect(parseBacklogSearch(parseSearchString('?q=42&effort=S'))).toEqual({ q: '42', effort: 'S' });
  });

  it('sets and clears one filter; the matrix counts across both of its axes', () => {
    const filters = { effort: 'S' as const, benefitLevel: 'high' as const, service: 'x' };
    expect(withBacklogFilter(filters, 'effort', '')).toEqual({ benefitLevel: 'high', service: 'x' });
    expect(withBacklogFilter(filters, 'risk', 'low')).toEqual({ ...filters, risk: 'low' });
    expect(matrixFiltersOf(filters)).toEqual({ service: 'x' });
    expect(stringifySearch({ benefitLevel: 'very-high', effort: 'S' })).toBe(
      '?benefitLevel=very-high&effort=S',
    );
  });

  it('lists by score with the parts, and a matrix cell filters the list through the URL', async () => {
    // The API filters (as the gateway does): the page shows what it answers, as it answers it.
    const { requests } = fakeFetch((request) => {
      const asked = new URL(request.url).searchParams;
      const [effort, level] = [asked.get('effort'), asked.get('benefitLevel')];
      // The matrix's counts, as the gateway counts them over the same filters.
      if (new URL(request.url).pathname === '/opportunities/matrix') {
        return json({
          cells: [
            { benefitLevel: 'very-high', effort: 'S', count: 1 },
            { benefitLevel: 'high', effort: 'M', count: 1 },
            { benefitLevel: 'low', effort: 'M', count: 1 },
          ],
        });
      }
      const items = [
        summary('o-quick', {
          title: 'Quick one',
          effort: 'S',
          benefit: { category: 'time', level: 'very-high', description: 'b' },
        }),
        summary('o-mid'),
        summary('o-low', { benefit: { category: 'cost', level: 'low', description: 'c' } }),
      ];
      return json({
        items: items.filter(
          (item) => (!effort || item.effort === effort) && (!level || item.benefit.level === level),
        ),
        nextCursor: null,
      });
    });
    const { router } = renderRoute({
      path: 'opportunities',
      url: '/opportunities?service=customer-support',
      component: BacklogPage,
      validateSearch: parseBacklogSearch,
    });
    expect(await screen.findByRole('link', { name: 'Opportunity o-mid' })).toBeTruthy();
    const asked = new URL(requests.find((r) => new URL(r.url).pathname === '/opportunities')!.url);
    expect(Object.fromEntries(asked.searchParams)).toEqual({ service: 'customer-support', limit: '100' });
    // Why it ranks there, inline: each part with its points.
    const row = screen.getByRole('link', { name: 'Opportunity o-mid' }).closest('tr')!;
    for (const part of ['Benefit High +30', 'Effort Medium (M) -6', 'Risk Low 0', 'Support 1 supporter +3'])
      expect(row.textContent).toContain(part);

    const cell = screen.getByRole('link', {
      name: '1 opportunity of Very high benefit and Small (S) effort',
    });
    expect(
      screen.getByRole('table', { name: /Value versus effort|Opportunities by expected benefit/ }),
    ).toBeTruthy();
    await userEvent.click(cell);
    await waitFor(() =>
      expect(router.state.location.href).toBe(
        '/opportunities?service=customer-support&benefitLevel=very-high&effort=S',
      ),
    );
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Opportunity o-mid' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Quick one' })).toBeTruthy();
    // The cell is one query: both of its axes are the API's filters.
    const cellQuery = requests.map((r) => new URL(r.url).searchParams).find((q) => q.has('benefitLevel'));
    const matrixQuery = requests.find((r) => new URL(r.url).pathname === '/opportunities/matrix');
    expect(Object.fromEntries(new URL(matrixQuery!.url).searchParams)).toEqual({
      service: 'customer-support',
    });
    expect(Object.fromEntries(cellQuery!)).toEqual({
      service: 'customer-support',
      benefitLevel: 'very-high',
      effort: 'S',
      limit: '100',
    });
    // The matrix still counts across both axes, and its cell is marked as the one shown.
    expect(
      screen
        .getByRole('link', { name: '1 opportunity of Very high benefit and Small (S) effort' })
        .getAttribute('aria-current'),
    ).toBe('page');
    expect(
      screen.getByRole('link', { name: '1 opportunity of High benefit and Medium (M) effort' }),
    ).toBeTruthy();
  });
});
