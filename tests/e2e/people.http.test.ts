import { randomUUID } from 'node:crypto';
import { eventually, samplesAround } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// The people directory, notification preferences and delegation over HTTP, against the real
// gateway, dev server, worker and PostgreSQL: the directory learns people from their tokens, an
// admin enters the others, emails stay private, preferences round-trip, and a delegate acts for
// the person they stand in for with that person's roles, never their own, on the record.
const DAY = 86_400_000;

describe('people over HTTP', () => {
  let gw: GatewayHarness;
  const suffix = randomUUID().slice(0, 8);
  const someone = (name: string, roles: string[], departments: string[]) => ({
    sub: `${name}-${suffix}`,
    roles,
    departments,
  });
  const as = (claims: Parameters<GatewayHarness['token']>[0]) => gw.token(claims);
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const fieldsOf = (body: { details: { field?: string }[] }) => body.details.map((d) => d.field);

  beforeAll(async () => {
    gw = await startGatewayHarness('people-http');
  });
  afterAll(() => gw?.stop());

  it('records the caller from their token on their first call: email, name and locale', async () => {
    const wen = {
      ...someone('wen', ['cs-lead'], ['customer-service']),
      email: 'wen@example.com',
      name: 'Wen Li',
      locale: 'zh-Hans-CN',
    };
    const me = await gw.call('GET', '/me', { token: await as(wen) });
    expect(me.status).toBe(200);
    expect(me.body.person).toEqual({
      id: wen.sub,
      email: 'wen@example.com',
      displayName: 'Wen Li',
      locale: 'zh-CN',
      roles: ['cs-lead'],
      departments: ['customer-service'],
      source: 'token',
      lastSeenAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(me.body.delegations).toEqual({ given: [], received: [] });
    expect(me.body.standingInFor).toEqual([]);
    // Every kind is listed with its mode, the defaults filled in.
    expect(Object.values(me.body.preferences).every((mode) => mode === 'immediate')).toBe(true);
    expect(me.body.preferences).toEqual(
      expect.objectContaining({ 'approval-requested': 'immediate', 'daily-digest': 'immediate' }),
    );

    // A locale we do not speak is ignored; a claim of the wrong type is a 401 naming it.
    const pierre = { ...someone('pierre', [], ['it']), locale: 'fr-FR' };
    expect((await gw.call('GET', '/me', { token: await as(pierre) })).body.person.locale).toBe('en');
    const bad = await gw.call('GET', '/me', {
      token: await as({ ...someone('bad', [], []), email: 42 as unknown as string }),
    });
    expect(bad.status).toBe(401);
    expect(bad.body.message).toContain("claim 'email'");
  });

  it('lets admins enter and edit people, refuses (and records) anyone else, and hides emails', async () => {
    const root = await as(people.root);
    const id = `zhou-${suffix}`;
    const entry = {
      email: 'zhou@example.com',
      displayName: 'Zhou',
      locale: 'zh-CN',
      roles: ['change-board'],
      departments: ['it'],
    };
    const created = await gw.call('PUT', `/people/${id}`, { token: root, body: entry });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, ...entry, source: 'admin', lastSeenAt: null });
    const edited = await gw.call('PUT', `/people/${id}`, {
      token: root,
      body: { ...entry, roles: ['change-board', 'cio'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.roles).toEqual(['change-board', 'cio']);

    const alice = await as(people.alice);
    const refused = await gw.call('PUT', `/people/${id}`, { token: alice, body: entry });
    expect(refused.status).toBe(403);
    expect(
      await gw.dataSource.query(`SELECT actor, action, code FROM refused_requests WHERE subject = $1`, [id]),
    ).toEqual([{ actor: 'alice', action: 'put-person', code: 'ROLE_NOT_ALLOWED' }]);
    const unknownKey = await gw.call('PUT', `/people/${id}`, {
      token: root,
      body: { ...entry, admin: true },
    });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.message).toContain('admin');

    // Anyone signed in finds them (to pick a delegate); only admins and they themselves see the email.
    const found = await gw.call('GET', `/people?role=cio&q=${id}`, { token: alice });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ id, email: null })], nextCursor: null });
    expect((await gw.call('GET', `/people/${id}`, { token: alice })).body.email).toBeNull();
    expect((await gw.call('GET', `/people/${id}`, { token: root })).body.email).toBe('zhou@example.com');
    const zhou = await as({ sub: id, roles: ['change-board'], departments: ['it'] });
    expect((await gw.call('GET', `/people/${id}`, { token: zhou })).body.email).toBe('zhou@example.com');
    expect((await gw.call('GET', `/people/nobody-${suffix}`, { token: alice })).body.code).toBe(
      'PERSON_NOT_FOUND',
    );
    const unknownParam = await gw.call('GET', '/people?colour=red', { token: alice });
    expect(unknownParam.status).toBe(400);
    expect(fieldsOf(unknownParam.body)).toEqual(['colour']);
  });

  it('round-trips preferences and refuses unknown kinds and modes by name', async () => {
    const token = await as(someone('pref', ['agent'], ['customer-service']));
    const put = (preferences: Record<string, string>) =>
      gw.call('PUT', '/me/preferences', { token, body: { preferences } });
    const set = await put({ 'task-reminder': 'digest', 'target-met': 'off', 'daily-digest': 'off' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual(
      expect.objectContaining({
        'task-reminder': 'digest',
        'target-met': 'off',
        'daily-digest': 'off',
        'approval-requested': 'immediate',
      }),
    );
    // The kinds not named keep theirs; `immediate` again is the default.
    const again = await put({ 'target-met': 'immediate', 'daily-digest': 'immediate' });
    expect(again.body).toEqual(
      expect.objectContaining({
        'task-reminder': 'digest',
        'target-met': 'immediate',
        'daily-digest': 'immediate',
      }),
    );
    expect((await gw.call('GET', '/me', { token })).body.preferences).toEqual(again.body);

    const unknownKind = await put({ 'weekly-digest': 'off' });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.message).toContain('weekly-digest');
    const unknownMode = await put({ 'task-reminder': 'sometimes' });
    expect(unknownMode.status).toBe(400);
    expect(fieldsOf(unknownMode.body)).toEqual(['preferences.task-reminder']);
    const digestInDigest = await put({ 'daily-digest': 'digest' });
    expect(digestInDigest.status).toBe(400);
    expect(fieldsOf(digestInDigest.body)).toEqual(['preferences.daily-digest']);
  });

  it('gives, lists, refuses and ends delegations', async () => {
    const giver = someone('giver', ['cs-lead'], ['customer-service']);
    const taker = someone('taker', ['agent'], ['customer-service']);
    const [giverToken, takerToken] = [await as(giver), await as(taker)];
    await gw.call('GET', '/me', { token: takerToken }); // the delegate is in the directory now
    const delegate = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      gw.call('POST', '/me/delegations', {
        token: giverToken,
        headers,
        body: { delegate: taker.sub, startsAt: inDays(-1), endsAt: inDays(14), reason: 'on leave', ...body },
      });

    const given = await delegate({});
    expect(given.status).toBe(201);
    expect(given.body).toEqual({
      id: expect.any(String),
      delegator: giver.sub,
      delegate: taker.sub,
      startsAt: expect.any(String),
      endsAt: expect.any(String),
      reason: 'on leave',
      createdAt: expect.any(String),
      revokedAt: null,
    });
    expect((await gw.call('GET', '/me/delegations', { token: giverToken })).body).toEqual({
      given: [given.body],
      received: [],
    });
    const takers = (await gw.call('GET', '/me', { token: takerToken })).body;
    expect(takers.delegations.received).toEqual([given.body]);
    expect(takers.standingInFor).toEqual([expect.objectContaining({ id: giver.sub, email: null })]);

    const overlap = await delegate({ startsAt: inDays(7), endsAt: inDays(21) });
    expect([overlap.status, overlap.body.code]).toEqual([409, 'DELEGATION_OVERLAPS']);
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ startsAt: inDays(30), endsAt: inDays(29) }, 'INVALID_DEFINITION', 'endsAt'],
      [{ startsAt: inDays(-10), endsAt: inDays(-2) }, 'INVALID_DEFINITION', 'endsAt'],
      [{ startsAt: inDays(30), endsAt: inDays(30 + 367) }, 'INVALID_DEFINITION', 'endsAt'],
      [{ delegate: giver.sub, startsAt: inDays(30), endsAt: inDays(31) }, 'INVALID_DEFINITION', 'delegate'],
      [{ reason: '  ', startsAt: inDays(30), endsAt: inDays(31) }, 'REASON_REQUIRED', 'reason'],
      [
        { delegate: `nobody-${suffix}`, startsAt: inDays(30), endsAt: inDays(31) },
        'DELEGATE_UNKNOWN',
        'delegate',
      ],
    ];
    for (const [body, code, field] of refusals) {
      const refused = await delegate(body);
      expect([refused.status, refused.body.code, fieldsOf(refused.body)]).toEqual([422, code, [field]]);
    }
    // A delegate acting for the giver cannot pass the delegation on.
    const onward = await gw.call('POST', '/me/delegations', {
      token: takerToken,
      headers: { 'On-Behalf-Of': giver.sub },
      body: { delegate: giver.sub, startsAt: inDays(0), endsAt: inDays(3), reason: 'passing it on' },
    });
    expect([onward.status, onward.body.message]).toEqual([403, expect.stringContaining('onward')]);
    expect(
      await gw.dataSource.query(`SELECT actor, action, code FROM refused_requests WHERE actor = $1`, [
        taker.sub,
      ]),
    ).toEqual([{ actor: taker.sub, action: 'create-delegation', code: 'ROLE_NOT_ALLOWED' }]);

    // Only its delegator ends it; once ended, another may be given.
    const notTheirs = await gw.call('DELETE', `/me/delegations/${given.body.id}`, { token: takerToken });
    expect([notTheirs.status, notTheirs.body.code]).toEqual([404, 'DELEGATION_NOT_FOUND']);
    const ended = await gw.call('DELETE', `/me/delegations/${given.body.id}`, { token: giverToken });
    expect(ended.status).toBe(200);
    expect(ended.body.revokedAt).toEqual(expect.any(String));
    expect((await gw.call('GET', '/me', { token: takerToken })).body.standingInFor).toEqual([]);
    expect((await delegate({ startsAt: inDays(7), endsAt: inDays(21) })).status).toBe(201);
  });

  it('lets a delegate act for the approver with the approver’s roles, on the record, and shows them the waits', async () => {
    const id = `people-${suffix}`;
    const ghost = `ghost-role-${suffix}`;
    // Omar approves for the change board; Ivan, an engineer who also leads customer service, stands in.
    const omar = someone('omar', ['change-board'], ['it']);
    const ivan = someone('ivan', ['engineer', 'cs-lead'], ['it']);
    const [omarToken, ivanToken, maria] = [await as(omar), await as(ivan), await as(people.maria)];
    await gw.call('GET', '/me', { token: omarToken });
    await gw.call('GET', '/me', { token: ivanToken });

    const base = retailerBody(id);
    const created = await gw.call('POST', '/initiatives', {
      token: maria,
      body: retailerBody(id, {
        assessmentPeriodMs: 1_000,
        minSamples: 5,
        approval: { ...base.policy.approval, roles: ['cs-lead', 'change-board', ghost] },
      }),
    });
    expect(created.status).toBe(201);
    const observedAt = new Date().toISOString();
    const samples = samplesAround(12, 5).map((value) => ({ kpi: 'response_minutes', value, observedAt }));
    await eventually(async () => {
      const pushed = await gw.call('POST', `/initiatives/${id}/measurements`, {
        token: await as(people.monitor),
        body: { samples },
      });
      expect(pushed.status).toBe(200);
    });
    const plan = { measures: [{ title: 'a tool', kind: 'tool', department: 'it' }] };
    await eventually(async () => {
      const submitted = await gw.call('POST', `/initiatives/${id}/plans`, { token: maria, body: plan });
      expect(submitted.body.phase).toBe('AwaitingApproval');
    }, 30_000);

    const approve = (body: Record<string, unknown>, onBehalfOf?: string) =>
      gw.call('POST', `/initiatives/${id}/plans/1/approvals`, {
        token: ivanToken,
        body,
        ...(onBehalfOf ? { headers: { 'On-Behalf-Of': onBehalfOf } } : {}),
      });
    const trail = async () =>
      (await gw.call('GET', `/initiatives/${id}/audit`, { token: maria })).body.items as {
        actor: string;
        role: string | null;
        action: string;
        outcome: string;
        details: Record<string, unknown>;
      }[];

    // No delegation yet: refused, and on the record.
    const early = await approve({}, omar.sub);
    expect([early.status, early.body.code]).toEqual([403, 'NOT_DELEGATED']);
    expect((await trail()).at(-1)).toMatchObject({
      actor: ivan.sub,
      action: 'approve-plan',
      outcome: 'refused',
      details: { code: 'NOT_DELEGATED', onBehalfOf: omar.sub },
    });
    const self = await approve({}, ivan.sub);
    expect([self.status, self.body.code]).toEqual([403, 'NOT_DELEGATED']);
    // A delegation that has not begun yet: outside its range, refused all the same.
    const later = await gw.call('POST', '/me/delegations', {
      token: omarToken,
      body: { delegate: ivan.sub, startsAt: inDays(10), endsAt: inDays(12), reason: 'next trip' },
    });
    expect(later.status).toBe(201);
    const tooEarly = await approve({}, omar.sub);
    expect([tooEarly.status, tooEarly.body.code]).toEqual([403, 'NOT_DELEGATED']);

    const delegation = await gw.call('POST', '/me/delegations', {
      token: omarToken,
      body: { delegate: ivan.sub, startsAt: inDays(-1), endsAt: inDays(7), reason: 'at a conference' },
    });
    expect(delegation.status).toBe(201);

    // Ivan's work lists the change board's approval as Omar's, and his own role's as his.
    const work = (await gw.call('GET', '/me/work', { token: ivanToken })).body.items.filter(
      (item: { initiative: { id: string } }) => item.initiative.id === id,
    );
    expect(
      work.map((item: { waits: { who: unknown }[]; onBehalfOf?: string }) => [item.waits, item.onBehalfOf]),
    ).toEqual([
      [[expect.objectContaining({ kind: 'approval', who: { role: 'cs-lead' } })], undefined],
      [[expect.objectContaining({ kind: 'approval', who: { role: 'change-board' } })], omar.sub],
    ]);
    // He sees what Omar may do when he asks on Omar's behalf.
    const asOmar = await gw.call('GET', `/initiatives/${id}`, {
      token: ivanToken,
      headers: { 'On-Behalf-Of': omar.sub },
    });
    expect(asOmar.body.may.decide).toEqual({ planVersion: 1, roles: ['change-board'] });
    expect((await gw.call('GET', `/initiatives/${id}`, { token: ivanToken })).body.may.decide).toEqual({
      planVersion: 1,
      roles: ['cs-lead'],
    });

    // A delegate acts in the delegator's roles only: not in one of their own that Omar lacks.
    const ownRole = await approve({ role: 'cs-lead' }, omar.sub);
    expect([ownRole.status, ownRole.body.code]).toEqual([403, 'ROLE_NOT_HELD']);
    expect((await trail()).at(-1)).toMatchObject({
      actor: ivan.sub,
      role: 'change-board',
      outcome: 'refused',
      details: { code: 'ROLE_NOT_HELD', onBehalfOf: omar.sub },
    });

    const approved = await approve({ comment: 'fine by the board' }, omar.sub);
    expect(approved.status).toBe(200);
    expect(approved.body.plan.decisions).toEqual([
      expect.objectContaining({
        role: 'change-board',
        by: ivan.sub,
        onBehalfOf: omar.sub,
        decision: 'approved',
      }),
    ]);
    expect((await trail()).at(-1)).toMatchObject({
      actor: ivan.sub,
      role: 'change-board',
      action: 'approve-plan',
      outcome: 'accepted',
      details: { planVersion: 1, comment: 'fine by the board', onBehalfOf: omar.sub },
    });
    // As himself, Ivan still decides in his own role.
    const own = await approve({});
    expect(own.status).toBe(200);
    expect(own.body.plan.decisions.map((d: { role: string; by: string }) => [d.role, d.by])).toEqual([
      ['change-board', ivan.sub],
      ['cs-lead', ivan.sub],
    ]);

    // The wait left is on a role nobody holds: it reaches no one, and the answers say so.
    const detail = (await gw.call('GET', `/initiatives/${id}`, { token: maria })).body;
    // The register keeps both names of the delegate's decision.
    await eventually(async () => {
      const history = (await gw.call('GET', `/initiatives/${id}`, { token: maria })).body.register;
      expect(history.planVersions[0].decisions).toEqual([
        expect.objectContaining({ role: 'change-board', decidedBy: ivan.sub, onBehalfOf: omar.sub }),
        expect.objectContaining({ role: 'cs-lead', decidedBy: ivan.sub, onBehalfOf: null }),
      ]);
    });
    expect(detail.state.waitingOn).toEqual([
      expect.objectContaining({ kind: 'approval', who: { role: ghost }, reaches: 0 }),
    ]);
    const listed = await gw.call('GET', `/initiatives?q=${id}`, { token: maria });
    expect(listed.body.items[0].waitingOn).toEqual([
      expect.objectContaining({ who: { role: ghost }, reaches: 0 }),
    ]);

    // Someone who could not see the initiative reads it as the person they stand in for.
    const lin = someone('lin', ['cs-lead'], ['customer-service']);
    const ines = someone('ines', ['accountant'], ['finance']);
    const [linToken, inesToken] = [await as(lin), await as(ines)];
    await gw.call('GET', '/me', { token: inesToken });
    const forLin = await gw.call('POST', '/me/delegations', {
      token: linToken,
      body: { delegate: ines.sub, startsAt: inDays(0), endsAt: inDays(2), reason: 'out sick' },
    });
    expect(forLin.status).toBe(201);
    const read = (path: string, headers: Record<string, string> = {}) =>
      gw.call('GET', `/initiatives/${id}${path}`, { token: inesToken, headers });
    expect((await read('')).status).toBe(404);
    for (const path of ['', '/audit', '/evaluations', '/kpis/response_minutes/series']) {
      expect([path, (await read(path, { 'On-Behalf-Of': lin.sub })).status]).toEqual([path, 200]);
    }

    // Ended, the delegation lets him act for Omar no more.
    await gw.call('DELETE', `/me/delegations/${delegation.body.id}`, { token: omarToken });
    const late = await gw.call('POST', `/initiatives/${id}/pause`, {
      token: ivanToken,
      headers: { 'On-Behalf-Of': omar.sub },
      body: { reason: 'hold on' },
    });
    expect([late.status, late.body.code]).toEqual([403, 'NOT_DELEGATED']);
  });
});
