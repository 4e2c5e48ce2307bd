import { randomUUID } from 'node:crypto';
import { loadConfig } from '@cio/config';
import { eventually } from '@cio/testing';
import { people } from '../support/api-fixtures';
import { type FaultSystem, startFaultSystem } from '../support/fault-system';
import {
  expectWholeRegister,
  shortInitiative,
  shortPlan,
  shortScenarioSteps,
  startInPlanning,
} from '../support/fault-scenario';
import type { ApiResponse } from '../support/gateway-process';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

// PostgreSQL goes away under the worker and the gateway (both their own processes, reaching it
// through a TCP proxy the test cuts): refused outright, as when the server is down, or silent, as
// behind a dead network path. Activities retry with backoff and the gateway answers 503 at once.
const ANSWER_WITHIN_MS = 5_000;

describe('PostgreSQL unreachable for a while', () => {
  let proxy: TcpProxy;
  let system: FaultSystem;

  beforeAll(async () => {
    const admin = new URL(loadConfig().test.databaseAdminUrl ?? '');
    proxy = await startTcpProxy({ host: admin.hostname, port: Number(admin.port) });
    system = await startFaultSystem({
      name: 'register-outage',
      routeDatabase: proxy.route,
      gateway: true,
      env: {
        DB_CONNECT_TIMEOUT_MS: '2000',
        DB_STATEMENT_TIMEOUT_MS: '2000',
        GATEWAY_UPDATE_TIMEOUT_MS: '3000',
      },
    });
  });
  afterAll(async () => {
    await proxy?.restore();
    await system?.stop();
    await proxy?.stop();
  });

  it.each(['refuse', 'blackhole'] as const)(
    'connections %s: writes retry and land once; the gateway answers 503 within seconds and is not ready',
    async (mode) => {
      const { dataSource } = system;
      const gateway = system.gateway!;
      const definition = shortInitiative(`outage-${mode}-${randomUUID().slice(0, 8)}`);
      const handle = await startInPlanning(system, definition);
      const [maria, li, omar] = await Promise.all(
        [people.maria, people.li, people.omar].map((who) => gateway.token(who)),
      );
      const path = `/initiatives/${definition.id}`;
      const submitted = await gateway.call('POST', `${path}/plans`, { token: maria, body: shortPlan });
      expect(submitted.status).toBe(200);
      const key = { 'idempotency-key': `outage-${definition.id}` };

      await proxy.cut(mode);
      let answers: (ApiResponse & { ms: number })[];
      try {
        const timed = async (call: () => Promise<ApiResponse>) => {
          const started = Date.now();
          const response = await call();
          return { ...response, ms: Date.now() - started };
        };
        answers = await Promise.all(
          [
            // Authorised from what the gateway knows; the workflow applies it, its register write retries.
            () => gateway.call('POST', `${path}/plans/1/approvals`, { token: li, body: {} }),
            () => gateway.call('POST', `${path}/plans/1/approvals`, { token: omar, body: {}, headers: key }),
            () => gateway.call('GET', path, { token: maria }),
            () => gateway.call('GET', '/initiatives', { token: maria }),
            () => gateway.call('GET', '/health/ready'),
          ].map(timed),
        );
        for (const answer of answers) {
          expect(answer).toEqual(expect.objectContaining({ status: 503 }));
          expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
        }
        const errorBody = (code: string) => ({
          code,
          message: expect.any(String),
          details: [],
          requestId: expect.any(String),
        });
        expect(answers.slice(0, 4).map((a) => a.body)).toEqual([
          errorBody('UPDATE_NOT_CONFIRMED'),
          errorBody('REGISTER_UNAVAILABLE'),
          errorBody('REGISTER_UNAVAILABLE'),
          errorBody('REGISTER_UNAVAILABLE'),
        ]);
        expect(answers[4]!.body).toEqual({
          status: 'unavailable',
          checks: { postgres: { status: 'down', error: expect.any(String) }, temporal: { status: 'up' } },
        });
        // The approval's register write is pending: refused, it fails and is retried with backoff;
        // on a silent connection its attempt waits (bounded by the activity's start-to-close timeout).
        await eventually(async () => {
          const { raw } = await handle.describe();
          const audit = raw.pendingActivities?.find((a) => a.activityType?.name === 'recordAudit');
          expect(audit?.attempt).toBeGreaterThanOrEqual(mode === 'refuse' ? 2 : 1);
        }, 15_000);
      } finally {
        await proxy.restore();
      }

      // After recovery: the accepted approval is recorded once, the keyed retry of the refused one
      // applies it, and the gateway is ready again.
      const retried = await gateway.call('POST', `${path}/plans/1/approvals`, {
        token: omar,
        body: {},
        headers: key,
      });
      expect(retried.status).toBe(200);
      expect(retried.body.plan.decisions.map((d: { role: string }) => d.role)).toEqual([
        'cs-lead',
        'change-board',
      ]);
      await eventually(async () => expect((await gateway.call('GET', '/health/ready')).status).toBe(200));
      expect((await handle.result()).closed?.outcome).toBe('completed');
      await expectWholeRegister(dataSource, definition, shortScenarioSteps(['cs-lead', 'change-board']));
    },
  );
});
