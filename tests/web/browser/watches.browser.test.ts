import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { watchScheduleId } from '@cio/contracts';
import { eventually, launchChromium } from '@cio/testing';
import { people } from '../../support/api-fixtures';
import type { GatewayHarness } from '../../support/gateway-harness';
import { Cast, itFoundNoProblems, screenshot, startWebApp, tableRows, waitForText } from './browser-support';

// Service watches (issue 19) in the web app, against the real system (Temporal dev server with its
// Schedules, PostgreSQL, the worker, the gateway serving the built app): Maria creates a watch
// through the form (told first which field is missing); a monitoring tool pushes its samples; the
// schedule is triggered twice, and two breaches in a row raise an opportunity, which she finds on
// the watch's chart and table and which links back to the watch; she pauses the watch (Temporal
// agrees) and resumes it. Chen, an agent, sees the watch but may neither pause it nor create one.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TITLE = 'Chat first response time';
const HOSTILE = '<img src=x onerror=alert(1)>';

describe('service watches in the web app, in Chromium, against the real system', () => {
  let gw: GatewayHarness;
  let browser: Browser;
  const service = `chat-${randomUUID().slice(0, 8)}`;
  const watchId = `chat-${randomUUID().slice(0, 8)}`;
  const opportunityId = `o-watch-${watchId}-1`;
  const cast = new Cast(() => ({ browser, baseUrl: gw.baseUrl }), 'watches-failed');

  const schedule = () => gw.env.client.schedule.getHandle(watchScheduleId(watchId));
  const checks = async () => {
    const page = await gw.call('GET', `/watches/${watchId}/checks`, { token: await gw.token(people.maria) });
    return page.body.items as { checkedAt: string; outcome: string; act: string }[];
  };
  /** One check, as the schedule would start it, waited for until the register has it. */
  const check = async (count: number) => {
    // A check is known by its scheduled second: the next one starts in a later second.
    const previous = (await checks())[0]?.checkedAt;
    if (previous)
      await eventually(() =>
        expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(Date.parse(previous) / 1000),
      );
    await schedule().trigger();
    return eventually(async () => {
      const items = await checks();
      expect(items).toHaveLength(count);
      return items;
    }, 30_000);
  };

  beforeAll(async () => {
    gw = await startWebApp('web-watches');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    // The dev server is shared by the suites: the watch's schedule goes with this one.
    await schedule()
      .delete()
      .catch(() => undefined);
    await gw?.stop();
  });

  it(
    'lets Maria create a watch through the form, told first which field is missing',
    cast.keepingPages(async () => {
      const maria = await cast.signIn('Maria');
      const m = maria.page;
      await m.getByRole('link', { name: 'Opportunities' }).click();
      await m.getByRole('link', { name: 'Service watches' }).click();
      await m.getByRole('heading', { name: 'Service watches', level: 1 }).waitFor();
      await m.getByText('No service watches yet.').waitFor();
      await cast.scan(m, 'watches-empty');

      await m.getByRole('link', { name: 'New watch' }).click();
      await m.getByRole('heading', { name: 'New service watch', level: 1 }).waitFor();
      // Her department is the form's start.
      expect(await m.getByLabel('Department', { exact: true }).inputValue()).toBe('customer-service');
      await m.getByLabel('Service', { exact: true }).fill(service);
      await m.getByLabel(/^Id/).fill(watchId);
      await m.getByLabel('KPI name').fill('response_minutes');
      await m.getByLabel('Unit', { exact: true }).fill('min');
      expect(await m.getByLabel('Samples', { exact: true }).inputValue()).toBe('push');
      await m.getByText(/A monitoring tool of the department sends the samples/).waitFor();
      await m.getByLabel('Significantly worse than its baseline').check();
      await m.getByLabel('Recent period', { exact: true }).fill('1');
      await m.getByLabel('Unit of “Recent period”').selectOption('hours');
      await m.getByLabel('Baseline period', { exact: true }).fill('1');
      await m.getByLabel('Unit of “Baseline period”').selectOption('days');
      await m.getByLabel('Samples needed per period').fill('5');
      await m.getByLabel('Breaches in a row that raise an opportunity').fill('2');
      // The title is missing: nothing is sent, and the field says so.
      await m.getByRole('button', { name: 'Create the watch' }).click();
      await m.getByText('1 field needs your attention.').waitFor();
      expect(await m.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await waitForText(m, '.field-invalid', 'Fill this in.');
      await cast.scan(m, 'new-watch-errors');

      await m.getByLabel('Title', { exact: true }).fill(`${TITLE} ${HOSTILE}`);
      await screenshot(m, 'new-watch-filled');
      await m.getByRole('button', { name: 'Create the watch' }).click();
      await m.waitForURL(`**/app/watches/${watchId}`);
      await m.locator('main h1', { hasText: TITLE }).waitFor();
      // User text as text: the title's markup is shown, not run.
      expect(await m.locator('main h1').innerText()).toBe(`${TITLE} ${HOSTILE}`);
      expect(await m.locator('main img').count()).toBe(0);
      await waitForText(m, '.watch-header', /Schedule\s*Running/);
      await waitForText(
        m,
        '#definition',
        'Median over the last 1 hour significantly higher than over the 1 day before it (α = 0.05), by at least 10 %',
      );
      await waitForText(m, '#definition', 'after 2 breaches in a row');
      await waitForText(m, '#definition', 'every 1 hour');
      await waitForText(m, '#definition', 'Pushed to the watch through the API');
      await waitForText(m, '#schedule', 'created by maria');
      await waitForText(m, '#checks', 'No checks yet');
      await cast.scan(m, 'watch-new');
    }),
  );

  it(
    'raises an opportunity after two breaches in a row, shown on the chart and the table, linked both ways',
    cast.keepingPages(async () => {
      // A monitoring tool pushes the samples: a steady day, then a slow last hour.
      const now = Date.now();
      const baseline = Array.from({ length: 12 }, (_, i) => ({
        value: 10 + (i % 3) * 0.5,
        observedAt: new Date(now - 2 * HOUR - i * HOUR).toISOString(),
        clientKey: `baseline-${i}`,
      }));
      const recent = Array.from({ length: 6 }, (_, i) => ({
        value: 18 + i,
        observedAt: new Date(now - (i + 1) * 5 * MINUTE).toISOString(),
        clientKey: `recent-${i}`,
      }));
      const pushed = await gw.call('POST', `/watches/${watchId}/samples`, {
        token: await gw.token(people.maria),
        body: { samples: [...baseline, ...recent] },
      });
      expect([pushed.status, pushed.body.accepted]).toEqual([200, 18]);

      expect((await check(1)).map((c) => [c.outcome, c.act])).toEqual([['breach', 'none']]);
      expect((await check(2)).map((c) => [c.outcome, c.act])).toEqual([
        ['breach', 'raise'],
        ['breach', 'none'],
      ]);

      const m = cast.find('Maria').page;
      await m.reload();
      await waitForText(m, '.watch-header', /Last check\s*Breach/);
      await waitForText(m, '.watch-header', /Breaches in a row\s*2 of 2/);
      await m
        .getByRole('img', { name: /recent value at 2 checks, 2 in breach; the latest 20\.5 min/ })
        .waitFor();
      expect(await m.locator('.check-svg .check-breach').count()).toBe(2);
      expect(await m.locator('.check-svg .check-reference').count()).toBe(1);
      await waitForText(m, '.chart-key', 'Baseline value at each check');
      const rows = await tableRows(m, '.checks-table');
      expect(rows.map((row) => [row[1], row[6], row[7], row[8]])).toEqual([
        ['Breach', 'Mann-Whitney U', '2 of 2', `Raised ${opportunityId}`],
        ['Breach', 'Mann-Whitney U', '1 of 2', 'Nothing'],
      ]);
      // The recent median against the day before it, worse by the percentage shown.
      expect(rows[0]?.[2]).toMatch(/^20\.5\n6 samples$/);
      expect(rows[0]?.[3]).toMatch(/^10\.5\n12 samples$/);
      expect(rows[0]?.[4]).toBe('+95.2%');
      expect(Number(rows[0]?.[5])).toBeLessThan(0.05);
      expect(rows[0]?.[9]).toMatch(/^median 20\.5 min against 10\.5 min before: 95\.2\d* % worse/);
      await waitForText(m, '.watch-raised', opportunityId);
      await waitForText(m, '#opportunities', `${opportunityId} (open)`);
      await cast.scan(m, 'watch-breached');

      await m
        .locator('#checks')
        .getByRole('link', { name: `Raised ${opportunityId}` })
        .click();
      await m.waitForURL(`**/app/opportunities/${opportunityId}`);
      await m.locator('main h1', { hasText: `${service}: response_minutes degraded` }).waitFor();
      await waitForText(m, '.opportunity-header', /Origin\s*Monitoring/);
      await waitForText(m, '#trail', 'Raised');
      await waitForText(m, '#trail', 'evidence: “median 20.5 min against 10.5 min before');
      await cast.scan(m, 'opportunity-from-watch');
      await m.getByRole('link', { name: `Raised by the service watch ${watchId}` }).click();
      await m.waitForURL(`**/app/watches/${watchId}`);
      await m.locator('main h1', { hasText: TITLE }).waitFor();
    }),
  );

  it(
    'lets Maria pause the watch (Temporal agrees) and resume it',
    cast.keepingPages(async () => {
      const m = cast.find('Maria').page;
      await m.getByLabel('Note (optional)').fill('Chat platform migration tonight');
      await m.getByRole('button', { name: 'Pause the watch' }).click();
      await m.getByText(`“${TITLE} ${HOSTILE}” is paused.`).waitFor();
      await waitForText(m, '.watch-header', /Schedule\s*Paused/);
      await waitForText(m, '#schedule', 'paused by maria: Chat platform migration tonight');
      await waitForText(m, '#schedule', 'None while paused');
      const paused = await schedule().describe();
      expect([paused.state.paused, paused.state.note]).toEqual([
        true,
        'paused by maria: Chat platform migration tonight',
      ]);
      await cast.scan(m, 'watch-paused');

      await m.getByRole('button', { name: 'Resume the watch' }).click();
      await m.getByText(`“${TITLE} ${HOSTILE}” checks again.`).waitFor();
      await waitForText(m, '.watch-header', /Schedule\s*Running/);
      await waitForText(m, '#schedule', 'resumed by maria');
      expect((await schedule().describe()).state.paused).toBe(false);
      await m.getByRole('button', { name: 'Pause the watch' }).waitFor();
    }),
  );

  it(
    'lists the watch with its rule in words, where its checks stand and its opportunity, filtered by the URL',
    cast.keepingPages(async () => {
      const m = cast.find('Maria').page;
      await m.getByRole('link', { name: 'Service watches' }).click();
      await m.waitForURL('**/app/watches');
      await m.getByLabel('Service', { exact: true }).fill(service);
      await m.getByRole('button', { name: 'Show' }).click();
      await m.waitForURL(`**/app/watches?service=${service}`);
      await waitForText(m, '.watches-table caption', '1 watch');
      const [row] = await tableRows(m, '.watches-table');
      expect(row?.[0]).toBe(`${TITLE} ${HOSTILE}\n${watchId}`);
      expect(row?.[1]).toBe(`${service} · customer-service`);
      expect(row?.[2]).toBe('response_minutes (min)\npushed');
      expect(row?.[3]).toMatch(/^Median over the last 1 hour significantly higher/);
      expect(row?.[4]).toMatch(/^Breach\n/);
      expect(row?.[5]).toBe('2 of 2');
      expect(row?.[6]).toBe(opportunityId);
      expect(await m.locator('main img').count()).toBe(0);
      await cast.scan(m, 'watches-list');
      await m.goto(`${gw.baseUrl}/app/watches?service=no-such-service`);
      await m.getByText('No watch matches these filters.').waitFor();
    }),
  );

  it(
    'shows Chen, an agent, the watch, but no pause and no new watch',
    cast.keepingPages(async () => {
      const chen = await cast.signIn('Chen', { path: `/watches/${watchId}` });
      const c = chen.page;
      await c.locator('main h1', { hasText: TITLE }).waitFor();
      await waitForText(c, '.watch-header', /Schedule\s*Running/);
      await c.locator('.checks-table').waitFor();
      for (const name of ['Pause the watch', 'Resume the watch'])
        expect(await c.getByRole('button', { name }).count()).toBe(0);
      expect(await c.getByLabel('Note (optional)').count()).toBe(0);
      await cast.scan(c, 'watch-agent');
      await c.getByRole('link', { name: 'Service watches' }).first().click();
      await c.locator('.watches-table caption', { hasText: 'watch' }).waitFor();
      expect(await c.getByRole('link', { name: 'New watch' }).count()).toBe(0);
      await c.goto(`${gw.baseUrl}/app/watches/new`);
      await c.getByText('Service watches are created by a department’s improvement managers.').waitFor();
      expect(await c.getByRole('button', { name: 'Create the watch' }).count()).toBe(0);
      await cast.scan(c, 'new-watch-agent');
    }),
  );

  it('speaks Simplified Chinese on a watch, for a person who chose it', async () => {
    const ivan = await cast.signIn('Ivan', { locale: 'zh-CN', path: `/watches/${watchId}` });
    const i = ivan.page;
    await i.getByRole('heading', { name: '检查趋势' }).waitFor();
    await waitForText(i, '.watch-header', '超出规则');
    await waitForText(i, '#definition', '显著高于此前');
    await cast.scan(i, 'zh-watch');
  });

  itFoundNoProblems(cast, 10);
});
