import { screen, within } from '@testing-library/react';
import { raisePrefillOfFeedback } from '../feedback/feedback-link';
import { ServiceFeedbackPage } from '../feedback/ServiceFeedbackPage';
import { parseRaiseSearch } from '../opportunities/raise-link';
import { stringifySearch } from '../register/filters';
import { fakeFetch, json, renderRoute } from '../test/render';
import { parseScopeSearch } from '../ui/scope-filters';
import { PortfolioPage } from './PortfolioPage';

const portfolio = {
  phases: [
    { phase: 'Planning', count: 2 },
    { phase: 'Closed', count: 1 },
  ],
  overdue: [],
  cycles: [
    { verdict: 'met', count: 3 },
    { verdict: 'not-met', count: 1 },
  ],
  improvements: [
    {
      initiativeId: 'cut-response',
      title: 'Cut response time',
      service: 'chat',
      department: 'customer-service',
      kpi: 'response_minutes',
      direction: 'lower-is-better',
      baseline: 12,
      observed: 6,
      changePercent: -50,
      improvementPercent: 50,
      verdict: 'met',
      recordedAt: '2026-11-24T09:00:00Z',
    },
    {
      initiativeId: 'csat-up',
      title: 'Happier customers',
      service: 'chat',
      department: 'customer-service',
      kpi: 'csat',
      direction: 'higher-is-better',
      baseline: 4,
      observed: 3.8,
      changePercent: -5,
      improvementPercent: -5,
      verdict: 'not-met',
      recordedAt: '2026-11-24T09:00:00Z',
    },
  ],
  benefits: [
    {
      month: '2026-10',
      service: 'chat',
      department: 'customer-service',
      objective: null,
      category: 'time',
      initiatives: 1,
    },
  ],
  closureCodes: [{ code: 'successful', count: 1 }],
};

describe('the portfolio', () => {
  it('asks for its scope, and shows each figure as a table whose bars are decoration', async () => {
    const { requests } = fakeFetch(() => json(portfolio));
    renderRoute({
      path: 'portfolio',
      url: '/portfolio?service=chat',
      component: PortfolioPage,
      validateSearch: parseScopeSearch,
    });
    const phases = await screen.findByRole('table', { name: '3 initiatives' });
    expect(
      within(phases)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['PhaseInitiativesInitiatives', 'Planning2', 'Closed1']);
    expect(Object.fromEntries(new URL(requests[0]!.url).searchParams)).toEqual({ service: 'chat' });
    // Better is positive, whichever way the KPI goes; the best first.
    const improvements = screen.getByRole('table', { name: /signed so that better is positive/ });
    const rows = within(improvements).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Cut response timeresponse_minutes',
      'Happier customerscsat',
    ]);
    expect(rows[0]!.textContent).toContain('+50%');
    expect(rows[1]!.textContent).toContain('-5%');
    expect(improvements.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(2);
    expect(screen.getByRole('img', { name: /Stacked columns/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Customer feedback on chat' }).getAttribute('href')).toBe(
      '/services/chat/feedback',
    );
  });
});

describe('a service’s customer feedback', () => {
  it('links each comment to the raise form, filled in from it', async () => {
    const prefill = raisePrefillOfFeedback('chat', { id: '42', comment: ' The chat took ages ' });
    expect(prefill).toEqual({
      service: 'chat',
      origin: 'customer-feedback',
      reference: 'feedback 42',
      description: 'The chat took ages',
    });
    // What the link carries is what the raise form reads back.
    expect(
      parseRaiseSearch(Object.fromEntries(new URLSearchParams(stringifySearch({ ...prefill })))),
    ).toEqual(prefill);

    fakeFetch(() =>
      json({
        service: 'chat',
        trend: [
          { week: '2026-11-16T00:00:00.000Z', mean: 3.5, count: 4 },
          { week: '2026-11-23T00:00:00.000Z', mean: 2.75, count: 4 },
        ],
        latest: [
          {
            id: '42',
            initiativeId: 'cut-response',
            initiativeTitle: 'Cut response time',
            score: 2,
            comment: '<b>The chat took ages</b>',
            submittedBy: 'bob',
            submittedAt: '2026-11-24T09:00:00Z',
          },
          {
            id: '41',
            initiativeId: 'cut-response',
            initiativeTitle: 'Cut response time',
            score: 4,
            comment: null,
            submittedBy: 'chen',
            submittedAt: '2026-11-23T09:00:00Z',
          },
        ],
      }),
    );
    renderRoute({
      path: 'services/$service/feedback',
      url: '/services/chat/feedback',
      component: ServiceFeedbackPage,
    });
    expect(await screen.findByText('<b>The chat took ages</b>')).toBeTruthy();
    expect(
      screen.getByRole('img', { name: /mean score over 2 weeks: 3.5 at first, 2.75 at last/ }),
    ).toBeTruthy();
    const links = screen.getAllByRole('link', { name: /Raise an opportunity from this/ });
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe(
      '/opportunities/new?service=chat&origin=customer-feedback&reference=feedback+42&description=%3Cb%3EThe+chat+took+ages%3C%2Fb%3E',
    );
  });
});
