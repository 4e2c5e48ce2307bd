import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { loadConfig, workspaceRoot } from '@cio/config';
import { ensurePromtool, eventually, freePort, type RunningPrometheus, startPrometheus } from '@cio/testing';
import { people } from '../support/api-fixtures';
import { shortInitiative, shortPlan, startInPlanning } from '../support/fault-scenario';
import { type FaultSystem, startFaultSystem } from '../support/fault-system';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

// What an operator is given to watch the system: the alert rules and the Grafana dashboard under
// deploy/, checked by Debian's promtool and against the metrics a running system exports.
const deploy = join(workspaceRoot, 'deploy');
const rulesDir = join(deploy, 'prometheus/rules');
const rulesFile = join(rulesDir, 'cio-alerts.yml');
const dashboardFile = join(deploy, 'grafana/dashboards/continual-improvement.json');

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleTest {
  name: string;
  alert_rule_test: { alertname: string; exp_alerts: unknown[] }[];
}
interface Target {
  refId: string;
  expr: string;
  datasource: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: Target[];
}

const rules = (parse(readFileSync(rulesFile, 'utf8')) as { groups: { rules: AlertRule[] }[] }).groups.flatMap(
  (group) => group.rules,
);
const ruleTests = (
  parse(readFileSync(join(rulesDir, 'cio-alerts.test.yml'), 'utf8')) as { tests: RuleTest[] }
).tests;
const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string }[] };
};
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');

/** A panel's query as Prometheus receives it from Grafana (its interval variable filled in). */
const asSent = (expr: string) => expr.replaceAll('$__rate_interval', '15s');

/** The metric names an expression selects (by the PromQL grammar Prometheus's own UI uses). */
function metricNames(expr: string): string[] {
  const names = new Set<string>();
  const source = asSent(expr);
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.name === '⚠') throw new Error(`not PromQL at ${cursor.from}: ${expr}`);
    if (cursor.name === 'VectorSelector' && cursor.firstChild()) {
      if ((cursor.name as string) === 'Identifier') names.add(source.slice(cursor.from, cursor.to));
      cursor.parent();
    }
  } while (cursor.next());
  return [...names];
}

