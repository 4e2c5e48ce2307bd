import { randomUUID } from 'node:crypto';
import { eventually } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// Bad input on every endpoint: a 4xx whose body names the field, never a 500, and nothing written.
describe('gateway bad input', () => {
  let gw: GatewayHarness;
  let maria: string;
  const id = `bad-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    gw = await startGatewayHarness('gateway-bad-input');
    maria = await gw.token({ ...people.maria, roles: ['improvement-manager', 'cs-lead'] });
    const created = await gw.call('POST', '/initiatives', { token: maria, body: retailerBody(id) });
    expect(created.status).toBe(201);
    // The workflow registers the initiative and audits its creation right after the start.
    await eventually(async () => {
      const [row] = await gw.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE initiative_id = $1`,
        [id],
      );
      expect(row.n).toBe(1);
    });
  });
  afterAll(() => gw?.stop());

  const written = async () =>
    (
      await gw.dataSource.query(
        `SELECT (SELECT count(*) FROM audit_entries) + (SELECT count(*) FROM measurements) + (SELECT count(*) FROM feedback)
              + (SELECT count(*) FROM initiatives) + (SELECT count(*) FROM idempotency_keys) AS n`,
      )
    )[0].n;

  const plan = { measures: [{ title: 'a tool', kind: 'tool', department: 'it' }] };
  const sample = { kpi: 'response_minutes', value: 10, observedAt: '2026-11-24T09:00:00Z' };
  const valid = retailerBody('valid-one');
  const huge = 'x'.repeat(100_000);

  // [what, method, path, body (object or raw JSON text), expected status, field named]
  const cases: [string, string, string, unknown, number, string][] = [
    ['create: missing title', 'POST', '/initiatives', { ...valid, title: undefined }, 400, 'title'],
    ['create: unknown field', 'POST', '/initiatives', { ...valid, colour: 'red' }, 400, 'colour'],
    ['create: kpis not an array', 'POST', '/initiatives', { ...valid, kpis: 'fast' }, 400, 'kpis'],
    ['create: huge title', 'POST', '/initiatives', { ...valid, title: huge }, 400, 'title'],
    ['create: bad id', 'POST', '/initiatives', { ...valid, id: 'Not An Id!' }, 400, 'id'],
    [
      'create: Infinity in a target',
      'POST',
      '/initiatives',
      JSON.stringify(valid).replace('"value":5', '"value":1e999'),
      400,
      'kpis[0].target.value',
    ],
    [
      'create: negative window',
      'POST',
      '/initiatives',
      { ...valid, policy: { ...valid.policy, evaluationWindowMs: -1 } },
      400,
      'policy.evaluationWindowMs',
    ],
    [
      'create: quorum above the roles',
      'POST',
      '/initiatives',
      {
        ...valid,
        policy: { ...valid.policy, approval: { ...valid.policy.approval, mode: 'quorum', quorum: 5 } },
      },
      422,
      'policy.approval.quorum',
    ],
    ['create: not JSON', 'POST', '/initiatives', '{"title": ', 400, ''],
    ['plan: no measures', 'POST', `/initiatives/${id}/plans`, { measures: [] }, 400, 'measures'],
    [
      'plan: invalid due date',
      'POST',
      `/initiatives/${id}/plans`,
      { ...plan, trainees: [{ person: 'a', department: 'b', dueAt: 'tomorrow' }] },
      400,
      'trainees[0].dueAt',
    ],
    [
      'plan: a UTC offset PostgreSQL cannot store',
      'POST',
      `/initiatives/${id}/plans`,
      { ...plan, trainees: [{ person: 'a', department: 'b', dueAt: '2026-12-15T17:00:00+16:00' }] },
      400,
      'trainees[0].dueAt',
    ],
    ['plan: wrong-typed task', 'POST', `/initiatives/${id}/plans`, { ...plan, tasks: [42] }, 400, 'tasks[0]'],
    ['approve: version not a number', 'POST', `/initiatives/${id}/plans/abc/approvals`, {}, 400, 'version'],
    ['approve: unknown field', 'POST', `/initiatives/${id}/plans/1/approvals`, { vote: 'yes' }, 400, 'vote'],
    ['approve: bad id', 'POST', `/initiatives/NOPE!/plans/1/approvals`, {}, 400, 'id'],
    ['reject: no reason', 'POST', `/initiatives/${id}/plans/1/rejections`, {}, 400, 'reason'],
    ['reject: huge reason', 'POST', `/initiatives/${id}/plans/1/rejections`, { reason: huge }, 400, 'reason'],
    ['task: bad task id', 'POST', `/initiatives/${id}/tasks/NOT_A_TASK/completion`, {}, 400, 'taskId'],
    [
      'training: body not empty',
      'POST',
      `/initiatives/${id}/trainings/alice/completion`,
      { done: true },
      400,
      'done',
    ],
    ['measurements: no samples', 'POST', `/initiatives/${id}/measurements`, { samples: [] }, 400, 'samples'],
    [
      'measurements: value a string',
      'POST',
      `/initiatives/${id}/measurements`,
      { samples: [{ ...sample, value: '10' }] },
      400,
      'samples[0].value',
    ],
    [
      'measurements: value Infinity',
      'POST',
      `/initiatives/${id}/measurements`,
      `{"samples":[{"kpi":"response_minutes","value":1e999,"observedAt":"2026-11-24T09:00:00Z"}]}`,
      400,
      'samples[0].value',
    ],
    [
      'measurements: invalid date',
      'POST',
      `/initiatives/${id}/measurements`,
      { samples: [{ ...sample, observedAt: '2026-13-45' }] },
      400,
      'samples[0].observedAt',
    ],
    [
      'measurements: unknown KPI',
      'POST',
      `/initiatives/${id}/measurements`,
      { samples: [{ ...sample, kpi: 'cpu' }] },
      422,
      'samples[0].kpi',
    ],
    [
      'measurements: too old',
      'POST',
      `/initiatives/${id}/measurements`,
      { samples: [{ ...sample, observedAt: '2001-01-01T00:00:00Z' }] },
      422,
      'samples[0].observedAt',
    ],
    ['feedback: score a string', 'POST', `/initiatives/${id}/feedback`, { score: 'good' }, 400, 'score'],
    // PostgreSQL stores neither NUL nor half a surrogate pair (found by tests/fuzz).
    [
      'feedback: NUL in the comment',
      'POST',
      `/initiatives/${id}/feedback`,
      { comment: 'ok\u0000' },
      400,
      'comment',
    ],
    [
      'measurements: unpaired surrogate',
      'POST',
      `/initiatives/${id}/measurements`,
      { samples: [{ ...sample, source: 'probe\ud800' }] },
      400,
      'samples[0].source',
    ],
    ['list: NUL in the text search', 'GET', '/initiatives?q=a%00b', undefined, 400, 'q'],
    ['feedback: nothing given', 'POST', `/initiatives/${id}/feedback`, {}, 422, 'score'],
    ['pause: no reason', 'POST', `/initiatives/${id}/pause`, {}, 400, 'reason'],
    ['cancel: reason a number', 'POST', `/initiatives/${id}/cancel`, { reason: 7 }, 400, 'reason'],
    [
      'extend: zero cycles',
      'POST',
      `/initiatives/${id}/cycle-limit-extensions`,
      { additionalCycles: 0 },
      400,
      'additionalCycles',
    ],
    [
      'extend: fractional cycles',
      'POST',
      `/initiatives/${id}/cycle-limit-extensions`,
      { additionalCycles: 1.5 },
      400,
      'additionalCycles',
    ],
    ['list: limit 0', 'GET', '/initiatives?limit=0', undefined, 400, 'limit'],
    ['list: unknown phase', 'GET', '/initiatives?phase=Dreaming', undefined, 400, 'phase'],
    ['list: unknown parameter', 'GET', '/initiatives?colour=red', undefined, 400, 'colour'],
    ['list: forged cursor', 'GET', '/initiatives?cursor=abc', undefined, 400, 'cursor'],
    ['audit: bad afterId', 'GET', `/initiatives/${id}/audit?afterId=x`, undefined, 400, 'afterId'],
    ['work: limit too large', 'GET', '/me/work?limit=100000', undefined, 400, 'limit'],
    ['series: unknown KPI', 'GET', `/initiatives/${id}/kpis/nope/series`, undefined, 404, 'kpi'],
    ['series: a KPI name that is none', 'GET', `/initiatives/${id}/kpis/NOPE!/series`, undefined, 400, 'kpi'],
    [
      'series: from after to',
      'GET',
      `/initiatives/${id}/kpis/response_minutes/series?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      undefined,
      400,
      'from',
    ],
    [
      'series: too many points',
      'GET',
      `/initiatives/${id}/kpis/response_minutes/series?points=5000`,
      undefined,
      400,
      'points',
    ],
    [
      'idempotency key with spaces',
      'POST',
      `/initiatives/${id}/pause`,
      { reason: 'x' },
      400,
      'Idempotency-Key',
    ],
  ];

  it.each(cases)('%s: 4xx naming the field', async (what, method, path, body, status, field) => {
    const before = await written();
    const headers: Record<string, string> = what.startsWith('idempotency')
      ? { 'idempotency-key': 'has spaces in it' }
      : {};
    const response = await gw.call(method, path, {
      token: maria,
      headers,
      ...(typeof body === 'string' ? { rawBody: body } : body === undefined ? {} : { body }),
    });
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      code: expect.any(String),
      message: expect.any(String),
      details: expect.any(Array),
      requestId: expect.any(String),
    });
    const named = [
      response.body.message,
      ...response.body.details.map(
        (d: { field?: string; message: string }) => `${d.field ?? ''} ${d.message}`,
      ),
    ].join('\n');
    expect(named).toContain(field);
    expect(await written()).toBe(before);
  });
});
