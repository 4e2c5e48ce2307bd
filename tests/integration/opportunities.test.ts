import type { DataSource } from 'typeorm';
import type { OpportunityInput, ServiceWatchDefinition, WatchEvidence } from '@cio/contracts';
import { DEFAULT_PRIORITY_WEIGHTS, priorityScore } from '@cio/domain';
import {
  claimPromotion,
  commentOnOpportunity,
  createDataSource,
  getOpportunity,
  listOpportunities,
  raiseOpportunity,
  RegisterError,
  releasePromotion,
  rescoreOpportunities,
  createWatch,
  recordWatchCheck,
  supportOpportunity,
  triageOpportunity,
} from '@cio/persistence';
import { createTestDatabase, type TestDatabase } from '@cio/testing';

// The opportunities' register on a real PostgreSQL: support counted once under concurrency, one
// initiative per opportunity, a released claim, and rescoring when the weights change.
describe('opportunities in the register', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const who = { actor: 'test', role: null, requestId: null };
  const input = (overrides: Partial<OpportunityInput> = {}): OpportunityInput => ({
    title: 'Chat too slow',
    description: 'd',
    service: 'chat',
    department: 'customer-service',
    origin: 'idea',
    benefit: { category: 'time', level: 'medium', description: 'b' },
    effort: 'M',
    risk: 'low',
    objectives: [],
    ...overrides,
  });
  const raise = (id: string, overrides: Partial<OpportunityInput> & { watchId?: string } = {}) =>
    raiseOpportunity(
      dataSource,
      { ...input(overrides), id, raisedBy: 'alice', ...overrides },
      DEFAULT_PRIORITY_WEIGHTS,
      who,
    );

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource({ ...db.options, poolSize: 20 });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('counts 30 people supporting at once as 30, and the same person twice as one', async () => {
    await raise('o-crowd');
    const people = Array.from({ length: 30 }, (_, i) => `person-${i}`);
    const results = await Promise.all(
      [...people, ...people].map((person) =>
        supportOpportunity(
          dataSource,
          { id: 'o-crowd', person, comment: null },
          DEFAULT_PRIORITY_WEIGHTS,
          who,
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(30);
    const detail = await getOpportunity(dataSource, 'o-crowd', DEFAULT_PRIORITY_WEIGHTS, 'all');
    expect(detail.supporters).toBe(30);
    expect(detail.supportedBy).toHaveLength(30);
    expect(detail.score.parts.find((p) => p.factor === 'support')?.points).toBeCloseTo(3 * Math.log2(31), 2);
  });

  it('claims an opportunity for one initiative: a retry for the same one passes, another is refused', async () => {
    await raise('o-claim');
    const concurrent = await Promise.allSettled(
      ['i-one', 'i-two', 'i-three'].map((initiativeId) =>
        claimPromotion(dataSource, { id: 'o-claim', initiativeId }, who),
      ),
    );
    const won = concurrent.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of concurrent.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(lost.reason).toBeInstanceOf(RegisterError);
      expect((lost.reason as RegisterError).code).toBe('OPPORTUNITY_ALREADY_PROMOTED');
    }
    const { initiativeId } = await getOpportunity(dataSource, 'o-claim', DEFAULT_PRIORITY_WEIGHTS, 'all');
    expect(
      await claimPromotion(dataSource, { id: 'o-claim', initiativeId: initiativeId ?? '' }, who),
    ).toEqual({
      kind: 'retry',
    });
  });

  it('gives a released claim back as it was, or as a duplicate when its watch raised another meanwhile', async () => {
    await raise('o-release');
    await claimPromotion(dataSource, { id: 'o-release', initiativeId: 'i-release' }, who);
    await releasePromotion(dataSource, { id: 'o-release', initiativeId: 'i-release' });
    expect(await getOpportunity(dataSource, 'o-release', DEFAULT_PRIORITY_WEIGHTS, 'all')).toMatchObject({
      status: 'new',
      initiativeId: null,
      events: [
        { action: 'raise-opportunity' },
        { action: 'promote-opportunity' },
        { action: 'promotion-released' },
      ],
    });

    await dataSource.query(
      `INSERT INTO service_watches (id, title, service, department, definition, created_by) VALUES ('w', 't', 'chat', 'customer-service', '{}', 'maria')`,
    );
    await raise('o-watch-1', { watchId: 'w' });
    await claimPromotion(dataSource, { id: 'o-watch-1', initiativeId: 'i-watch' }, who);
    await raise('o-watch-2', { watchId: 'w' });
    await releasePromotion(dataSource, { id: 'o-watch-1', initiativeId: 'i-watch' });
    expect(await getOpportunity(dataSource, 'o-watch-1', DEFAULT_PRIORITY_WEIGHTS, 'all')).toMatchObject({
      status: 'duplicate',
      duplicateOf: 'o-watch-2',
    });
  });

  it('filters the backlog by a strategic objective, still by score', async () => {
    await raise('o-obj-low', { service: 'objectives', objectives: ['digital-first'] });
    await raise('o-obj-high', {
      service: 'objectives',
      objectives: ['digital-first', 'cost-down'],
      benefit: { category: 'cost', level: 'very-high', description: 'x' },
    });
    await raise('o-obj-none', { service: 'objectives' });
    const page = await listOpportunities(
      dataSource,
      { objective: 'digital-first' },
      DEFAULT_PRIORITY_WEIGHTS,
    );
    expect(page.items.map((o) => o.id)).toEqual(['o-obj-high', 'o-obj-low']);
    const none = await listOpportunities(
      dataSource,
      { objective: 'nobody-serves-this' },
      DEFAULT_PRIORITY_WEIGHTS,
    );
    expect(none).toEqual({ items: [], nextCursor: null });
  });

  it('raises one opportunity per streak of breaches: a declined one is not raised again until the KPI recovers', async () => {
    const watch: ServiceWatchDefinition = {
      id: 'streak',
      title: 'Chat speed',
      service: 'chat',
      department: 'customer-service',
      kpi: {
        name: 'first_response_minutes',
        unit: 'minutes',
        direction: 'lower-is-better',
        aggregate: 'median',
      },
      rule: { kind: 'threshold', value: 5 },
      recentPeriodMs: 3_600_000,
      baselinePeriodMs: 0,
      minSamples: 2,
      consecutiveChecks: 2,
      checkIntervalMs: 3_600_000,
    };
    await createWatch(dataSource, watch, 'maria');
    const evidence = (outcome: 'breach' | 'within'): WatchEvidence => ({
      outcome,
      recent: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T01:00:00.000Z', value: 9, samples: 10 },
      reason: outcome,
    });
    const check = (hour: number, outcome: 'breach' | 'within') =>
      recordWatchCheck(
        dataSource,
        {
          watchId: 'streak',
          checkedAt: new Date(Date.UTC(2026, 10, 1, hour)).toISOString(),
          evidence: evidence(outcome),
        },
        DEFAULT_PRIORITY_WEIGHTS,
      );
    expect((await check(1, 'breach')).act).toBe('none');
    const raised = await check(2, 'breach');
    expect(raised).toMatchObject({ act: 'raise', opportunityId: 'o-watch-streak-1' });
    await triageOpportunity(
      dataSource,
      { id: 'o-watch-streak-1', decision: 'decline', reason: 'known, accepted risk', duplicateOf: null },
      { actor: 'maria', role: 'improvement-manager', requestId: null },
    );
    expect((await check(3, 'breach')).act).toBe('none');
    expect((await check(4, 'breach')).act).toBe('none');
    expect((await check(5, 'within')).act).toBe('none');
    expect((await check(6, 'breach')).act).toBe('none');
    expect(await check(7, 'breach')).toMatchObject({ act: 'raise', opportunityId: 'o-watch-streak-2' });
    const ids: { id: string; status: string }[] = await dataSource.query(
      `SELECT id, status FROM opportunities WHERE watch_id = 'streak' ORDER BY id`,
    );
    expect(ids).toEqual([
      { id: 'o-watch-streak-1', status: 'declined' },
      { id: 'o-watch-streak-2', status: 'new' },
    ]);
  });

  it('refuses support for an opportunity that is no longer open', async () => {
    await raise('o-closed-support');
    await triageOpportunity(
      dataSource,
      { id: 'o-closed-support', decision: 'decline', reason: 'no', duplicateOf: null },
      { actor: 'maria', role: null, requestId: null },
    );
    const refused = await supportOpportunity(
      dataSource,
      { id: 'o-closed-support', person: 'bob', comment: null },
      DEFAULT_PRIORITY_WEIGHTS,
      who,
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'OPPORTUNITY_NOT_OPEN' });
  });

  it('writes a comment once for a request retried with the same key', async () => {
    await raise('o-commented');
    const write = (requestKey: string | null) =>
      commentOnOpportunity(
        dataSource,
        { id: 'o-commented', author: 'bob', body: 'Same here', requestKey },
        who,
      );
    const first = await write('key-1');
    expect(await write('key-1')).toEqual(first);
    await write(null);
    await write(null);
    const detail = await getOpportunity(dataSource, 'o-commented', DEFAULT_PRIORITY_WEIGHTS, 'all');
    expect([detail.comments, detail.commentList.length]).toEqual([3, 3]);
  });

  it('rescores every opportunity when the weights change, and the backlog follows', async () => {
    await raise('o-risky', {
      service: 'rescore',
      risk: 'high',
      benefit: { category: 'cost', level: 'very-high', description: 'x' },
    });
    await raise('o-safe', {
      service: 'rescore',
      risk: 'low',
      benefit: { category: 'cost', level: 'high', description: 'x' },
    });
    const before = await listOpportunities(dataSource, { service: 'rescore' }, DEFAULT_PRIORITY_WEIGHTS);
    expect(before.items.map((o) => o.id)).toEqual(['o-risky', 'o-safe']);
    const riskAverse = { ...DEFAULT_PRIORITY_WEIGHTS, risk: 20 };
    expect(await rescoreOpportunities(dataSource, riskAverse)).toBeGreaterThanOrEqual(2);
    expect(await rescoreOpportunities(dataSource, riskAverse)).toBe(0);
    const after = await listOpportunities(dataSource, { service: 'rescore' }, riskAverse);
    expect(after.items.map((o) => o.id)).toEqual(['o-safe', 'o-risky']);
    expect(after.items[1]?.score).toEqual(
      priorityScore(
        { benefit: { level: 'very-high' }, effort: 'M', risk: 'high', objectives: [], supporters: 0 },
        riskAverse,
      ),
    );
  });
});
