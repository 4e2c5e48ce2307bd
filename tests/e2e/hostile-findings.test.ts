import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { eventually, samplesAround } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// What a hostile new user found, against the real gateway, dev server, worker and PostgreSQL: each
// case failed before its fix. The gateway runs with a floor of a minute on nudging intervals.
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const analyst = { sub: 'ana', roles: ['analyst'], departments: ['marketing'] };
const cfo = { sub: 'carla', roles: ['cfo'], departments: ['finance'] };
const security = { sub: 'sam', roles: ['engineer'], departments: ['security'] };

describe('hostile findings', () => {
  let gw: GatewayHarness;
  const token = (claims: { sub: string; roles?: string[]; departments?: string[] }) => gw.token(claims);

  beforeAll(async () => {
    gw = await startGatewayHarness('hostile-findings', { POLICY_MIN_INTERVAL_MS: String(MINUTE) });
  });
  afterAll(() => gw?.stop());

  const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
  const registered = async (id: string) =>
    Number((await gw.dataSource.query(`SELECT count(*) AS n FROM initiatives WHERE id = $1`, [id]))[0].n);
  const refusedRequests = async (subject: string) =>
    (await gw.dataSource.query(
      `SELECT actor, action, code, request_id AS "requestId" FROM refused_requests WHERE subject = $1`,
      [subject],
    )) as { actor: string; action: string; code: string; requestId: string }[];
  const workflowStarted = async (id: string) =>
    gw.env.client.workflow
      .getHandle(`initiative-${id}`)
      .describe()
      .then(() => true)
      .catch(() => false);

  describe('1. creating an initiative needs the rights for it', () => {
    it('refuses an analyst of marketing creating one in finance that names her a manager: 403, recorded, nothing started', async () => {
      const id = newId('payroll');
      const body = {
        ...retailerBody(id),
        service: 'payroll',
        department: 'finance',
        policy: {
          ...retailerBody(id).policy,
          managerRoles: ['analyst'],
          approval: { ...retailerBody(id).policy.approval, roles: ['cfo'], reminderIntervalMs: MINUTE },
        },
      };
      const refused = await gw.call('POST', '/initiatives', { token: await token(analyst), body });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        code: 'ROLE_NOT_ALLOWED',
        message: expect.stringContaining('improvement-manager'),
        details: [],
        requestId: refused.headers.get('x-request-id'),
      });
      expect(await refusedRequests(id)).toEqual([
        {
          actor: 'ana',
          action: 'create-initiative',
          code: 'ROLE_NOT_ALLOWED',
          requestId: refused.body.requestId,
        },
      ]);
      expect(await registered(id)).toBe(0);
      expect(await workflowStarted(id)).toBe(false);
      const cfoList = await gw.call('GET', '/initiatives?limit=200', { token: await token(cfo) });
      expect(cfoList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    });

    it('refuses an improvement manager who would not manage it, or in another department', async () => {
      const maria = await token(people.maria);
      const notHers = newId('not-hers');
      const unmanaged = await gw.call('POST', '/initiatives', {
        token: maria,
        body: {
          ...retailerBody(notHers),
          policy: { ...retailerBody(notHers).policy, managerRoles: ['cfo'] },
        },
      });
      expect([unmanaged.status, unmanaged.body.code, unmanaged.body.details]).toEqual([
        403,
        'ROLE_NOT_ALLOWED',
        [{ field: 'policy.managerRoles', message: 'must include a role you hold' }],
      ]);
      const elsewhere = newId('elsewhere');
      const finance = await gw.call('POST', '/initiatives', {
        token: maria,
        body: { ...retailerBody(elsewhere), department: 'finance' },
      });
      expect([finance.status, finance.body.code, finance.body.details[0]?.field]).toEqual([
        403,
        'DEPARTMENT_NOT_ALLOWED',
        'department',
      ]);
      expect((await refusedRequests(elsewhere)).map((r) => r.code)).toEqual(['DEPARTMENT_NOT_ALLOWED']);
      expect(await registered(notHers)).toBe(0);
      expect(await registered(elsewhere)).toBe(0);
    });

    it('lets an admin who is also an improvement manager create one in any department', async () => {
      const id = newId('admin-made');
      const admin = await token({ sub: 'root', roles: ['admin', 'improvement-manager'], departments: [] });
      const created = await gw.call('POST', '/initiatives', {
        token: admin,
        body: { ...retailerBody(id), department: 'finance' },
      });
      expect(created.status).toBe(201);
    });

    it('refuses reminder and follow-up intervals below the floor with 422 naming each field', async () => {
      const id = newId('spam');
      const body = retailerBody(id, {
        implementationReminderIntervalMs: 10 * SECOND,
        followUpIntervalMs: MINUTE,
      });
      body.policy.approval = { ...body.policy.approval, reminderIntervalMs: 30 * SECOND, maxReminders: 50 };
      const refused = await gw.call('POST', '/initiatives', { token: await token(people.maria), body });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('INVALID_DEFINITION');
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual([
        'policy.approval.reminderIntervalMs',
        'policy.implementationReminderIntervalMs',
      ]);
      expect(refused.body.message).toMatch(/policy\.approval\.reminderIntervalMs must be at least 60000 ms/);
      expect((await refusedRequests(id)).map((r) => r.code)).toEqual(['INVALID_DEFINITION']);
      expect(await registered(id)).toBe(0);
    });

    it('lets an admin read the refused requests, and nobody else', async () => {
      const admin = await gw.call('GET', '/refusals?limit=500', { token: await token(people.root) });
      expect(admin.status).toBe(200);
      expect(admin.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'ana', action: 'create-initiative', code: 'ROLE_NOT_ALLOWED' }),
        ]),
      );
      const maria = await gw.call('GET', '/refusals', { token: await token(people.maria) });
      expect([maria.status, maria.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    });
  });

  describe('2. prototype keys are unknown keys', () => {
    const withKey = (key: string) => {
      const id = newId('proto');
      return { id, raw: JSON.stringify(retailerBody(id)).replace(/^\{/, `{"${key}":{"admin":true},`) };
    };

    it.each(['__proto__', 'constructor', 'prototype'])(
      'refuses "%s" in a create body by name',
      async (key) => {
        const { id, raw } = withKey(key);
        const refused = await gw.call('POST', '/initiatives', {
          token: await token(people.maria),
          rawBody: raw,
        });
        expect(refused.status).toBe(400);
        expect(refused.body.code).toBe('INVALID_INPUT');
        expect(refused.body.details).toEqual([{ field: key, message: `Unrecognized key: "${key}"` }]);
        expect(await registered(id)).toBe(0);
      },
    );

    it('refuses them nested, in other bodies, and in query strings', async () => {
      const maria = await token(people.maria);
      const nested = JSON.stringify({ measures: [{ title: 't', kind: 'tool', department: 'it' }] }).replace(
        '"title"',
        '"__proto__":{"x":1},"title"',
      );
      const plan = await gw.call('POST', '/initiatives/some-initiative/plans', {
        token: maria,
        rawBody: nested,
      });
      expect([plan.status, plan.body.details]).toEqual([
        400,
        [{ field: 'measures[0].__proto__', message: 'Unrecognized key: "__proto__"' }],
      ]);
      const list = await gw.call('GET', '/initiatives?constructor=1', { token: maria });
      expect([list.status, list.body.details[0]?.field]).toEqual([400, 'constructor']);
      const one = await gw.call('GET', '/initiatives/some-initiative?verbose=1', { token: maria });
      expect([one.status, one.body.details]).toEqual([
        400,
        [{ field: 'verbose', message: 'Unrecognized query parameter' }],
      ]);
    });
  });

  describe('3. every answer carries the request id', () => {
    it('answers a body with a NaN literal with 400 and the request id', async () => {
      const bad = await gw.call('POST', '/initiatives', {
        token: await token(people.maria),
        rawBody: '{"a": NaN}',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(bad.headers.get('x-request-id')).toBe(bad.body.requestId);
    });

    it('keeps a sane caller-chosen id, and sets one on every kind of answer', async () => {
      const mine = await gw.call('POST', '/initiatives', {
        token: await token(people.maria),
        rawBody: '{',
        headers: { 'x-request-id': 'probe-17' },
      });
      expect([mine.body.requestId, mine.headers.get('x-request-id')]).toEqual(['probe-17', 'probe-17']);
      for (const path of ['/health/live', '/metrics', '/openapi.json', '/nowhere', '/initiatives']) {
        const response = await gw.call('GET', path);
        expect([path, response.headers.get('x-request-id')]).toEqual([path, expect.stringMatching(/\S/)]);
      }
    });
  });

  describe('4. malformed claims are refused by name', () => {
    const signed = (claims: Record<string, unknown>, sub: unknown = 'mallory') =>
      new SignJWT({ ...claims, sub } as Record<string, unknown>)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(gw.gatewayConfig.auth.issuer)
        .setAudience(gw.gatewayConfig.auth.audience)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(gw.gatewayConfig.auth.jwtSecret));

    it.each([
      ['roles', { roles: 'admin', departments: [] }, undefined],
      ['roles', { roles: ['admin', 7], departments: [] }, undefined],
      ['roles', { roles: null }, undefined],
      ['departments', { roles: [], departments: 'finance' }, undefined],
      ['sub', { roles: [], departments: [] }, 42],
    ])('a %s claim of the wrong type is 401 naming it (%j)', async (claim, claims, sub) => {
      const response = await gw.call('GET', '/initiatives', {
        token: await signed(claims, sub ?? 'mallory'),
      });
      expect(response.status).toBe(401);
      expect(response.body.message).toContain(`'${claim}'`);
    });
  });

  describe('5 and 6. a task owner keeps sight while paused (reading, not recording); one vocabulary in the trail', () => {
    it('runs a plan with a security task through a pause, and audits it under one name per act', async () => {
      const id = newId('paused-task');
      const maria = await token(people.maria);
      const sam = await token(security);
      const post = (who: string, path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
        gw.call('POST', `/initiatives/${id}${path}`, { token: who, body, headers });
      const created = await gw.call('POST', '/initiatives', {
        token: maria,
        body: retailerBody(id, { assessmentPeriodMs: 3 * SECOND, minSamples: 3 }),
        headers: { 'x-request-id': `create-${id}` },
      });
      expect(created.status).toBe(201);
      const observedAt = new Date().toISOString();
      const samples = samplesAround(12, 5).map((value) => ({ kpi: 'response_minutes', value, observedAt }));
      expect((await post(maria, '/measurements', { samples })).status).toBe(200);
      await eventually(async () => {
        expect((await gw.call('GET', `/initiatives/${id}`, { token: maria })).body.state.phase).toBe(
          'Planning',
        );
      }, 30_000);
      const dueAt = new Date(Date.now() + 3_600_000).toISOString();
      const submitted = await post(maria, '/plans', {
        measures: [{ title: 'harden the chat gateway', kind: 'technology', department: 'security' }],
        tasks: [{ id: 'pen-test', title: 'penetration test passed', department: 'security', dueAt }],
        trainees: [{ person: 'alice', department: 'customer-service', dueAt }],
      });
      expect(submitted.status).toBe(200);

      const li = await token(people.li);
      const omar = await token(people.omar);
      const refusedApproval = await post(await token(people.alice), '/plans/1/approvals');
      expect(refusedApproval.status).toBe(403);
      expect((await post(li, '/plans/1/approvals', {}, { 'x-request-id': `li-${id}` })).status).toBe(200);
      expect((await post(omar, '/plans/1/approvals')).body.phase).toBe('Implementing');

      expect((await post(maria, '/pause', { reason: 'change freeze' })).body.phase).toBe('Paused');
      // The security department and the trainee still see it, and are told it is paused.
      expect((await gw.call('GET', `/initiatives/${id}`, { token: sam })).status).toBe(200);
      const alice = await token(people.alice);
      expect((await gw.call('GET', `/initiatives/${id}`, { token: alice })).status).toBe(200);
      // Seeing it through the plan is reading it: its KPIs are not the security team's to record,
      // though they may tell what they think of it.
      const seen = await gw.call('GET', `/initiatives/${id}`, { token: sam });
      expect([
        seen.body.may.pushMeasurements,
        (await gw.call('GET', `/initiatives/${id}`, { token: maria })).body.may.pushMeasurements,
      ]).toEqual([false, true]);
      const pushed = await post(sam, '/measurements', { samples }, { 'x-request-id': `push-${id}` });
      expect([pushed.status, pushed.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      expect(pushed.body.message).toContain("department 'customer-service'");
      expect((await post(sam, '/feedback', { score: 4, comment: 'the gateway holds' })).status).toBe(201);
      const whilePaused = await post(sam, '/tasks/pen-test/completion');
      expect([whilePaused.status, whilePaused.body.code]).toEqual([409, 'INITIATIVE_PAUSED']);
      expect((await post(maria, '/resume')).body.phase).toBe('Implementing');
      expect((await post(sam, '/tasks/pen-test/completion')).status).toBe(200);
      const cancelled = await post(
        maria,
        '/cancel',
        { reason: 'merged into the chat programme' },
        {
          'x-request-id': `cancel-${id}`,
        },
      );
      expect(cancelled.body.phase).toBe('Closed');

      const trail = (await gw.call('GET', `/initiatives/${id}/audit`, { token: maria })).body.items as {
        action: string;
        outcome: string;
        actor: string;
        requestId: string | null;
        details: Record<string, unknown>;
      }[];
      const approvals = trail.filter((e) => e.action === 'approve-plan');
      expect(approvals.map((e) => [e.actor, e.outcome])).toEqual([
        ['alice', 'refused'],
        ['li', 'accepted'],
        ['omar', 'accepted'],
      ]);
      expect(approvals[1]?.requestId).toBe(`li-${id}`);
      expect(trail.find((e) => e.action === 'create-initiative')).toEqual(
        expect.objectContaining({ actor: 'maria', requestId: `create-${id}`, outcome: 'accepted' }),
      );
      // The refused push is with the refused requests (a busy tool would bury the trail).
      expect(await refusedRequests(id)).toEqual([
        { actor: 'sam', action: 'push-measurements', code: 'ROLE_NOT_ALLOWED', requestId: `push-${id}` },
      ]);
      expect(trail.filter((e) => e.action === 'push-measurements')).toEqual([]);
      expect(trail.filter((e) => e.action === 'complete-task').map((e) => [e.actor, e.outcome])).toEqual([
        ['sam', 'refused'],
        ['sam', 'accepted'],
      ]);
      expect(trail.at(-1)).toEqual(
        expect.objectContaining({
          action: 'cancel',
          outcome: 'accepted',
          requestId: `cancel-${id}`,
          details: { reason: 'merged into the chat programme', outcome: 'cancelled' },
        }),
      );
      // Every accepted step a person caused carries the id of their request.
      for (const entry of trail.filter((e) => e.outcome === 'accepted' && e.actor !== 'system')) {
        expect([entry.action, entry.requestId]).toEqual([entry.action, expect.stringMatching(/\S/)]);
      }
    });
  });
});
