import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { eventually } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type ApiResponse, type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// Authentication and authorisation over HTTP against the real gateway, dev server, worker and
// PostgreSQL: every refusal is a clear 4xx with the common error body and changes nothing.
describe('gateway security', () => {
  let gw: GatewayHarness;
  let maria: string;
  let id: string;

  beforeAll(async () => {
    gw = await startGatewayHarness('gateway-security', {
      GATEWAY_WRITE_RATE_LIMIT: '30',
      GATEWAY_INGEST_RATE_LIMIT: '30',
    });
    maria = await gw.token(people.maria);
    id = `sec-${randomUUID().slice(0, 8)}`;
    const created = await gw.call('POST', '/initiatives', { token: maria, body: retailerBody(id) });
    expect(created.status).toBe(201);
  });
  afterAll(() => gw?.stop());

  const auditCount = async () =>
    Number(
      (await gw.dataSource.query(`SELECT count(*) AS n FROM audit_entries WHERE initiative_id = $1`, [id]))[0]
        .n,
    );

  describe('401 for a missing or bad token', () => {
    const secret = () => new TextEncoder().encode(gw.gatewayConfig.auth.jwtSecret);
    const cases: [string, () => Promise<string | null>, RegExp][] = [
      ['no token', async () => null, /bearer token is required/],
      [
        'an expired token',
        () => gw.token(people.maria, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
        /expired/,
      ],
      [
        'a wrong signature',
        () => gw.token(people.maria, { secret: 'another-secret-that-is-long-enough-1234' }),
        /signature/,
      ],
      ['a wrong issuer', () => gw.token(people.maria, { issuer: 'someone-else' }), /iss/],
      ['a wrong audience', () => gw.token(people.maria, { audience: 'another-api' }), /aud/],
      [
        'alg none',
        async () =>
          new UnsecuredJWT({ roles: ['admin'], departments: [] })
            .setSubject('mallory')
            .setIssuer(gw.gatewayConfig.auth.issuer)
            .setAudience(gw.gatewayConfig.auth.audience)
            .setExpirationTime('1h')
            .encode(),
        /algorithm|invalid/,
      ],
      [
        'HS512 instead of HS256',
        () =>
          new SignJWT({ roles: ['admin'] })
            .setProtectedHeader({ alg: 'HS512' })
            .setSubject('mallory')
            .setIssuer(gw.gatewayConfig.auth.issuer)
            .setAudience(gw.gatewayConfig.auth.audience)
            .setExpirationTime('1h')
            .sign(secret()),
        /algorithm/,
      ],
      [
        'no expiry',
        () =>
          new SignJWT({ roles: ['admin'] })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('mallory')
            .setIssuer(gw.gatewayConfig.auth.issuer)
            .setAudience(gw.gatewayConfig.auth.audience)
            .sign(secret()),
        /exp/,
      ],
      ['garbage', async () => 'not.a.jwt', /invalid/],
    ];
    it.each(cases)('%s', async (_what, token, message) => {
      for (const [method, path] of [
        ['GET', '/initiatives'],
        ['GET', `/initiatives/${id}`],
        ['POST', `/initiatives/${id}/cancel`],
        ['GET', '/me/work'],
      ] as const) {
        const response = await gw.call(method, path, {
          token: await token(),
          body: method === 'POST' ? { reason: 'x' } : undefined,
        });
        expect(response.status).toBe(401);
        expect(response.body).toEqual({
          code: 'UNAUTHENTICATED',
          message: expect.stringMatching(message),
          details: [],
          requestId: expect.any(String),
        });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    });

    it('leaves health probes open', async () => {
      expect((await gw.call('GET', '/health/live')).status).toBe(200);
    });
  });

  it('403 for a role the policy does not name, recorded in the audit trail, nothing changed', async () => {
    const before = await auditCount();
    const ivan = await gw.token(people.ivan);
    // ivan cannot even see it (another department, no policy role): 404
    expect(
      (await gw.call('POST', `/initiatives/${id}/cancel`, { token: ivan, body: { reason: 'x' } })).status,
    ).toBe(404);
    const li = await gw.token(people.li);
    const refused = await gw.call('POST', `/initiatives/${id}/cancel`, {
      token: li,
      body: { reason: 'not mine to cancel' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    const state = await gw.call('GET', `/initiatives/${id}`, { token: maria });
    expect(state.body.state.phase).toBe('Assessing');
    const trail = await gw.call('GET', `/initiatives/${id}/audit`, { token: maria });
    const refusals = trail.body.items.filter((e: { outcome: string }) => e.outcome === 'refused');
    expect(refusals).toEqual([
      expect.objectContaining({
        actor: 'ivan',
        action: 'cancel',
        details: expect.objectContaining({ code: 'INITIATIVE_NOT_FOUND' }),
      }),
      expect.objectContaining({
        actor: 'li',
        action: 'cancel',
        requestId: refused.body.requestId,
        details: expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }),
      }),
    ]);
    expect(await auditCount()).toBe(before + 2); // the two refusals, nothing else
  });

  it("404 for another department's initiative, in reads and in the list", async () => {
    const fatima = await gw.token(people.fatima);
    const read = await gw.call('GET', `/initiatives/${id}`, { token: fatima });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('INITIATIVE_NOT_FOUND');
    expect((await gw.call('GET', `/initiatives/${id}/audit`, { token: fatima })).status).toBe(404);
    expect((await gw.call('GET', `/initiatives?q=${id}`, { token: fatima })).body.items).toEqual([]);
    const admin = await gw.token(people.root);
    expect((await gw.call('GET', `/initiatives?q=${id}`, { token: admin })).body.items).toHaveLength(1);
  });

  it('413 for a body over the limit, with the common error body', async () => {
    const huge = JSON.stringify({ reason: 'x'.repeat(gw.gatewayConfig.gateway.bodyLimitBytes + 10) });
    const response = await gw.call('POST', `/initiatives/${id}/pause`, { token: maria, rawBody: huge });
    expect(response.status).toBe(413);
    expect(response.body).toEqual(
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) }),
    );
  });

  it('405 with an Allow header for a method a known path does not answer, 404 for an unknown path', async () => {
    const wrongMethod = await gw.call('DELETE', '/initiatives', { token: maria });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(wrongMethod.body).toEqual(
      expect.objectContaining({
        code: 'METHOD_NOT_ALLOWED',
        details: [expect.objectContaining({ field: 'method' })],
        requestId: expect.any(String),
      }),
    );
    const approvals = await gw.call('PUT', `/initiatives/${id}/plans/1/approvals`, { token: maria });
    expect([approvals.status, approvals.headers.get('allow')]).toEqual([405, 'POST']);
    const unknown = await gw.call('GET', '/nowhere', { token: maria });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('sends security headers and echoes a request id', async () => {
    const response = await gw.call('GET', '/initiatives', {
      token: maria,
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('documents every route in /openapi.json: schemas, errors, the bearer scheme, examples', async () => {
    const response = await gw.call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.components.securitySchemes.bearer).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    for (const schema of [
      'Error',
      'CreateInitiative',
      'InitiativeState',
      'InitiativePage',
      'Initiative',
      'SubmitPlan',
      'MeasurementBatch',
      'AuditPage',
      'MyWork',
    ]) {
      expect(Object.keys(doc.components.schemas)).toContain(schema);
    }
    expect(doc.components.schemas.CreateInitiative.example).toEqual(
      expect.objectContaining({ service: 'customer-support' }),
    );
    // Text that must say something is documented as such: a blank title is refused, and says so.
    expect(doc.components.schemas.CreateInitiative.properties.title).toEqual(
      expect.objectContaining({ type: 'string', pattern: '\\S' }),
    );
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, ApiResponse['body']>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    // Public: health, and how to sign in (the web app asks before anyone has a token).
    const open = operations.filter((o) => o.path.startsWith('/health') || o.path === '/auth/config');
    expect(open.filter((o) => !o.path.startsWith('/health')).map((o) => o.operation.security)).toEqual([
      undefined,
    ]);
    const guarded = operations.filter((o) => !open.includes(o));
    expect(guarded.length).toBeGreaterThanOrEqual(17);
    for (const { path, method, operation } of guarded) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, operation.security]).toEqual([where, [{ bearer: [] }]]);
      expect([where, Object.keys(operation.responses)]).toEqual([
        where,
        expect.arrayContaining(['400', '401', '503']),
      ]);
      expect(operation.responses['401'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/Error',
      );
      expect([where, operation.summary]).toEqual([where, expect.any(String)]);
      if (method === 'post') expect([where, operation.requestBody]).toEqual([where, expect.anything()]);
      if (method === 'post' && path !== '/initiatives') {
        expect([where, operation.parameters.map((p: { name: string }) => p.name)]).toEqual([
          where,
          expect.arrayContaining(['Idempotency-Key']),
        ]);
      }
    }
  });

  it('rate-limits state-changing calls per caller with 429, reads stay open, and logs carry the request id', async () => {
    const tool = await gw.token({ sub: 'busy-tool', roles: ['tool'], departments: ['customer-service'] });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const response = await gw.call('POST', `/initiatives/${id}/feedback`, {
        token: tool,
        body: { score: 4, clientKey: `rate-${i}` },
        headers: { 'x-request-id': `rate-${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.body.code).toBe('RATE_LIMITED');
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    expect((await gw.call('GET', `/initiatives/${id}/audit`, { token: tool })).status).toBe(200);
    // Another caller is not affected.
    expect(
      (await gw.call('POST', `/initiatives/${id}/feedback`, { token: maria, body: { score: 5 } })).status,
    ).toBe(201);
    await eventually(() => {
      const line = gw
        .output()
        .split('\n')
        .find((l) => l.includes('"rate-3"'));
      expect(line && JSON.parse(line)).toEqual(
        expect.objectContaining({
          req: expect.objectContaining({ id: 'rate-3' }),
          user: 'busy-tool',
          initiativeId: id,
          workflowId: `initiative-${id}`,
          res: expect.anything(),
        }),
      );
    });
  });

  it('exposes request histograms by route and status on /metrics', async () => {
    const response = await fetch(`${gw.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const count = (labels: string) =>
      Number(
        new RegExp(`cio_gateway_http_request_duration_seconds_count\\{${labels}\\} (\\d+)`).exec(text)?.[1] ??
          0,
      );
    expect(count('method="POST",route="/initiatives/:id/cancel",status="403"')).toBeGreaterThanOrEqual(1);
    expect(count('method="GET",route="/initiatives/:id",status="404"')).toBeGreaterThanOrEqual(1);
    expect(count('method="POST",route="/initiatives",status="201"')).toBe(1);
    expect(text).toContain('cio_gateway_process_cpu_seconds_total');
  });
});
