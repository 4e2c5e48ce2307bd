import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { InitiativeDefinition, WaitingOn } from '@cio/contracts';
import { createActivities, type RegisterSnapshot } from '@cio/activities';
import { policyRoles } from '@cio/domain';
import {
  auditTrail,
  createDataSource,
  findAccess,
  findVisible,
  type ReadScope,
  ingestMeasurements,
  listInitiatives,
  MAX_BATCH_SAMPLES,
  recordFeedback,
  recordRefusal,
  RegisterError,
  storePulledSamples,
  workWaitingOn,
} from '@cio/persistence';
import { createTestDatabase, retailerInitiative, type TestDatabase } from '@cio/testing';

// The register's read side and its ingest path, as the gateway uses them, on a real PostgreSQL.
const HOUR = 3_600_000;
const bounds = { maxAgeMs: 400 * 24 * HOUR, maxFutureMs: 5 * 60_000 };

async function refused(promise: Promise<unknown>): Promise<RegisterError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegisterError);
  return error as RegisterError;
}

describe('register queries and measurement ingest', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createActivities>;
  const env = new MockActivityEnvironment();

  const snapshot = (phase: RegisterSnapshot['phase'], cycle: number, waitingOn: WaitingOn[] = []) => ({
    phase,
    phaseSince: new Date().toISOString(),
    cycle,
    waitingOn,
    plan: null,
    baseline: [],
    closed: null,
  });

  async function register(
    definition: InitiativeDefinition,
    phase: RegisterSnapshot['phase'],
    cycle = 1,
    waits: WaitingOn[] = [],
  ) {
    const workflowId = `initiative-${definition.id}`;
    await env.run(activities.registerInitiative, { workflowId, definition, phase: 'Assessing', cycle: 1 });
    await env.run(activities.recordAudit, {
      workflowId,
      initiativeId: definition.id,
      cycle,
      sequence: 1,
      actor: 'system',
      role: null,
      action: 'baseline-recorded' as const,
      details: {},
      occurredAt: new Date().toISOString(),
      phase,
      snapshot: snapshot(phase, cycle, waits),
    });
  }

  const variant = (id: string, patch: Partial<InitiativeDefinition>): InitiativeDefinition => ({
    ...retailerInitiative(id),
    ...patch,
  });

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    activities = createActivities({ dataSource, logger: pino({ level: 'silent' }) });
    const approvalWait = (role: string): WaitingOn => ({
      kind: 'approval',
      who: { role },
      since: new Date().toISOString(),
      dueAt: new Date(Date.now() + 48 * HOUR).toISOString(),
      remindersSent: 0,
      escalatedTo: null,
    });
    await register(retailerInitiative('q-retail'), 'AwaitingApproval', 1, [approvalWait('change-board')]);
    await register(
      variant('q-network', {
        title: 'Fewer network outages',
        service: 'network',
        department: 'it',
        owner: 'ivan',
      }),
      'Implementing',
      2,
      [
        {
          kind: 'task',
          who: { department: 'it' },
          subject: 'switch-firmware',
          since: new Date().toISOString(),
          dueAt: new Date(Date.now() + 24 * HOUR).toISOString(),
          remindersSent: 1,
          escalatedTo: null,
        },
      ],
    );
    await register(
      variant('q-payroll', {
        title: 'Payroll on time',
        service: 'payroll',
        department: 'finance',
        owner: 'fatima',
      }),
      'Sustaining',
      3,
    );
    for (let i = 0; i < 25; i++) {
      await register(
        variant(`q-bulk-${String(i).padStart(2, '0')}`, { title: `Bulk improvement ${i}`, service: 'bulk' }),
        'Planning',
        1,
      );
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  describe('measurement ingest', () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const count = async () =>
      Number(
        (await dataSource.query(`SELECT count(*) AS n FROM measurements WHERE initiative_id = 'q-retail'`))[0]
          .n,
      );

    it('stores a batch in one statement and counts a re-sent sample once by its client key', async () => {
      const samples = Array.from({ length: 500 }, (_, i) => ({
        kpi: 'response_minutes',
        value: 10 + (i % 7),
        observedAt: at(i),
        clientKey: `ticket-${i}`,
      }));
      expect(await ingestMeasurements(dataSource, 'q-retail', samples, bounds)).toEqual({
        received: 500,
        accepted: 500,
        duplicates: 0,
      });
      const resent = [...samples.slice(0, 100), { ...samples[0]!, clientKey: 'ticket-new' }, samples[1]!];
      expect(await ingestMeasurements(dataSource, 'q-retail', resent, bounds)).toEqual({
        received: 102,
        accepted: 1,
        duplicates: 101,
      });
      expect(await count()).toBe(501);
    });

    it.each([
      ['a non-finite value', { value: Number.NaN }, 'samples[1].value'],
      ['an infinite value', { value: Number.POSITIVE_INFINITY }, 'samples[1].value'],
      ['a string value', { value: '12' }, 'samples[1].value'],
      ['a missing value', { value: undefined }, 'samples[1].value'],
      ['an unknown KPI', { kpi: 'cpu_load' }, 'samples[1].kpi'],
      ['a timestamp without offset', { observedAt: '2026-11-24T10:00:00' }, 'samples[1].observedAt'],
      ['a timestamp that is no date', { observedAt: 'yesterday' }, 'samples[1].observedAt'],
      [
        'a timestamp too far in the future',
        { observedAt: new Date(Date.now() + 3_600_000).toISOString() },
        'samples[1].observedAt',
      ],
      ['a timestamp too old', { observedAt: '2020-01-01T00:00:00Z' }, 'samples[1].observedAt'],
      ['an unknown field', { unit: 'minutes' }, 'samples[1]'],
      ['a huge client key', { clientKey: 'k'.repeat(10_000) }, 'samples[1].clientKey'],
    ])('refuses %s naming the field, and stores nothing of the batch', async (_what, patch, field) => {
      const before = await count();
      const good = { kpi: 'response_minutes', value: 11, observedAt: at(1) };
      const error = await refused(
        ingestMeasurements(dataSource, 'q-retail', [good, { ...good, ...patch }], bounds),
      );
      expect(error.code).toBe('INVALID_MEASUREMENTS');
      expect(error.problems[0]?.field).toBe(field);
      expect(await count()).toBe(before);
    });

    it('refuses an empty or oversized batch and an unknown initiative', async () => {
      expect((await refused(ingestMeasurements(dataSource, 'q-retail', [], bounds))).problems[0]?.field).toBe(
        'samples',
      );
      const tooMany = Array.from({ length: MAX_BATCH_SAMPLES + 1 }, () => ({
        kpi: 'response_minutes',
        value: 1,
        observedAt: at(1),
      }));
      expect((await refused(ingestMeasurements(dataSource, 'q-retail', tooMany, bounds))).code).toBe(
        'INVALID_MEASUREMENTS',
      );
      expect((await refused(ingestMeasurements(dataSource, 'q-retail', { samples: [] }, bounds))).code).toBe(
        'INVALID_MEASUREMENTS',
      );
      expect(
        (
          await refused(
            ingestMeasurements(dataSource, 'nope', [{ kpi: 'x', value: 1, observedAt: at(1) }], bounds),
          )
        ).code,
      ).toBe('INITIATIVE_NOT_FOUND');
    });
  });

  describe('the list', () => {
    it('filters by phase, service, owner, department, cycle and text', async () => {
      const ids = async (filter: Parameters<typeof listInitiatives>[2]) =>
        (await listInitiatives(dataSource, 'all', filter)).items.map((i) => i.id);
      expect(await ids({ phase: 'AwaitingApproval' })).toEqual(['q-retail']);
      expect(await ids({ service: 'network' })).toEqual(['q-network']);
      expect(await ids({ owner: 'fatima' })).toEqual(['q-payroll']);
      expect(await ids({ department: 'it' })).toEqual(['q-network']);
      expect(await ids({ cycle: 2 })).toEqual(['q-network']);
      expect((await ids({ cycleAtLeast: 2 })).sort()).toEqual(['q-network', 'q-payroll']);
      expect(await ids({ text: 'OUTAGES' })).toEqual(['q-network']);
      expect(await ids({ text: '100%_' })).toEqual([]); // LIKE wildcards are matched literally
      expect(await ids({ service: 'bulk', phase: 'Planning', limit: 3 })).toHaveLength(3);
    });

    it('pages with a keyset cursor: every initiative once, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listInitiatives(dataSource, 'all', { limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(seen).toHaveLength(28);
      expect(new Set(seen).size).toBe(28);
      expect(pages).toBe(7);
      const all = (await listInitiatives(dataSource, 'all', { limit: 200 })).items;
      expect(all.map((i) => i.id)).toEqual(seen);
      expect(all[0]!.createdAt >= all[27]!.createdAt).toBe(true);
    });

    it('shows a caller only the initiatives of their departments or policy roles', async () => {
      const finance = await listInitiatives(dataSource, { departments: ['finance'], roles: [] });
      expect(finance.items.map((i) => i.id)).toEqual(['q-payroll']);
      const board = await listInitiatives(
        dataSource,
        { departments: [], roles: ['change-board'] },
        { limit: 200 },
      );
      expect(board.items).toHaveLength(28); // every initiative's policy names the change board
      const nobody = await listInitiatives(dataSource, { departments: ['legal'], roles: ['auditor'] });
      expect(nobody.items).toEqual([]);
      expect(
        (await refused(findVisible(dataSource, { departments: ['legal'], roles: [] }, 'q-payroll'))).code,
      ).toBe('INITIATIVE_NOT_FOUND');
    });

    it('reads the access facts behind a command under the same scope: department, policy roles, KPIs and policy', async () => {
      const retail = retailerInitiative('q-retail');
      const byRole = await findAccess(dataSource, { departments: [], roles: ['change-board'] }, 'q-retail');
      expect(byRole).toEqual({
        department: retail.department,
        policyRoles: policyRoles(retail.policy),
        definition: { kpis: retail.kpis, policy: retail.policy },
      });
      // The network initiative waits on the IT department: its people may act on it too.
      expect(
        (await findAccess(dataSource, { departments: ['it'], roles: [], person: 'nobody' }, 'q-network'))
          .department,
      ).toBe('it');
      expect((await findAccess(dataSource, 'all', 'q-payroll')).department).toBe('finance');
      const outsider: ReadScope = { departments: ['legal'], roles: ['auditor'] };
      expect((await refused(findAccess(dataSource, outsider, 'q-payroll'))).code).toBe(
        'INITIATIVE_NOT_FOUND',
      );
      expect((await refused(findAccess(dataSource, 'all', 'q-missing'))).code).toBe('INITIATIVE_NOT_FOUND');
    });

    it('refuses a forged cursor and a bad limit naming the parameter', async () => {
      expect(
        (await refused(listInitiatives(dataSource, 'all', { cursor: 'not-a-cursor' }))).problems[0]?.field,
      ).toBe('cursor');
      expect((await refused(listInitiatives(dataSource, 'all', { limit: 0 }))).problems[0]?.field).toBe(
        'limit',
      );
      expect((await refused(listInitiatives(dataSource, 'all', { limit: 201 }))).problems[0]?.field).toBe(
        'limit',
      );
    });
  });

  it("lists the work waiting on a role, a department or a person, with the caller's waits only", async () => {
    const board = await workWaitingOn(dataSource, {
      roles: ['change-board'],
      departments: [],
      person: 'omar',
    });
    expect(board.map((w) => w.initiative.id)).toEqual(['q-retail']);
    expect(board[0]!.waits).toEqual([
      expect.objectContaining({ kind: 'approval', who: { role: 'change-board' } }),
    ]);
    const it = await workWaitingOn(dataSource, { roles: ['engineer'], departments: ['it'], person: 'ivan' });
    expect(it.map((w) => w.initiative.id)).toEqual(['q-network']);
    expect(it[0]!.waits[0]).toEqual(
      expect.objectContaining({ kind: 'task', subject: 'switch-firmware', remindersSent: 1 }),
    );
    expect(
      await workWaitingOn(dataSource, { roles: ['cio'], departments: ['legal'], person: 'zoe' }),
    ).toEqual([]);
  });

  it('records refused actions and feedback in the trail, in order and once per client key', async () => {
    expect(
      await recordRefusal(dataSource, {
        initiativeId: 'q-retail',
        actor: 'ivan',
        role: 'engineer',
        action: 'approve-plan',
        details: { code: 'ROLE_NOT_IN_POLICY', planVersion: 1 },
        requestId: 'req-1',
      }),
    ).toBe(true);
    expect(
      await recordRefusal(dataSource, {
        initiativeId: 'nope',
        actor: 'x',
        role: null,
        action: 'cancel',
        details: {},
        requestId: null,
      }),
    ).toBe(false);
    const trail = await auditTrail(dataSource, 'q-retail');
    expect(trail.map((e) => [e.action, e.outcome, e.sequence])).toEqual([
      ['baseline-recorded', 'accepted', 1],
      ['approve-plan', 'refused', null],
    ]);
    expect(trail[1]).toEqual(
      expect.objectContaining({ actor: 'ivan', role: 'engineer', requestId: 'req-1' }),
    );

    expect(
      await recordFeedback(dataSource, 'q-retail', 'li', {
        score: 4,
        comment: 'faster now',
        clientKey: 'survey-1',
      }),
    ).toEqual({
      stored: true,
    });
    expect(
      await recordFeedback(dataSource, 'q-retail', 'li', {
        score: 4,
        comment: 'faster now',
        clientKey: 'survey-1',
      }),
    ).toEqual({
      stored: false,
    });
    expect((await refused(recordFeedback(dataSource, 'q-retail', 'li', {}))).problems[0]?.field).toBe(
      'score',
    );
    expect(
      (await refused(recordFeedback(dataSource, 'q-retail', 'li', { score: 'good' }))).problems[0]?.field,
    ).toBe('score');
    expect((await refused(recordFeedback(dataSource, 'nope', 'li', { score: 1 }))).code).toBe(
      'INITIATIVE_NOT_FOUND',
    );
  });

  it('pages the trail in its order, entries written out of that order neither skipped nor repeated', async () => {
    await register(retailerInitiative('q-paged'), 'Assessing', 1, []);
    // Written in the order 3, 1, 4, 2 of when they happened (a retried activity writes late).
    for (const [sequence, minute] of [
      [13, 3],
      [11, 1],
      [14, 4],
      [12, 2],
    ]) {
      await dataSource.query(
        `INSERT INTO audit_entries (initiative_id, workflow_id, cycle, sequence, actor, action, occurred_at)
         VALUES ('q-paged', 'initiative-q-paged', 1, $1, 'system', 'implementation-nudged', $2)`,
        [sequence, new Date(Date.UTC(2026, 0, 1, 9, minute!)).toISOString()],
      );
    }
    const seen: (number | null)[] = [];
    let afterId: string | undefined;
    for (let page = 0; page < 5; page++) {
      const items = await auditTrail(dataSource, 'q-paged', { limit: 2, ...(afterId ? { afterId } : {}) });
      if (items.length === 0) break;
      seen.push(...items.map((e) => e.sequence));
      afterId = items.at(-1)?.id;
    }
    // Then the entry the register wrote at its creation (now).
    expect(seen).toEqual([11, 12, 13, 14, 1]);
  });

  it('feeds every feedback KPI from one score, and keeps one pulled sample per KPI and instant', async () => {
    const base = retailerInitiative('q-sourced');
    const [kpi] = base.kpis;
    await register(
      {
        ...base,
        kpis: [
          { ...kpi!, name: 'satisfaction', source: { kind: 'feedback' } },
          { ...kpi!, name: 'satisfaction_median', aggregate: 'median', source: { kind: 'feedback' } },
          { ...kpi!, name: 'p90', source: { kind: 'threshold', dataSource: 'prom', query: 'q' } },
          {
            ...kpi!,
            name: 'mean',
            aggregate: 'mean',
            source: { kind: 'threshold', dataSource: 'prom', query: 'q' },
          },
        ],
      },
      'Assessing',
    );
    expect(await recordFeedback(dataSource, 'q-sourced', 'li', { score: 4, clientKey: 'survey-9' })).toEqual({
      stored: true,
    });
    // A score off the KPI's scale (0 to 10 when it names none) would skew it: refused, nothing stored.
    const offScale = await refused(recordFeedback(dataSource, 'q-sourced', 'eve', { score: 1e9 }));
    expect(offScale.problems).toEqual([
      { field: 'score', message: "must lie between 0 and 10 (the scale of KPI 'satisfaction')" },
    ]);
    // The same query behind two KPIs: each keeps its own samples; a re-pull stores nothing twice
    // and takes the value the source gives now.
    const at = new Date(Date.now() - 60_000).toISOString();
    for (const name of ['p90', 'mean'])
      expect(
        await storePulledSamples(dataSource, {
          initiativeId: 'q-sourced',
          kpi: name,
          dataSource: 'prom',
          samples: [{ observedAt: at, value: 7 }],
        }),
      ).toBe(1);
    expect(
      await storePulledSamples(dataSource, {
        initiativeId: 'q-sourced',
        kpi: 'p90',
        dataSource: 'prom',
        samples: [{ observedAt: at, value: 7.5 }],
      }),
    ).toBe(0);
    const rows: { kpi: string; value: number; source: string }[] = await dataSource.query(
      `SELECT kpi, value, source FROM measurements WHERE initiative_id = 'q-sourced' ORDER BY kpi`,
    );
    expect(rows).toEqual([
      { kpi: 'mean', value: 7, source: 'prom' },
      { kpi: 'p90', value: 7.5, source: 'prom' },
      { kpi: 'satisfaction', value: 4, source: 'feedback' },
      { kpi: 'satisfaction_median', value: 4, source: 'feedback' },
    ]);
    // A push may not take the register's own keys, nor feed a KPI that has a source.
    const pushed = await refused(
      ingestMeasurements(
        dataSource,
        'q-sourced',
        [{ kpi: 'mean', value: 1, observedAt: at, clientKey: 'pull:mean:x' }],
        { ...bounds, knownKpis: [] },
      ),
    );
    expect(pushed.problems.map((p) => p.field)).toEqual(['samples[0].kpi', 'samples[0].clientKey']);
  });
});
