import { randomUUID } from 'node:crypto';
import { eventually } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// The register's front door over HTTP, against the real gateway, dev server, worker and PostgreSQL:
// raising, support, the duplicate suggestion, the backlog's order, triage rights and their record,
// promotion to exactly one initiative, and the closure code the opportunity then shows.
const analyst = { sub: 'ana', roles: ['analyst'], departments: ['marketing'] };
const itManager = { sub: 'ines', roles: ['improvement-manager'], departments: ['it'] };

describe('opportunities over HTTP', () => {
  let gw: GatewayHarness;
  const as = (claims: { sub: string; roles?: string[]; departments?: string[] }) => gw.token(claims);
  const service = () => `svc-${randomUUID().slice(0, 8)}`;
  const raiseBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'Customers wait too long for a first answer in the chat',
    description: 'Complaints about chat waiting times doubled since the new shop opened.',
    service: 'customer-support',
    department: 'customer-service',
    origin: 'customer-feedback',
    reference: 'feedback 4711',
    benefit: { category: 'customer-satisfaction', level: 'high', description: 'Fewer abandoned chats' },
    effort: 'M',
    risk: 'low',
    objectives: ['customer-first'],
    ...overrides,
  });
  const raise = async (claims: Parameters<typeof as>[0], overrides: Record<string, unknown> = {}) => {
    const response = await gw.call('POST', '/opportunities', {
      token: await as(claims),
      body: raiseBody(overrides),
    });
    expect(response.status).toBe(201);
    return response.body as {
      id: string;
      score: { total: number; parts: { factor: string; points: number }[] };
    };
  };
  const refusals = async (subject: string) =>
    (await gw.dataSource.query(
      `SELECT actor, action, code FROM refused_requests WHERE subject = $1 ORDER BY id`,
      [subject],
    )) as { actor: string; action: string; code: string }[];

  beforeAll(async () => {
    gw = await startGatewayHarness('opportunities-http');
  });
  afterAll(() => gw?.stop());

  it('lets anyone signed in raise one, scored with its parts, and names a bad field', async () => {
    const raised = await raise(analyst, { service: service(), effort: 'XL', risk: 'high' });
    expect(raised).toMatchObject({
      status: 'new',
      raisedBy: 'ana',
      supporters: 0,
      origin: 'customer-feedback',
      reference: 'feedback 4711',
      may: { support: false, triage: false, promote: false, comment: true },
    });
    // high benefit 3×10, XL effort −3×6, high risk −2×5, no support, one objective 1×2.
    expect(raised.score.parts.map((p) => [p.factor, p.points])).toEqual([
      ['benefit', 30],
      ['effort', -18],
      ['risk', -10],
      ['support', 0],
      ['objectives', 2],
    ]);
    expect(raised.score.total).toBe(4);

    const bad = await gw.call('POST', '/opportunities', {
      token: await as(analyst),
      body: raiseBody({ effort: 'XXL', title: '   ' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['effort', 'title']);
    const unknown = await gw.call('POST', '/opportunities', {
      token: await as(analyst),
      body: raiseBody({ score: 99 }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('score');
  });

  it('suggests the open one that looks alike before a second is raised, and in the answer after', async () => {
    const svc = service();
    const first = await raise(analyst, { service: svc, title: 'Slow VPN at the Berlin office' });
    await raise(analyst, { service: svc, title: 'Printer queue stuck every Monday' });
    const similar = await gw.call(
      'GET',
      `/opportunities/similar?service=${svc}&title=${encodeURIComponent('VPN slow in Berlin office')}`,
      { token: await as(people.alice) },
    );
    expect(similar.status).toBe(200);
    expect(similar.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const second = await gw.call('POST', '/opportunities', {
      token: await as(people.alice),
      body: raiseBody({ service: svc, title: 'The VPN is slow in the Berlin office' }),
    });
    expect(second.body.similar.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const otherService = await gw.call(
      'GET',
      `/opportunities/similar?service=${service()}&title=${encodeURIComponent('Slow VPN at the Berlin office')}`,
      { token: await as(people.alice) },
    );
    expect(otherService.body.items).toEqual([]);
  });

  it('counts support once per person, raises the score, and refuses the raiser’s own', async () => {
    const raised = await raise(analyst, { service: service() });
    const own = await gw.call('POST', `/opportunities/${raised.id}/support`, {
      token: await as(analyst),
      body: {},
    });
    expect(own.status).toBe(403);
    expect(await refusals(raised.id)).toEqual([
      { actor: 'ana', action: 'support-opportunity', code: 'ROLE_NOT_ALLOWED' },
    ]);
    const alice = await as(people.alice);
    const once = await gw.call('POST', `/opportunities/${raised.id}/support`, {
      token: alice,
      body: { comment: 'Same for our team' },
    });
    expect(once.status).toBe(200);
    const twice = await gw.call('POST', `/opportunities/${raised.id}/support`, { token: alice, body: {} });
    expect(twice.body.supporters).toBe(1);
    expect(twice.body.supportedBy).toEqual([
      { person: 'alice', comment: 'Same for our team', supportedAt: expect.any(String) },
    ]);
    expect(twice.body.score.total).toBeGreaterThan(raised.score.total);
    expect(twice.body.may).toMatchObject({ support: false, withdrawSupport: true });
    const withdrawn = await gw.call('DELETE', `/opportunities/${raised.id}/support`, { token: alice });
    expect(withdrawn.body).toMatchObject({ supporters: 0, score: { total: raised.score.total } });

    const commented = await gw.call('POST', `/opportunities/${raised.id}/comments`, {
      token: await as(people.bob),
      body: { body: '<b>not markup</b>' },
    });
    expect(commented.status).toBe(201);
    expect(commented.body.commentList).toEqual([
      { id: expect.any(String), author: 'bob', body: '<b>not markup</b>', createdAt: expect.any(String) },
    ]);
    expect(commented.body.events.map((e: { action: string }) => e.action)).toEqual([
      'raise-opportunity',
      'support-opportunity',
      'withdraw-support',
      'comment-opportunity',
    ]);
  });

  it('lists the backlog by score, filters combined, in pages that neither skip nor repeat', async () => {
    const svc = service();
    const low = await raise(analyst, {
      service: svc,
      benefit: { category: 'cost', level: 'low', description: 'x' },
    });
    const high = await raise(analyst, {
      service: svc,
      benefit: { category: 'time', level: 'very-high', description: 'y' },
    });
    const mid = await raise(analyst, {
      service: svc,
      benefit: { category: 'cost', level: 'medium', description: 'z' },
    });
    const token = await as(people.alice);
    const first = await gw.call('GET', `/opportunities?service=${svc}&limit=2`, { token });
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([high.id, mid.id]);
    const next = await gw.call(
      'GET',
      `/opportunities?service=${svc}&limit=2&cursor=${first.body.nextCursor}`,
      { token },
    );
    expect(next.body).toMatchObject({ items: [{ id: low.id }], nextCursor: null });
    const cell = await gw.call('GET', `/opportunities?service=${svc}&benefitLevel=very-high&effort=M`, {
      token,
    });
    expect(cell.body.items.map((i: { id: string }) => i.id)).toEqual([high.id]);
    const cost = await gw.call('GET', `/opportunities?service=${svc}&benefitCategory=cost&sort=newest`, {
      token,
    });
    expect(cost.body.items.map((i: { id: string }) => i.id)).toEqual([mid.id, low.id]);
    const matrix = await gw.call('GET', `/opportunities/matrix?service=${svc}`, { token });
    expect(matrix.body.cells).toEqual([
      { benefitLevel: 'low', effort: 'M', count: 1 },
      { benefitLevel: 'medium', effort: 'M', count: 1 },
      { benefitLevel: 'very-high', effort: 'M', count: 1 },
    ]);
    const bad = await gw.call('GET', `/opportunities?service=${svc}&cursor=nonsense`, { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('lets only the department’s improvement managers triage, and records every refusal', async () => {
    const raised = await raise(analyst, { service: service() });
    const path = `/opportunities/${raised.id}/triage`;
    const byAnalyst = await gw.call('POST', path, {
      token: await as(people.alice),
      body: { decision: 'accept' },
    });
    expect(byAnalyst.status).toBe(403);
    const otherDepartment = await gw.call('POST', path, {
      token: await as(itManager),
      body: { decision: 'accept' },
    });
    expect(otherDepartment).toMatchObject({ status: 403, body: { code: 'DEPARTMENT_NOT_ALLOWED' } });
    expect(await refusals(raised.id)).toEqual([
      { actor: 'alice', action: 'accept-opportunity', code: 'ROLE_NOT_ALLOWED' },
      { actor: 'ines', action: 'accept-opportunity', code: 'DEPARTMENT_NOT_ALLOWED' },
    ]);
    const maria = await as(people.maria);
    const noReason = await gw.call('POST', path, { token: maria, body: { decision: 'decline' } });
    expect(noReason).toMatchObject({ status: 400, body: { details: [{ field: 'reason' }] } });
    const itself = await gw.call('POST', path, {
      token: maria,
      body: { decision: 'duplicate', duplicateOf: raised.id },
    });
    expect(itself).toMatchObject({
      status: 422,
      body: { code: 'INVALID_DUPLICATE', details: [{ field: 'duplicateOf' }] },
    });
    const accepted = await gw.call('POST', path, { token: maria, body: { decision: 'accept' } });
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      triage: { by: 'maria' },
      may: { promote: true },
    });
    const declined = await gw.call('POST', path, {
      token: maria,
      body: { decision: 'decline', reason: 'Out of budget' },
    });
    expect(declined.body).toMatchObject({ status: 'declined', triage: { reason: 'Out of budget' } });
    const again = await gw.call('POST', path, { token: maria, body: { decision: 'accept' } });
    expect(again).toMatchObject({ status: 409, body: { code: 'OPPORTUNITY_NOT_OPEN' } });
    const open = await gw.call('GET', `/opportunities?raisedBy=ana&limit=200`, { token: maria });
    expect(open.body.items.map((i: { id: string }) => i.id)).not.toContain(raised.id);

    const original = await raise(analyst, { service: service() });
    const copy = await raise(people.alice, { service: service() });
    const duplicate = await gw.call('POST', `/opportunities/${copy.id}/triage`, {
      token: maria,
      body: { decision: 'duplicate', duplicateOf: original.id },
    });
    expect(duplicate.body).toMatchObject({ status: 'duplicate', duplicateOf: original.id });
  });

  it('promotes one to exactly one initiative, pre-filled and linked both ways; the closure shows on it', async () => {
    const svc = service();
    const raised = await raise(analyst, { service: svc });
    const maria = await as(people.maria);
    const draft = await gw.call('GET', `/opportunities/${raised.id}/initiative-draft`, { token: maria });
    expect(draft.body).toMatchObject({
      opportunityId: raised.id,
      service: svc,
      department: 'customer-service',
      title: raiseBody().title,
      kpiHints: [{ name: 'csat', direction: 'higher-is-better' }],
    });

    const id = `promoted-${randomUUID().slice(0, 8)}`;
    const body = { ...retailerBody(id), service: svc, opportunityId: raised.id };
    const refused = await gw.call('POST', '/initiatives', {
      token: await as(itManager),
      body: { ...body, department: 'it' },
    });
    expect(refused.status).toBe(403);
    expect((await refusals(raised.id)).map((r) => r.action)).toEqual(['promote-opportunity']);

    const key = randomUUID();
    const created = await gw.call('POST', '/initiatives', {
      token: maria,
      body,
      headers: { 'Idempotency-Key': key },
    });
    expect(created.status).toBe(201);
    const retried = await gw.call('POST', '/initiatives', {
      token: maria,
      body,
      headers: { 'Idempotency-Key': key },
    });
    expect(retried.status).toBe(201);
    const second = await gw.call('POST', '/initiatives', {
      token: maria,
      body: { ...body, id: `${id}-2` },
    });
    expect(second).toMatchObject({ status: 409, body: { code: 'OPPORTUNITY_ALREADY_PROMOTED' } });
    expect(
      await gw.dataSource.query(`SELECT id FROM initiatives WHERE opportunity_id = $1`, [raised.id]),
    ).toEqual([{ id }]);

    const promoted = await gw.call('GET', `/opportunities/${raised.id}`, { token: maria });
    expect(promoted.body).toMatchObject({
      status: 'promoted',
      initiativeId: id,
      result: { initiativeId: id, phase: 'Assessing', closureCode: null },
      may: { triage: false, promote: false },
    });
    const initiative = await gw.call('GET', `/initiatives/${id}`, { token: maria });
    expect(initiative.body.register).toMatchObject({ opportunityId: raised.id, closure: null });

    const early = await gw.call('PUT', `/initiatives/${id}/closure`, {
      token: maria,
      body: { code: 'successful', reason: 'done' },
    });
    expect(early).toMatchObject({ status: 409, body: { code: 'INITIATIVE_NOT_CLOSED' } });
    const cancelled = await gw.call('POST', `/initiatives/${id}/cancel`, {
      token: maria,
      body: { reason: 'Replaced by the new chat tool' },
    });
    expect(cancelled.status).toBe(200);
    await eventually(async () => {
      const closed = await gw.call('GET', `/initiatives/${id}`, { token: maria });
      expect(closed.body.register.closure).toEqual({
        code: 'withdrawn',
        set: false,
        reason: null,
        by: null,
        achievedBenefit: null,
      });
      expect(closed.body.may.setClosure).toBe(true);
    });
    const byAgent = await gw.call('PUT', `/initiatives/${id}/closure`, {
      token: await as(people.alice),
      body: { code: 'successful', reason: 'we liked it' },
    });
    expect(byAgent.status).toBe(403);
    const set = await gw.call('PUT', `/initiatives/${id}/closure`, {
      token: maria,
      body: {
        code: 'successful',
        reason: 'The new tool met the target',
        achievedBenefit: 'customer-satisfaction',
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.register.closure).toEqual({
      code: 'successful',
      set: true,
      reason: 'The new tool met the target',
      by: 'maria',
      achievedBenefit: 'customer-satisfaction',
    });
    const result = await gw.call('GET', `/opportunities/${raised.id}`, { token: await as(analyst) });
    expect(result.body.result).toMatchObject({
      closureCode: 'successful',
      achievedBenefit: 'customer-satisfaction',
      phase: 'Closed',
    });
    expect(result.body.events.map((e: { action: string }) => e.action)).toEqual([
      'raise-opportunity',
      'promote-opportunity',
      'initiative-result',
    ]);
    const trail = await gw.call('GET', `/initiatives/${id}/audit`, { token: maria });
    expect(trail.body.items.filter((e: { action: string }) => e.action === 'set-closure')).toEqual([
      expect.objectContaining({ actor: 'alice', outcome: 'refused' }),
      expect.objectContaining({ actor: 'maria', outcome: 'accepted' }),
    ]);
  });

  it('refuses a promotion that names an existing initiative’s id: 409, and the opportunity stays open', async () => {
    const maria = await as(people.maria);
    const first = await raise(analyst, { service: service() });
    const id = `taken-${randomUUID().slice(0, 8)}`;
    expect(
      (
        await gw.call('POST', '/initiatives', {
          token: maria,
          body: { ...retailerBody(id), opportunityId: first.id },
        })
      ).status,
    ).toBe(201);
    const second = await raise(analyst, { service: service() });
    const clash = await gw.call('POST', '/initiatives', {
      token: maria,
      body: { ...retailerBody(id), opportunityId: second.id },
    });
    expect(clash).toMatchObject({
      status: 409,
      body: { code: 'INITIATIVE_EXISTS', details: [{ field: 'id' }] },
    });
    const still = await gw.call('GET', `/opportunities/${second.id}`, { token: maria });
    expect(still.body).toMatchObject({ status: 'new', initiativeId: null, may: { promote: true } });
    const firstNow = await gw.call('GET', `/opportunities/${first.id}`, { token: maria });
    expect(firstNow.body).toMatchObject({ status: 'promoted', initiativeId: id });
  });

  it('shows the result of a promoted opportunity to everyone, the initiative’s details only to who may see it', async () => {
    const maria = await as(people.maria);
    const raised = await raise(analyst, { service: service() });
    const id = `seen-${randomUUID().slice(0, 8)}`;
    await gw.call('POST', '/initiatives', {
      token: maria,
      body: { ...retailerBody(id), opportunityId: raised.id },
    });
    const insider = await gw.call('GET', `/opportunities/${raised.id}`, { token: maria });
    expect(insider.body.result).toMatchObject({
      initiativeId: id,
      visible: true,
      title: retailerBody(id).title,
      cycle: 1,
    });
    const outsider = await gw.call('GET', `/opportunities/${raised.id}`, { token: await as(analyst) });
    expect(outsider.body.result).toEqual({
      initiativeId: id,
      visible: false,
      title: null,
      phase: 'Assessing',
      cycle: null,
      lastVerdict: null,
      closedOutcome: null,
      closureCode: null,
      closureReason: null,
      achievedBenefit: null,
    });
  });

  it('answers a cursor it did not issue, and a repeated triage, without a 500', async () => {
    const token = await as(people.maria);
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const cursor of [
      forged(['1', 'o-x']),
      forged(['2020-02-30T00:00:00.000000Z', 'o-x']),
      forged([1, 'o-\u0000']),
      'x',
    ]) {
      const page = await gw.call('GET', `/opportunities?sort=newest&cursor=${cursor}`, { token });
      expect(page).toMatchObject({
        status: 400,
        body: { code: 'INVALID_QUERY', details: [{ field: 'cursor' }] },
      });
    }
    const raised = await raise(analyst, { service: service() });
    const accept = () =>
      gw.call('POST', `/opportunities/${raised.id}/triage`, { token, body: { decision: 'accept' } });
    expect((await accept()).status).toBe(200);
    expect(await accept()).toMatchObject({ status: 200, body: { status: 'accepted' } });
  });
});
