import { randomUUID } from 'node:crypto';
import { eventually } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type ApiResponse, type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// Measurement and feedback ingest over HTTP against the real gateway: a limit of its own per
// caller, apart from the commands' one, and concurrent pushes that share the register's INSERTs
// while each keeps its own answer.
const COMMAND_LIMIT = 5;
const INGEST_LIMIT = 12;

describe('gateway ingest', () => {
  let gw: GatewayHarness;
  let maria: string;
  const id = `ingest-${randomUUID().slice(0, 8)}`;
  const now = () => new Date().toISOString();

  beforeAll(async () => {
    gw = await startGatewayHarness('gateway-ingest', {
      GATEWAY_WRITE_RATE_LIMIT: String(COMMAND_LIMIT),
      GATEWAY_INGEST_RATE_LIMIT: String(INGEST_LIMIT),
    });
    maria = await gw.token(people.maria);
    const created = await gw.call('POST', '/initiatives', { token: maria, body: retailerBody(id) });
    expect(created.status).toBe(201);
    // The workflow registers the initiative right after the start.
    await eventually(async () => {
      const [row] = await gw.dataSource.query(`SELECT count(*)::int AS n FROM initiatives WHERE id = $1`, [
        id,
      ]);
      expect(row.n).toBe(1);
    });
  });
  afterAll(() => gw?.stop());

  const push = (token: string, samples: object[]) =>
    gw.call('POST', `/initiatives/${id}/measurements`, { token, body: { samples } });
  const sample = (clientKey: string, value = 11) => ({
    kpi: 'response_minutes',
    value,
    observedAt: now(),
    clientKey,
  });
  const stored = async (prefix: string) =>
    (
      await gw.dataSource.query(
        `SELECT count(*)::int AS n FROM measurements WHERE initiative_id = $1 AND client_key LIKE $2`,
        [id, `${prefix}%`],
      )
    )[0].n;

  /** A 429 with the common error body and a Retry-After within the minute's window. */
  const expectRateLimited = (response: ApiResponse) => {
    expect(response.status).toBe(429);
    expect(response.body).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/retry in \d+ s/),
      details: [],
      requestId: expect.any(String),
    });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  it('holds ingest to its own limit per caller: beyond the command limit it is accepted while commands are limited', async () => {
    const probe = await gw.token({ sub: 'probe-1', roles: ['tool'], departments: ['customer-service'] });
    // Commands first, until the command limit refuses them (guards run before validation, so a
    // bad plan counts like any other command).
    const commands: ApiResponse[] = [];
    for (let i = 0; i <= COMMAND_LIMIT; i++) {
      commands.push(await gw.call('POST', `/initiatives/${id}/plans`, { token: probe, body: {} }));
    }
    expect(commands.slice(0, COMMAND_LIMIT).map((r) => r.status)).toEqual(Array(COMMAND_LIMIT).fill(400));
    expectRateLimited(commands[COMMAND_LIMIT]!);

    // Ingest from the same caller still goes through, more often than the command limit allows;
    // measurements and feedback count together under the ingest limit.
    const FEEDBACK = COMMAND_LIMIT + 1;
    const pushes: ApiResponse[] = [];
    for (let i = 0; i < INGEST_LIMIT - FEEDBACK; i++) pushes.push(await push(probe, [sample(`limit-${i}`)]));
    expect(pushes.map((r) => r.status)).toEqual(Array(INGEST_LIMIT - FEEDBACK).fill(200));
    expect(pushes.map((r) => r.body)).toEqual(
      Array(INGEST_LIMIT - FEEDBACK).fill({ received: 1, accepted: 1, duplicates: 0 }),
    );
    for (let i = 0; i < FEEDBACK; i++) {
      const feedback = await gw.call('POST', `/initiatives/${id}/feedback`, {
        token: probe,
        body: { score: 4, clientKey: `limit-feedback-${i}` },
      });
      expect([i, feedback.status]).toEqual([i, 201]);
    }

    // Beyond its own limit, ingest is refused too (on either route), and nothing of it is stored.
    expectRateLimited(await push(probe, [sample('limit-over')]));
    expectRateLimited(
      await gw.call('POST', `/initiatives/${id}/feedback`, {
        token: probe,
        body: { score: 1, clientKey: 'over' },
      }),
    );
    expect(await stored('limit-')).toBe(INGEST_LIMIT - FEEDBACK);
    // The commands are still limited, each 429 with its Retry-After.
    expectRateLimited(await gw.call('POST', `/initiatives/${id}/plans`, { token: probe, body: {} }));
    // Another caller is not affected.
    const other = await gw.token({ sub: 'probe-2', roles: ['tool'], departments: ['customer-service'] });
    expect((await push(other, [sample('other-1')])).status).toBe(200);
  });

  it('documents the 429 and its Retry-After header in /openapi.json', async () => {
    const doc = (await gw.call('GET', '/openapi.json')).body;
    for (const path of [
      '/initiatives/{id}/measurements',
      '/initiatives/{id}/feedback',
      '/initiatives/{id}/plans',
    ]) {
      expect([path, doc.paths[path].post.responses['429'].headers['Retry-After']]).toEqual([
        path,
        expect.objectContaining({ required: true, schema: expect.objectContaining({ type: 'integer' }) }),
      ]);
    }
  });

  it('answers concurrent pushes each with its own counts, and stores every new sample once', async () => {
    const callers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gw.token({ sub: `probe-c${i}`, roles: ['tool'], departments: ['customer-service'] }),
      ),
    );
    // Each caller pushes one new sample and one that every caller sends: of those, one is new.
    const responses = await Promise.all(
      callers.map((token, i) => push(token, [sample(`conc-${i}`), sample('conc-shared', i)])),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(callers.length).fill(200));
    const bodies = responses.map((r) => r.body as { received: number; accepted: number; duplicates: number });
    expect(bodies.every((b) => b.received === 2)).toBe(true);
    expect(bodies.filter((b) => b.accepted === 2)).toHaveLength(1);
    expect(bodies.filter((b) => b.accepted === 1 && b.duplicates === 1)).toHaveLength(callers.length - 1);
    expect(await stored('conc-')).toBe(callers.length + 1);

    // A push with a bad sample fails alone and stores nothing; the pushes beside it are stored.
    const [bad, ...good] = await Promise.all([
      push(callers[0]!, [sample('conc-bad-1'), { ...sample('conc-bad-2'), kpi: 'cpu' }]),
      ...callers.slice(1, 10).map((token, i) => push(token, [sample(`conc-good-${i}`)])),
    ]);
    expect(bad!.status).toBe(422);
    expect(bad!.body.details).toEqual([expect.objectContaining({ field: 'samples[1].kpi' })]);
    expect(good.map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(await stored('conc-bad-')).toBe(0);
    expect(await stored('conc-good-')).toBe(9);
  });

  it('refuses a UTC offset PostgreSQL cannot store with 400 naming the field, not a 500', async () => {
    const response = await push(maria, [{ ...sample('offset-1'), observedAt: '2026-01-01T00:00:00+16:00' }]);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      expect.objectContaining({ field: 'samples[0].observedAt', message: expect.stringMatching(/offset/) }),
    ]);
  });
});
