import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, samplesAround } from '@cio/testing';
import { people } from '../../support/api-fixtures';
import type { GatewayHarness } from '../../support/gateway-harness';
import {
  axeViolations,
  Cast,
  itFoundNoProblems,
  openContext,
  screenshot,
  startWebApp,
  tableRows,
  waitForText,
} from './browser-support';

// The retailer scenario (shared/scenarios/retailer.md) driven only by clicking and typing in the
// web app, against the real system: Temporal dev server, PostgreSQL, the worker, the gateway as
// its own process serving the built app. Each person signs in through the development sign-in in
// their own browser context; the support platform's samples arrive through the API (it is a
// monitoring tool, not a person). Windows are seconds long, set through the create form's units.
const SECOND = 1_000;
const TITLE = 'Cut customer response time';
const SERVICE = 'customer-support';
const HOSTILE = '<img src=x onerror=alert(1)> <b>bold</b>';

describe('the web app, in Chromium, against the real system', () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let monitorToken: string;
  const id = `retail-${randomUUID().slice(0, 8)}`;
  const cast = new Cast(() => ({ browser, baseUrl: gw.baseUrl }), 'failed');

  const app = (path = '/') => `${gw.baseUrl}/app${path}`;
  const push = async (median: number, count: number) => {
    const observedAt = new Date().toISOString();
    const samples = samplesAround(median, count).map((value, i) => ({
      kpi: 'response_minutes',
      value,
      observedAt,
      clientKey: `${median}-${i}`,
    }));
    const pushed = await gw.call('POST', `/initiatives/${id}/measurements`, {
      token: monitorToken,
      body: { samples },
    });
    expect(pushed.body).toEqual({ received: count, accepted: count, duplicates: 0 });
  };
  /** The initiative page's header says this phase and cycle (the page refreshes by itself). */
  const phaseIs = (page: Page, phase: string, cycle: number, timeoutMs = 30_000) =>
    waitForText(page, '.initiative-header', new RegExp(`${phase}[\\s\\S]*cycle ${cycle} of 3`), timeoutMs);
  const card = (page: Page, title = TITLE) => page.getByRole('article', { name: title });
  const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19);

  beforeAll(async () => {
    gw = await startWebApp('web-browser');
    monitorToken = await gw.token(people.monitor);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it(
    'runs the retailer scenario by clicking and typing, as each person',
    cast.keepingPages(async () => {
      // 1. Maria signs in (the sign-in page first, scanned as it is) and creates the initiative.
      const maria = await (async () => {
        const { page } = await signInPageOnly();
        await cast.scan(page, 'sign-in');
        await page.getByRole('button', { name: /^Maria/ }).click();
        await page.getByRole('heading', { name: 'My work' }).waitFor();
        await cast.scan(page, 'my-work-empty');
        return cast.everyone[cast.everyone.length - 1]!;
      })();
      const m = maria.page;
      await m.getByRole('link', { name: 'New initiative' }).click();
      await m.getByRole('heading', { name: 'New initiative' }).waitFor();
      await m.getByRole('button', { name: 'Create the initiative' }).click();
      await m.getByText('fields need your attention').waitFor();
      await cast.scan(m, 'new-initiative-errors');
      await m.getByLabel('Title').fill(TITLE);
      await m.getByLabel(/^Service/).fill(SERVICE);
      await m.getByLabel(/^Id/).fill(id);
      expect(await m.getByLabel(/^Owning department/).inputValue()).toBe('customer-service');
      await m.getByLabel(/^Name/).fill('response_minutes');
      await m.getByLabel('Unit', { exact: true }).fill('minutes');
      await m.getByLabel('Aggregate').selectOption('median');
      await m.getByLabel('Target value').fill('5');
      const duration = async (label: string, amount: string, unit: string) => {
        await m.getByLabel(label, { exact: true }).fill(amount);
        await m.getByLabel(`Unit of “${label}”`).selectOption(unit);
      };
      await duration('Assessment period', '5', 'seconds');
      await duration('Evaluation window', '5', 'seconds');
      await duration('Follow-up reviews every', '6', 'seconds');
      await duration('Implementation reminders every', '1', 'seconds');
      // The retailer's policy is the form's default: cs-lead and change-board, all; cio; 30 samples.
      expect(await m.getByLabel('Approving roles').inputValue()).toBe('cs-lead, change-board');
      expect(await m.getByLabel('Escalate to role').inputValue()).toBe('cio');
      expect(await m.getByLabel('Samples needed per window').inputValue()).toBe('30');
      await screenshot(m, 'new-initiative-filled');
      await m.getByRole('button', { name: 'Create the initiative' }).click();
      await m.waitForURL(`**/app/initiatives/${id}`);
      // 2. Assess: the support platform pushes 40 samples around 12 within the 5 s assessment.
      await push(12, 40);
      await m.locator('h1', { hasText: TITLE }).waitFor();
      await waitForText(m, '.initiative-header', 'Assessing');
      await cast.scan(m, 'initiative-assessing');
      await phaseIs(m, 'Planning', 1);
      await waitForText(m, '#definition', 'baseline 12 minutes (40 samples)');

      // 3. Cycle 1 plan: the tool (it), agent training for alice, bob and chen.
      const later = utc(Date.now() + 120 * SECOND);
      await fillMeasure(m, 1, 'automated customer service system', 'Tool', 'it');
      await m.getByRole('button', { name: 'Add a measure' }).click();
      await fillMeasure(m, 2, 'agent training', 'Training', 'customer-service');
      await m.getByRole('button', { name: 'Add a task' }).click();
      const task = m.getByRole('group', { name: 'Task 1', exact: true });
      await task.getByLabel('Title').fill('automated system is live');
      await task.getByLabel('Task id').fill('automation-live');
      await task.getByLabel('Department').fill('it');
      await task.getByLabel('Due').fill(later);
      for (const [n, trainee] of ['alice', 'bob', 'chen'].entries()) {
        await m.getByRole('button', { name: 'Add a trainee' }).click();
        const row = m.getByRole('group', { name: `Trainee ${n + 1}`, exact: true });
        await row.getByLabel('Person').fill(trainee);
        await row.getByLabel('Due').fill(later);
      }
      await screenshot(m, 'initiative-plan-form');
      await m.getByRole('button', { name: 'Submit the plan for approval' }).click();
      await m.getByText(`Plan version 1 of “${TITLE}” is submitted for approval.`).waitFor();
      await phaseIs(m, 'Awaiting approval', 1);
      await waitForText(m, '.banner', 'Waiting on the cs-lead role: Approval of the plan');
      await waitForText(m, '.banner', 'Escalates to cio after 3 reminders');

      // 4. Omar (change-board) rejects from My work: a reason is required, at the field.
      const omar = await cast.signIn('Omar');
      const o = omar.page;
      await waitForText(o, 'header', 'My work');
      await card(o).waitFor();
      await cast.scan(o, 'my-work-approval');
      await card(o).getByRole('button', { name: 'Reject' }).click();
      await card(o).getByText('Give a reason for the rejection.').waitFor();
      expect(await card(o).getByLabel('Comment or reason').getAttribute('aria-invalid')).toBe('true');
      await card(o).getByLabel('Comment or reason').fill('no rollback plan');
      await card(o).getByRole('button', { name: 'Reject' }).click();
      await o.getByText(`You rejected plan version 1 of “${TITLE}”.`).waitFor();
      await card(o).waitFor({ state: 'detached' });

      // Alice holds no approving role: her page offers no decision at all.
      const alice = await cast.signIn('Alice', { path: `/initiatives/${id}` });
      await alice.page.locator('h1', { hasText: TITLE }).waitFor();
      expect(await alice.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

      // Maria reworks version 1: its rows are filled in, the reason shown; chen's due is soon.
      await m.reload();
      await m.getByRole('heading', { name: 'Rework plan version 1' }).waitFor();
      await waitForText(m, '#actions', 'no rollback plan');
      expect(
        await m.getByRole('group', { name: 'Measure 2', exact: true }).getByLabel('Title').inputValue(),
      ).toBe('agent training');
      // A whole second: the form's field takes seconds, so this is the deadline exactly.
      const chenDue = Math.ceil((Date.now() + 12 * SECOND) / SECOND) * SECOND;
      await m.getByRole('group', { name: 'Trainee 3', exact: true }).getByLabel('Due').fill(utc(chenDue));
      await m.getByRole('button', { name: 'Submit the reworked plan' }).click();
      await m.getByText(`Plan version 2 of “${TITLE}” is submitted for approval.`).waitFor();

      // Li approves version 2 with a double click: one decision.
      const li = await cast.signIn('Li');
      await card(li.page).getByLabel('Comment or reason').fill('ok');
      await card(li.page).getByRole('button', { name: 'Approve' }).dblclick();
      await li.page.getByText(`You approved plan version 2 of “${TITLE}”.`).waitFor();
      await o.reload();
      await card(o).getByRole('button', { name: 'Approve' }).click();
      await o.getByText(`You approved plan version 2 of “${TITLE}”.`).waitFor();
      await phaseIs(m, 'Implementing', 1);

      // 5. Ivan (it) confirms the system is live; alice and bob (in Chinese) confirm their training.
      const ivan = await cast.signIn('Ivan');
      await ivan.page.getByRole('button', { name: 'Confirm task “automation-live” done' }).click();
      await ivan.page.getByText(`Task “automation-live” of “${TITLE}” is confirmed done.`).waitFor();
      await alice.page.goto(app('/'));
      await alice.page.getByRole('button', { name: 'Confirm training of alice completed' }).click();
      await alice.page.getByText(`The training of alice for “${TITLE}” is confirmed.`).waitFor();
      const bob = await cast.signIn('Bob', { locale: 'zh-CN' });
      const b = bob.page;
      await b.getByRole('heading', { name: '我的待办' }).waitFor();
      await waitForText(b, 'main', 'bob 的培训');
      const since = new Intl.DateTimeFormat('zh-CN', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      });
      const approvedAt = (await gw.call('GET', `/initiatives/${id}`, { token: await gw.token(people.maria) }))
        .body.state.plan.approvedAt as string;
      await waitForText(b, 'main', `始于 ${since.format(new Date(approvedAt))}`);
      await cast.scan(b, 'zh-my-work-training');
      await b.getByRole('button', { name: '确认 bob 已完成培训' }).click();
      await b.getByText(`已确认 bob 完成“${TITLE}”的培训。`).waitFor();

      // chen does not train in time: the deadline passes, a reminder goes out, his page says so.
      const chen = await cast.signIn('Chen');
      const c = chen.page;
      for (const deadline = Date.now() + 40 * SECOND; ;) {
        if ((await card(c).innerText()).match(/Overdue[\s\S]*reminder/)) break;
        if (Date.now() > deadline) throw new Error(`no reminder for chen: ${await card(c).innerText()}`);
        await c.waitForTimeout(1_000);
        await c.reload();
        await card(c).waitFor();
      }
      expect(Date.now()).toBeGreaterThanOrEqual(chenDue);
      await cast.scan(c, 'my-work-overdue-training');
      await phaseIs(m, 'Implementing', 1); // training is a hard gate
      await c.getByRole('button', { name: 'Confirm training of chen completed' }).click();
      await c.getByText(`The training of chen for “${TITLE}” is confirmed.`).waitFor();

      // 6. Only now the evaluation window opens: 35 samples around 6.5 -> not met, cycle 2.
      await push(6.5, 35);
      await phaseIs(m, 'Evaluating', 1);
      await cast.scan(m, 'initiative-evaluating');
      await phaseIs(m, 'Planning', 2);
      expect(await evaluationRows(m)).toEqual([['Evaluation, cycle 1', '12', '5', '6.5', '35', 'Not met']]);

      // 7. Cycle 2: intelligent handling, approved by both, no training; 32 samples around 4.2: met.
      await m.getByRole('heading', { name: 'Submit the plan for cycle 2' }).waitFor();
      await waitForText(m, '#actions', 'response_minutes: observed 6.5, target 5');
      await fillMeasure(m, 1, 'intelligent handling of complex queries', 'Tool', 'it');
      await m.getByRole('button', { name: 'Submit the plan for approval' }).click();
      await m.getByText(`Plan version 1 of “${TITLE}” is submitted for approval.`).waitFor();
      await li.page.reload();
      await card(li.page).getByRole('button', { name: 'Approve' }).click();
      await li.page.getByText(`You approved plan version 1 of “${TITLE}”.`).waitFor();
      await o.reload();
      await card(o).getByRole('button', { name: 'Approve' }).click();
      await o.getByText(`You approved plan version 1 of “${TITLE}”.`).waitFor();
      await push(4.2, 32);
      await phaseIs(m, 'Sustaining', 2);

      // 8. Follow-ups: 4.5 holds; 7 regresses and reopens the initiative as cycle 3 in planning.
      await push(4.5, 30);
      await waitForText(m, '.evaluation-table', 'Follow-up 1, cycle 2');
      await push(7, 30);
      await phaseIs(m, 'Planning', 3);
      expect(await evaluationRows(m)).toEqual([
        ['Evaluation, cycle 1', '12', '5', '6.5', '35', 'Not met'],
        ['Evaluation, cycle 2', '12', '5', '4.2', '32', 'Met'],
        ['Follow-up 1, cycle 2', '12', '5', '4.5', '30', 'Met'],
        ['Follow-up 2, cycle 2', '12', '5', '7', '30', 'Regression reopened as cycle 3'],
      ]);
      await waitForText(m, '.chart-summary', 'Follow-up 2: 7 Regression');
      await cast.scan(m, 'initiative-cycle-3');

      // 9. The manager cancels with a reason; the page says so, and offers nothing more.
      await m.getByText('Pause or cancel the initiative').click();
      await m.getByLabel('Reason').last().fill('superseded by the contact-centre programme');
      await m.getByRole('button', { name: 'Cancel the initiative' }).click();
      await m.getByText(`“${TITLE}” is cancelled.`).waitFor();
      await waitForText(m, '.banner', 'Closed: cancelled');
      await waitForText(m, '.banner', 'superseded by the contact-centre programme');
      await waitForText(m, '#actions', 'Nothing waits on you here right now.');
      expect(await m.getByRole('button', { name: 'Cancel the initiative' }).count()).toBe(0);

      // Every step is in the audit trail, with who and when.
      await waitForText(m, '.audit-table', 'Cancelled');
      const trail = await tableRows(m, '.audit-table');
      const accepted = trail.filter((row) => row[3] === 'Accepted').map((row) => row[2]?.split(' · ')[0]);
      expect(
        accepted.filter((action, i) => action !== 'Implementation reminder' || accepted[i - 1] !== action),
      ).toEqual([
        'Initiative created',
        'Baseline recorded',
        'Plan submitted',
        'Plan rejected',
        'Plan submitted',
        'Plan approved',
        'Plan approved',
        'Task confirmed',
        'Training confirmed',
        'Training confirmed',
        'Implementation reminder',
        'Training confirmed',
        'Evaluation window opened',
        'Evaluation recorded',
        'Plan submitted',
        'Plan approved',
        'Plan approved',
        'Evaluation window opened',
        'Evaluation recorded',
        'Follow-up review recorded',
        'Follow-up review recorded',
        'Cancelled',
      ]);
      const row = (action: string) => trail.find((r) => r[2]?.startsWith(action)) ?? [];
      expect(row('Plan rejected')[1]).toContain('omar');
      expect(row('Plan rejected')[4]).toContain('reason: “no rollback plan”');
      expect(row('Cancelled')[4]).toContain('superseded by the contact-centre programme');
      expect(row('Baseline recorded')[4]).toContain('response_minutes: 12 from 40 samples');
      // Li's double click counted once.
      expect(trail.filter((r) => r[2]?.startsWith('Plan approved') && r[1]?.startsWith('li'))).toHaveLength(
        2,
      );
      await waitForText(m, '#timeline', 'Plan version 2');
      await screenshot(m, 'initiative-closed');
      cast.accessibility['initiative-closed'] = await axeViolations(m);

      // The register shows it, filtered through the URL.
      await m.goto(app(`/register?q=${id}`));
      await m.getByRole('link', { name: TITLE }).waitFor();
      const [registered] = await tableRows(m, '.data-table');
      expect(registered?.slice(1, 3)).toEqual(['Closed', 'cycle 3 of 3']);
      expect(registered?.[5]).toBe('Not met');
      await cast.scan(m, 'register');

      // The portfolio of its service tells the same story: a cycle not met, one met, its KPI's
      // improvement against the baseline (12 → 7 at the last review), and that it was withdrawn.
      await m.goto(app(`/portfolio?service=${SERVICE}`));
      const table = (name: string) => m.getByRole('table', { name });
      await table('Each evaluated cycle: met when every KPI met its target.').waitFor();
      expect(await table('Each evaluated cycle: met when every KPI met its target.').innerText()).toMatch(
        /Not met\s+1[\s\S]*Met\s+1|Met\s+1[\s\S]*Not met\s+1/,
      );
      expect(await m.locator('section', { hasText: 'Improvement achieved' }).innerText()).toContain('12 → 7');
      expect(await table('Closed initiatives by how they ended.').innerText()).toMatch(/Withdrawn\s+1/);
      await cast.scan(m, 'portfolio-retailer');
    }),
  );

  it('speaks Simplified Chinese with dates through Intl, for a person who chose it', async () => {
    const bob = cast.everyone.find((p) => p.persona === 'Bob');
    expect(bob).toBeDefined();
    const b = bob!.page;
    await b.goto(app(`/initiatives/${id}`));
    await b.locator('h1', { hasText: TITLE }).waitFor();
    await waitForText(b, '.initiative-header', /已关闭[\s\S]*第 3 \/ 3 周期/);
    await waitForText(b, '.banner', '已关闭：已取消');
    const rows = await evaluationRows(b, ['复查', '实测', '结论']);
    expect(rows.map((r) => r[1])).toEqual(['6.5', '4.2', '4.5', '7']);
    expect(rows.map((r) => r.at(-1))).toEqual([
      '未达标',
      '已达标',
      '已达标',
      '出现回退 已重新开启为第 3 周期',
    ]);
    const state = (await gw.call('GET', `/initiatives/${id}`, { token: await gw.token(people.maria) })).body
      .state;
    const seconds = new Intl.DateTimeFormat('zh-CN', {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'UTC',
    });
    await waitForText(
      b,
      '.initiative-header',
      `始于 ${seconds.format(new Date(state.phaseSince as string))}`,
    );
    expect(await b.getByRole('heading', { name: '审计记录' }).count()).toBe(1);
    await waitForText(b, '.audit-table', '驳回计划');
    await cast.scan(b, 'zh-initiative');
    // The switch is kept on this device: English again, and back.
    await b.getByLabel('语言').selectOption('en');
    await b.getByRole('heading', { name: 'Audit trail' }).waitFor();
    expect(await b.locator('html').getAttribute('lang')).toBe('en');
    await b.getByLabel('Language').selectOption('zh-CN');
    await b.reload();
    await b.getByRole('heading', { name: '审计记录' }).waitFor();
    await b.goto(app('/register'));
    await b.getByRole('heading', { name: '改进登记册' }).waitFor();
    await cast.scan(b, 'zh-register');
  });

  it('shows user text as text, never as markup', async () => {
    const maria = cast.find('Maria');
    const m = maria.page;
    const title = `Scratch ${HOSTILE}`;
    const scratch = `scratch-${randomUUID().slice(0, 8)}`;
    await m.goto(app('/new'));
    await m.getByLabel('Title').fill(title);
    await m.getByLabel(/^Service/).fill('customer-support');
    await m.getByLabel(/^Id/).fill(scratch);
    await m.getByLabel(/^Name/).fill('response_minutes');
    await m.getByLabel('Unit', { exact: true }).fill('minutes');
    await m.getByLabel('Target value').fill('5');
    await m.getByRole('button', { name: 'Create the initiative' }).click();
    await m.waitForURL(`**/app/initiatives/${scratch}`);
    const heading = m.locator('main h1');
    await heading.waitFor();
    expect(await heading.innerText()).toBe(title);
    await m.getByText('Pause or cancel the initiative').click();
    await m.getByLabel('Reason').last().fill(`because ${HOSTILE}`);
    await m.getByRole('button', { name: 'Cancel the initiative' }).click();
    await waitForText(m, '.banner', `because ${HOSTILE}`);
    await waitForText(m, '.audit-table', `reason: “because ${HOSTILE}”`);
    await m.goto(app(`/register?q=${scratch}`));
    await m.getByRole('link', { name: title }).waitFor();
    expect(await m.locator('main img, main b').count()).toBe(0);
    expect(await m.locator('img[src="x"]').count()).toBe(0);
    await screenshot(m, 'register-user-text');
    expect(maria.problems).toEqual([]);
  });

  it('opens a deep link to an initiative on reload, and after signing in', async () => {
    const maria = cast.find('Maria');
    await maria.page.goto(app(`/initiatives/${id}`));
    await maria.page.locator('h1', { hasText: TITLE }).waitFor();
    // On reload the initiative is asked for once, and before the app's main script has even
    // arrived: by the page's early script, while the app's code loads.
    const events: string[] = [];
    const sent = (request: { url(): string }) => events.push(`sent ${new URL(request.url()).pathname}`);
    const done = (request: { url(): string }) => events.push(`done ${new URL(request.url()).pathname}`);
    maria.page.on('request', sent);
    maria.page.on('requestfinished', done);
    // The main script held back a moment, as a slow network would (routing also skips the cache).
    const mainScript = /\/app\/assets\/index-[^/]*\.js$/;
    await maria.page.route(mainScript, async (route) => {
      await setTimeout(500);
      await route.continue();
    });
    await maria.page.reload();
    await maria.page.locator('h1', { hasText: TITLE }).waitFor();
    await maria.page.unroute(mainScript);
    maria.page.off('request', sent);
    maria.page.off('requestfinished', done);
    expect(maria.page.url()).toBe(app(`/initiatives/${id}`));
    expect(events.filter((e) => e === `sent /initiatives/${id}`)).toHaveLength(1);
    const mainScriptDone = events.findIndex((e) => /^done \/app\/assets\/index-.*\.js$/.test(e));
    expect(mainScriptDone).toBeGreaterThan(-1);
    expect(events.indexOf(`sent /initiatives/${id}`)).toBeLessThan(mainScriptDone);
    // Someone new follows the link: they sign in first, then land where the link points.
    const visitor = await cast.signIn('Ivan', { path: `/initiatives/${id}` });
    await visitor.page.locator('h1', { hasText: TITLE }).waitFor();
    expect(visitor.page.url()).toBe(app(`/initiatives/${id}`));
    await visitor.page.getByRole('link', { name: /Open its workflow in the Temporal UI/ }).waitFor();
    expect(
      await visitor.page
        .getByRole('link', { name: /Open its workflow in the Temporal UI/ })
        .getAttribute('href'),
    ).toBe(`${gw.gatewayConfig.web.temporalUiUrl}/namespaces/default/workflows/initiative-${id}`);
    await visitor.page.goto(app('/no/such/page'));
    await visitor.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await cast.scan(visitor.page, 'not-found');
    // A token the gateway refuses (401) ends the session: sign in again, and come back here.
    await visitor.page.goto(app(`/initiatives/${id}`));
    await visitor.page.locator('h1', { hasText: TITLE }).waitFor();
    await visitor.page.evaluate(() => {
      const { sessionStorage } = globalThis as unknown as {
        sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
      };
      const stored = JSON.parse(sessionStorage.getItem('cio.session') ?? '{}') as { token: string };
      sessionStorage.setItem('cio.session', JSON.stringify({ ...stored, token: `${stored.token}tampered` }));
    });
    await visitor.page.reload();
    await visitor.page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await visitor.page.getByRole('button', { name: /^Ivan/ }).click();
    await visitor.page.locator('h1', { hasText: TITLE }).waitFor();
    expect(visitor.page.url()).toBe(app(`/initiatives/${id}`));
    // Signing out ends the session: the next page asks to sign in again.
    await visitor.page.getByRole('button', { name: 'Sign out' }).click();
    await visitor.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await visitor.page.getByText('You are signed out.').waitFor();
  });

  itFoundNoProblems(cast, 12);

  /** The sign-in page of a new person, before they pick who they are. */
  async function signInPageOnly() {
    const opened = await openContext(browser);
    cast.everyone.push({ persona: 'Maria', ...opened });
    await opened.page.goto(app('/'));
    await opened.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await opened.page.getByRole('button', { name: /^Maria/ }).waitFor();
    return opened;
  }

  async function fillMeasure(page: Page, n: number, title: string, kind: string, department: string) {
    const row = page.getByRole('group', { name: `Measure ${n}`, exact: true });
    await row.getByLabel('Title').fill(title);
    await row.getByLabel('Kind').selectOption({ label: kind });
    await row.getByLabel('Department').fill(department);
  }

  /** Review, baseline, target, observed, samples and verdict of each row of the evaluation table. */
  async function evaluationRows(
    page: Page,
    columns = ['Review', 'Baseline', 'Target', 'Observed', 'Samples', 'Verdict'],
  ) {
    const headers = await page.$$eval('.evaluation-table thead th', (cells) =>
      (cells as unknown as { innerText: string }[]).map((cell) => cell.innerText.trim()),
    );
    const rows = await tableRows(page, '.evaluation-table');
    return rows.map((cells) =>
      columns.map((name) => (cells[headers.indexOf(name)] ?? '').replace(/\s+/g, ' ')),
    );
  }
});
