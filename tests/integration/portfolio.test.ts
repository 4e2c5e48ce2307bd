import type { DataSource } from 'typeorm';
import type { InitiativeDefinition, WaitingOn } from '@cio/contracts';
import { DEFAULT_PRIORITY_WEIGHTS } from '@cio/domain';
import {
  createDataSource,
  linkPromotedInitiative,
  portfolio,
  raiseOpportunity,
  recordFeedback,
  registerInitiative,
  serviceFeedback,
} from '@cio/persistence';
import { createTestDatabase, retailerInitiative, type TestDatabase } from '@cio/testing';

// The portfolio and the feedback per service, read from a real register: the figures a reader of
// the portfolio page checks, each over what the caller may see.
const DAY = 86_400_000;
const now = new Date('2026-11-30T12:00:00Z');
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();

describe('portfolio', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  const initiative = async (
    id: string,
    patch: Partial<InitiativeDefinition>,
    row: { phase: string; closedOutcome?: string; waits?: WaitingOn[]; nextDueAt?: string },
  ) => {
    const definition = { ...retailerInitiative(id), ...patch };
    await registerInitiative(dataSource, {
      workflowId: `initiative-${id}`,
      definition,
      phase: 'Assessing',
      cycle: 1,
    });
    await dataSource.query(
      `UPDATE initiatives SET phase = $2, closed_outcome = $3, waiting_on = $4, next_due_at = $5 WHERE id = $1`,
      [id, row.phase, row.closedOutcome ?? null, JSON.stringify(row.waits ?? []), row.nextDueAt ?? null],
    );
  };
  const evaluation = async (
    id: string,
    cycle: number,
    kpi: string,
    verdict: string,
    figures: { baseline: number; observed: number; daysAgo: number },
  ) => {
    await dataSource.query(
      `INSERT INTO evaluations (initiative_id, cycle, kind, kpi, aggregate, baseline, target, observed, samples, verdict,
                                window_from, window_to, change_percent, recorded_at)
       VALUES ($1, $2, 'evaluation', $3, 'mean', $4, 0, $5, 100, $6, $7, $7, $8, $7)`,
      [
        id,
        cycle,
        kpi,
        figures.baseline,
        figures.observed,
        verdict,
        at(figures.daysAgo),
        ((figures.observed - figures.baseline) / figures.baseline) * 100,
      ],
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    const kpis = retailerInitiative('x').kpis;
    const [lowerIsBetter] = kpis.filter((k) => k.direction === 'lower-is-better');
    const kpi = lowerIsBetter?.name ?? 'response_minutes';
    await initiative('p-chat', { service: 'chat' }, { phase: 'Sustaining' });
    await evaluation('p-chat', 1, kpi, 'not-met', { baseline: 100, observed: 90, daysAgo: 60 });
    await evaluation('p-chat', 2, kpi, 'met', { baseline: 100, observed: 60, daysAgo: 20 });
    await initiative(
      'p-late',
      { service: 'chat' },
      {
        phase: 'AwaitingApproval',
        nextDueAt: at(2),
        waits: [
          {
            kind: 'approval',
            who: { role: 'cs-lead' },
            since: at(5),
            dueAt: at(2),
            remindersSent: 1,
            escalatedTo: null,
          },
          {
            kind: 'approval',
            who: { role: 'change-board' },
            since: at(5),
            dueAt: at(-2),
            remindersSent: 0,
            escalatedTo: null,
          },
        ],
      },
    );
    await initiative('p-gone', { service: 'mail' }, { phase: 'Closed', closedOutcome: 'cancelled' });
    await initiative('p-it', { service: 'network', department: 'it' }, { phase: 'Implementing' });
    await raiseOpportunity(
      dataSource,
      {
        id: 'o-chat',
        title: 'Chat too slow',
        description: 'd',
        service: 'chat',
        department: 'customer-service',
        origin: 'idea',
        benefit: { category: 'time', level: 'high', description: 'b' },
        effort: 'M',
        risk: 'low',
        objectives: ['customer-first', 'efficiency'],
        raisedBy: 'alice',
      },
      DEFAULT_PRIORITY_WEIGHTS,
      { actor: 'alice', role: null, requestId: null },
    );
    await linkPromotedInitiative(dataSource, { opportunityId: 'o-chat', initiativeId: 'p-chat' });
    await recordFeedback(dataSource, 'p-chat', 'chen', { score: 5, clientKey: 'c' });
    await recordFeedback(dataSource, 'p-chat', 'alice', { score: 4, comment: 'Better', clientKey: 'a' });
    await recordFeedback(dataSource, 'p-chat', 'bob', { score: 2, comment: 'Still waiting', clientKey: 'b' });
    await dataSource.query(
      `UPDATE feedback SET submitted_at = CASE submitted_by WHEN 'chen' THEN $1::timestamptz ELSE $2::timestamptz END`,
      [at(9), at(1)],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const maria = { departments: ['customer-service'], roles: ['agent'], person: 'maria' };

  it('counts phases, cycles met and closure codes over what the caller may see', async () => {
    const mine = await portfolio(dataSource, maria, {}, now);
    expect(mine.phases).toEqual([
      { phase: 'AwaitingApproval', count: 1 },
      { phase: 'Sustaining', count: 1 },
      { phase: 'Closed', count: 1 },
    ]);
    expect(mine.cycles.sort((a, b) => a.verdict.localeCompare(b.verdict))).toEqual([
      { verdict: 'met', count: 1 },
      { verdict: 'not-met', count: 1 },
    ]);
    expect(mine.closureCodes).toEqual([{ code: 'withdrawn', count: 1 }]);
    const all = await portfolio(dataSource, 'all', {}, now);
    expect(all.phases.map((p) => p.phase)).toContain('Implementing');
    const chat = await portfolio(dataSource, 'all', { service: 'chat' }, now);
    expect(chat.phases.reduce((n, p) => n + p.count, 0)).toBe(2);
  });

  it('lists only the waits past their deadline, and the improvement signed so better is positive', async () => {
    const mine = await portfolio(dataSource, maria, {}, now);
    expect(mine.overdue).toEqual([
      expect.objectContaining({
        initiativeId: 'p-late',
        wait: expect.objectContaining({ who: { role: 'cs-lead' } }),
      }),
    ]);
    expect(mine.improvements).toEqual([
      expect.objectContaining({
        initiativeId: 'p-chat',
        baseline: 100,
        observed: 60,
        changePercent: -40,
        improvementPercent: 40,
        verdict: 'met',
      }),
    ]);
  });

  it('counts benefits by the month targets were first met, per objective of the opportunity', async () => {
    const { benefits } = await portfolio(dataSource, maria, {}, now);
    expect(benefits).toEqual([
      {
        month: '2026-11',
        service: 'chat',
        department: 'customer-service',
        objective: 'customer-first',
        category: 'time',
        initiatives: 1,
      },
      {
        month: '2026-11',
        service: 'chat',
        department: 'customer-service',
        objective: 'efficiency',
        category: 'time',
        initiatives: 1,
      },
    ]);
  });

  it('gives a service’s weekly feedback trend and its latest comments, newest first', async () => {
    const feedback = await serviceFeedback(dataSource, maria, { service: 'chat', weeks: 4, latest: 2 }, now);
    expect(feedback.latest.map((f) => [f.submittedBy, f.comment])).toEqual([
      ['bob', 'Still waiting'],
      ['alice', 'Better'],
    ]);
    expect(feedback.trend.reduce((n, w) => n + w.count, 0)).toBe(3);
    const outsider = await serviceFeedback(
      dataSource,
      { departments: ['it'], roles: [], person: 'ivan' },
      {
        service: 'chat',
        weeks: 4,
        latest: 20,
      },
      now,
    );
    expect(outsider).toEqual({ service: 'chat', trend: [], latest: [] });
  });
});