function promtool(...args: string[]) {
  const run = spawnSync(ensurePromtool(), args, { cwd: rulesDir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('alert rules', () => {
  it('pass promtool check rules, and the compose Prometheus config that loads them passes check config', () => {
    const rulesCheck = promtool('check', 'rules', rulesFile);
    expect(rulesCheck.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(rulesCheck.status).toBe(0);
    const configCheck = promtool('check', 'config', join(deploy, 'prometheus/prometheus.yml'));
    expect(configCheck.output).toContain('is valid prometheus config file syntax');
    expect(configCheck.status).toBe(0);
  });

  it('fire on the series of their unit tests and stay quiet on the others (promtool test rules)', () => {
    const run = promtool('test', 'rules', 'cio-alerts.test.yml');
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('cover what an operator must hear about, each with a test that fires it, one that does not, and a runbook section', () => {
    expect(rules.map((rule) => rule.alert).sort()).toEqual(
      [
        'CioActivitiesFailing',
        'CioDataSourceFailing',
        'CioDeliveriesFailing',
        'CioGatewayAbsent',
        'CioGatewayErrors',
        'CioNonDeterminism',
        'CioOverdueWaitsGrowing',
        'CioWaitsReachNobody',
        'CioWorkerAbsent',
        'CioWorkerSlotsExhausted',
        'CioWorkflowTasksFailing',
      ].sort(),
    );
    const checks = ruleTests.flatMap((test) => test.alert_rule_test);
    const runbook = readFileSync(join(workspaceRoot, 'docs/runbook.md'), 'utf8');
    const anchors = [...runbook.matchAll(/^#+ (.+)$/gm)].map(([, heading]) =>
      heading!
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replaceAll(' ', '-'),
    );
    for (const rule of rules) {
      const own = checks.filter((check) => check.alertname === rule.alert);
      expect({ alert: rule.alert, fires: own.some((check) => check.exp_alerts.length > 0) }).toEqual({
        alert: rule.alert,
        fires: true,
      });
      expect({ alert: rule.alert, quiet: own.some((check) => check.exp_alerts.length === 0) }).toEqual({
        alert: rule.alert,
        quiet: true,
      });
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      const [file, anchor] = (rule.annotations?.runbook ?? '').split('#');
      expect(file).toBe('docs/runbook.md');
      expect(anchors).toContain(anchor);
    }
  });
});

describe('the Grafana dashboard', () => {
  it('lays its panels on the 24-column grid without overlap, each with a title, a description and unique id', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++)
        for (let column = x; column < x + w; column++) {
          expect(cells.has(`${row},${column}`)).toBe(false);
          cells.add(`${row},${column}`);
        }
      expect(panel.title).toBeTruthy();
      if (panel.type !== 'row') expect(panel.description).toBeTruthy();
    }
  });

  it('queries the Prometheus chosen in its data source variable, in valid PromQL', () => {
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    for (const panel of queryPanels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource).toEqual(panel.datasource);
        expect(metricNames(target.expr).length).toBeGreaterThan(0);
      }
    }
  });

  it('shows what the issue asks for: requests, initiatives, waits, deliveries, tasks, activities, slots, cache and memory', () => {
    const everything = queryPanels
      .flatMap((panel) => panel.targets ?? [])
      .flatMap((t) => metricNames(t.expr));
    for (const name of [
      'cio_gateway_http_request_duration_seconds_count',
      'cio_gateway_http_request_duration_seconds_bucket',
      'cio_initiatives',
      'cio_waits_overdue',
      'cio_notifications',
      'cio_deliveries',
      'cio_collection_windows_failing',
      'temporal_workflow_task_execution_latency_bucket',
      'temporal_workflow_task_execution_failed',
      'temporal_activity_execution_latency_bucket',
      'temporal_activity_execution_failed',
      'temporal_worker_task_slots_available',
      'temporal_sticky_cache_size',
      'cio_worker_resident_memory_bytes',
    ])
      expect(everything).toContain(name);
  });
});

// A system as deployed, one process each (worker, gateway) on the suites' dev server and a fresh
// register behind a proxy the test cuts; a real Prometheus scrapes both under the job names of
// deploy/prometheus/prometheus.yml and evaluates the rules. The test then makes happen what the
// panels and rules watch: requests and refusals, an initiative's activities and workflow tasks,
// approval notices, an evaluation, a workflow type no worker knows, and a register outage failing
// activities.
describe('the rules and the dashboard on a running system', () => {
  let proxy: TcpProxy;
  let system: FaultSystem;
  let prometheus: RunningPrometheus;
  let workerMetrics: string;
  let strayWorkflowId: string;

  const exported = async () => {
    const texts = await Promise.all(
      [`http://${workerMetrics}/metrics`, `${system.gateway!.baseUrl}/metrics`].map(async (url) =>
        (await fetch(url)).text(),
      ),
    );
    return new Set(
      texts
        .join('\n')
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.replace(/[{ ].*$/, '')),
    );
  };
  const query = async (expr: string) => {
    const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await response.json()) as { status: string; error?: string; data?: { result: unknown[] } };
  };

  beforeAll(async () => {
    const admin = new URL(loadConfig().test.databaseAdminUrl ?? '');
    proxy = await startTcpProxy({ host: admin.hostname, port: Number(admin.port) });
    workerMetrics = `127.0.0.1:${await freePort()}`;
    system = await startFaultSystem({
      name: 'monitoring',
      routeDatabase: proxy.route,
      gateway: true,
      env: {
        WORKER_METRICS_ADDRESS: workerMetrics,
        DB_CONNECT_TIMEOUT_MS: '2000',
        // A configured source is reported from the start (nothing pulls from it here).
        DATA_SOURCES: JSON.stringify([{ name: 'prometheus', kind: 'prometheus', url: 'http://127.0.0.1:9' }]),
      },
    });
    prometheus = await startPrometheus({
      jobs: [
        { name: 'cio-gateway', targets: [new URL(system.gateway!.baseUrl).host] },
        { name: 'cio-worker', targets: [workerMetrics] },
      ],
      ruleFiles: [rulesFile],
      scrapeInterval: '1s',
    });

    const gateway = system.gateway!;
    const maria = await gateway.token(people.maria);
    const definition = shortInitiative(`monitoring-${randomUUID().slice(0, 8)}`);
    await startInPlanning(system, definition);
    expect((await gateway.call('GET', '/initiatives', { token: maria })).status).toBe(200);
    expect((await gateway.call('GET', '/initiatives/no-such-one', { token: maria })).status).toBe(404);
    const plan = await gateway.call('POST', `/initiatives/${definition.id}/plans`, {
      token: maria,
      body: shortPlan,
    });
    expect(plan.status).toBe(200);
    // Approved by both roles: the evaluation window opens, and its verdict is recorded.
    for (const approver of [people.li, people.omar]) {
      const approval = await gateway.call('POST', `/initiatives/${definition.id}/plans/1/approvals`, {
        token: await gateway.token(approver),
        body: {},
      });
      expect(approval.status).toBe(200);
    }
    await eventually(async () => {
      const [row] = await system.dataSource.query(
        `SELECT count(*)::int AS n FROM evaluations WHERE initiative_id = $1`,
        [definition.id],
      );
      expect(row.n).toBeGreaterThan(0);
    }, 60_000);

    // A deploy that lacks a workflow type: its tasks fail and are retried.
    strayWorkflowId = `stray-${randomUUID()}`;
    await system.client.workflow.start('noSuchWorkflow', {
      taskQueue: system.taskQueue,
      workflowId: strayWorkflowId,
      args: [],
    });
    // The register goes away: the gateway answers 503, the register check's activity fails.
    await proxy.cut('refuse');
    try {
      expect((await gateway.call('GET', '/initiatives', { token: maria })).status).toBe(503);
      const check = await system.client.workflow.start('registerCheckWorkflow', {
        taskQueue: system.taskQueue,
        workflowId: `register-check-${randomUUID()}`,
        args: [],
      });
      // Its three attempts fail over three seconds, seen by Prometheus scrape by scrape.
      await expect(check.result()).rejects.toThrow();
    } finally {
      await proxy.restore();
    }
    // The approval notices and the verdict are counted once the register is read again for the gauges.
    await eventually(async () => {
      const names = await exported();
      expect(names).toContain('cio_notifications');
      expect(names).toContain('cio_evaluations');
    }, 40_000);
  }, 240_000);

  afterAll(async () => {
    await system?.client.workflow
      .getHandle(strayWorkflowId)
      .terminate('test over')
      .catch(() => undefined);
    await prometheus?.stop();
    await proxy?.restore();
    await system?.stop();
    await proxy?.stop();
  });

  it('every metric a rule or a panel names is one the gateway or the worker exports (or up, from the scrape)', async () => {
    const names = await exported();
    const referenced = new Set([
      ...rules.flatMap((rule) => metricNames(rule.expr)),
      ...queryPanels.flatMap((panel) => panel.targets ?? []).flatMap((target) => metricNames(target.expr)),
    ]);
    const missing = [...referenced].filter((name) => name !== 'up' && !names.has(name));
    expect(missing).toEqual([]);
    expect(referenced.size).toBeGreaterThan(20);
  });

  it('Prometheus loads the rules and evaluates every one without error', async () => {
    await eventually(async () => {
      const response = await fetch(`${prometheus.url}/api/v1/rules`);
      const { data } = (await response.json()) as {
        data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
      };
      const loaded = data.groups.flatMap((group) => group.rules);
      expect(loaded.map((rule) => rule.name).sort()).toEqual(rules.map((rule) => rule.alert).sort());
      for (const rule of loaded)
        expect({ rule: rule.name, health: rule.health }).toEqual({ rule: rule.name, health: 'ok' });
    }, 30_000);
    // Both jobs are scraped and up, so the absence alerts are quiet.
    const up = await query('up');
    expect(up.data?.result).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          metric: expect.objectContaining({ job: 'cio-gateway' }),
          value: [expect.any(Number), '1'],
        }),
        expect.objectContaining({
          metric: expect.objectContaining({ job: 'cio-worker' }),
          value: [expect.any(Number), '1'],
        }),
      ]),
    );
  });

  it("the failure alerts' expressions match the failures the system had, labels included", async () => {
    const expressionOf = (alert: string) => rules.find((rule) => rule.alert === alert)!.expr;
    await eventually(async () => {
      const tasks = await query(expressionOf('CioWorkflowTasksFailing'));
      expect(tasks.data?.result).toContainEqual(
        expect.objectContaining({
          metric: expect.objectContaining({
            workflow_type: 'noSuchWorkflow',
            failure_reason: 'WorkflowError',
          }),
        }),
      );
      const activities = await query(expressionOf('CioActivitiesFailing'));
      expect(activities.data?.result).toContainEqual(
        expect.objectContaining({ metric: expect.objectContaining({ activity_type: 'describeRegister' }) }),
      );
    }, 30_000);
    // The selectors of the other rules match series of the running system.
    for (const selector of [
      'temporal_worker_task_slots_available{worker_type=~"WorkflowWorker|ActivityWorker"}',
      'cio_gateway_http_request_duration_seconds_count{status=~"5.."}',
      'cio_deliveries{status="failed"}',
      'cio_collection_windows_failing{data_source="prometheus"}',
      'up{job="cio-worker"}',
      'up{job="cio-gateway"}',
    ])
      expect({ selector, found: ((await query(selector)).data?.result.length ?? 0) > 0 }).toEqual({
        selector,
        found: true,
      });
  });

  it('every panel query runs in Prometheus and shows data from the running system', async () => {
    await eventually(async () => {
      const empty: string[] = [];
      for (const panel of queryPanels)
        for (const target of panel.targets ?? []) {
          const answer = await query(asSent(target.expr));
          expect({ panel: panel.title, status: answer.status, error: answer.error }).toEqual({
            panel: panel.title,
            status: 'success',
            error: undefined,
          });
          if (!answer.data?.result.length) empty.push(`${panel.title} (${target.refId})`);
        }
      expect(empty).toEqual([]);
    }, 40_000);
  });
});
