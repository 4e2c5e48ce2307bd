import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities } from '@cio/activities';
import { loadConfig, workspaceRoot } from '@cio/config';
import {
  INITIATIVE_WORKFLOW_TYPE,
  type InitiativeDefinition,
  initiativeWorkflowId,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { createDataSource } from '@cio/persistence';
import {
  createTestDatabase,
  eventually,
  freePort,
  launchChromium,
  manager,
  retailerInitiative,
  samplesAround,
  startDevServer,
  storeSamples,
  type TestDatabase,
} from '@cio/testing';
import { createInitiativeWorker } from '@cio/worker';

// Ops' view: the embedded Temporal Web UI in headless Chromium finds initiatives by their search
// attributes and shows each one's summary and, in plain words, what it waits on.
const screenshots = join(workspaceRoot, 'tmp/screenshots');

describe('Temporal UI (headless Chromium)', () => {
  let env: Awaited<ReturnType<typeof startDevServer>>;
  let db: TestDatabase;
  let dataSource: DataSource;
  let browser: Browser;
  let page: Page;
  let ui: string;
  let stopWorker: () => Promise<void>;
  const suffix = randomUUID().slice(0, 6);
  const initiative = (id: string, patch: Partial<InitiativeDefinition>, assessmentPeriodMs: number) => {
    const base = retailerInitiative(`${id}-${suffix}`);
    return { ...base, ...patch, policy: { ...base.policy, assessmentPeriodMs } };
  };
  const assessing = initiative('ui-assessing', {}, 3_600_000);
  const approval = initiative('ui-approval', {}, 1_500);
  const network = initiative('ui-network', { title: 'Fewer network outages', service: 'network' }, 1_500);

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const uiPort = await freePort();
    ui = `http://127.0.0.1:${uiPort}`;
    [env, db, browser] = await Promise.all([
      startDevServer({ uiPort }),
      createTestDatabase({ migrated: true }),
      launchChromium(),
    ]);
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    const config = loadConfig({ TEMPORAL_TASK_QUEUE: `ui-${suffix}` });
    const worker = await createInitiativeWorker({
      connection: env.nativeConnection,
      config,
      activities: createActivities({ dataSource, logger: pino({ level: 'silent' }) }),
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
    };
    for (const definition of [assessing, approval, network]) {
      await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
        taskQueue: config.temporal.taskQueue,
        ...initiativeStartOptions(definition),
      });
    }
    // Baseline samples for the two short assessments, then a plan for one of them.
    for (const definition of [approval, network]) {
      await eventually(async () => {
        const [row] = await dataSource.query(`SELECT created_at FROM initiatives WHERE id = $1`, [
          definition.id,
        ]);
        expect(row).toBeDefined();
        const from = new Date(row.created_at.getTime() + 1).toISOString();
        await storeSamples(dataSource, definition.id, 'response_minutes', samplesAround(12, 30), {
          from,
          to: new Date(row.created_at.getTime() + 1_000).toISOString(),
        });
      });
    }
    const handle = env.client.workflow.getHandle(initiativeWorkflowId(approval.id));
    await eventually(
      () =>
        handle.executeUpdate(submitPlanUpdate, {
          args: [
            {
              actor: manager,
              plan: {
                measures: [{ title: 'chat bot', kind: 'tool', department: 'it' }],
                tasks: [],
                trainees: [],
              },
            },
          ],
        }),
      30_000,
    );
    // Visibility is eventually consistent: wait until the server answers the queries the UI asks.
    await eventually(async () => {
      const listed = [];
      for await (const w of env.client.workflow.list({ query: 'CiPhase="AwaitingApproval"' }))
        listed.push(w.workflowId);
      expect(listed).toEqual([initiativeWorkflowId(approval.id)]);
    }, 30_000);
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await stopWorker?.();
    await dataSource?.destroy();
    await db?.drop();
    await env?.teardown();
  });

  /** The workflow ids the UI lists for a visibility query. */
  async function listed(query: string, expected: string[], shot: string): Promise<void> {
    await eventually(async () => {
      await page.goto(`${ui}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
      for (const id of expected) await page.getByText(id).first().waitFor({ timeout: 10_000 });
      const text = await page.locator('body').innerText();
      const shown = [assessing, approval, network]
        .map((d) => initiativeWorkflowId(d.id))
        .filter((id) => text.includes(id));
      expect(shown.sort()).toEqual([...expected].sort());
    }, 60_000);
    await page.screenshot({ path: join(screenshots, shot), fullPage: true });
  }

  it('finds initiatives by phase, service, cycle and what they wait on', async () => {
    await listed(
      'CiPhase="AwaitingApproval"',
      [initiativeWorkflowId(approval.id)],
      'list-awaiting-approval.png',
    );
    await listed('CiService="network"', [initiativeWorkflowId(network.id)], 'list-service-network.png');
    await listed(
      'CiWaitingOn="change-board"',
      [initiativeWorkflowId(approval.id)],
      'list-waiting-on-change-board.png',
    );
    await listed(
      'CiCycle = 1 AND CiService="network"',
      [initiativeWorkflowId(network.id)],
      'list-cycle-1-network.png',
    );
    await listed(
      'CiService="customer-support" AND CiPhase="Assessing"',
      [initiativeWorkflowId(assessing.id)],
      'list-customer-support-assessing.png',
    );
  });

  it('shows an initiative’s summary and, in plain words, what it waits on', async () => {
    await eventually(async () => {
      await page.goto(`${ui}/namespaces/default/workflows/${initiativeWorkflowId(approval.id)}`);
      // The timeline tells the story: timers and activities carry their summaries.
      await page
        .getByText('approval reminder 1/3 to cs-lead, change-board')
        .first()
        .waitFor({ timeout: 15_000 });
      await page.getByText('audit: baseline-recorded').first().waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(screenshots, 'initiative-timeline.png'), fullPage: true });
      await page.getByText('User Metadata', { exact: true }).first().click();
      // The UI renders summary, details and current details as markdown in sandboxed frames.
      await eventually(async () => {
        const texts = await Promise.all(
          page.frames().map((frame) =>
            frame
              .locator('body')
              .innerText()
              .catch(() => ''),
          ),
        );
        const text = texts.join('\n');
        expect(text).toContain('Cut customer response time · customer-support');
        expect(text).toContain('AwaitingApproval · cycle 1 of 3');
        expect(text).toMatch(/approval \(plan version 1\): waiting on role\s+cs-lead\s+since/);
        expect(text).toMatch(/waiting on role\s+change-board\s+since .*; next deadline \d{4}-/);
        expect(text).toMatch(/Escalations go to\s+cio/);
        expect(text).toContain('Baseline: response_minutes = 12 (30 samples)');
      }, 15_000);
    }, 60_000);
    await page.screenshot({ path: join(screenshots, 'initiative-awaiting-approval.png'), fullPage: true });
  });
});
