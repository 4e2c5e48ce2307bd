import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, samplesAround } from '@cio/testing';
import { people, retailerBody } from '../../support/api-fixtures';
import type { GatewayHarness } from '../../support/gateway-harness';
import {
  Cast,
  itFoundNoProblems,
  openContext,
  screenshot,
  startWebApp,
  tableRows,
  waitForText,
} from './browser-support';

// People, notification preferences and delegation (issue 20) in the web app, against the real
// system (Temporal dev server, PostgreSQL, the worker, the gateway serving the built app): Li
// chooses how she hears of things and finds her choices kept; she hands her work to Alice, picked
// from the directory by typing her name, told at the field when the range is wrong; Alice finds
// Li's approval in My work marked as delegated, approves it, and the trail says she did so on Li's
// behalf. The wait left is on a role nobody holds, and the initiative's page says so, in English
// and in Chinese, until an admin adds someone holding it on the People page.
const DAY = 86_400_000;
const TITLE = 'Faster refunds';
const GHOST_ROLE = 'legal-board';
const HOSTILE = '<img src=x onerror=alert(1)>';

describe('people, preferences and delegation in the web app, in Chromium, against the real system', () => {
  let gw: GatewayHarness;
  let browser: Browser;
  const id = `refunds-${randomUUID().slice(0, 8)}`;
  const cast = new Cast(() => ({ browser, baseUrl: gw.baseUrl }), 'people-failed');

  /** A datetime-local value (the browsers run in UTC), to the minute. */
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const settingsOf = async (page: Page) => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  };
  const radio = (page: Page, name: string) => page.getByRole('radio', { name, exact: true });

  /** The initiative, assessed and its plan submitted: it waits on cs-lead and on a role nobody holds. */
  const awaitingApproval = async () => {
    const maria = await gw.token(people.maria);
    const base = retailerBody(id);
    const created = await gw.call('POST', '/initiatives', {
      token: maria,
      body: {
        ...retailerBody(id, {
          assessmentPeriodMs: 1_000,
          minSamples: 5,
          approval: { ...base.policy.approval, roles: ['cs-lead', GHOST_ROLE] },
        }),
        title: TITLE,
      },
    });
    expect(created.status).toBe(201);
    const observedAt = new Date().toISOString();
    const samples = samplesAround(12, 5).map((value) => ({ kpi: 'response_minutes', value, observedAt }));
    const monitor = await gw.token(people.monitor);
    await eventually(async () => {
      const pushed = await gw.call('POST', `/initiatives/${id}/measurements`, {
        token: monitor,
        body: { samples },
      });
      expect(pushed.status).toBe(200);
    });
    const plan = {
      measures: [{ title: 'refunds by the agents', kind: 'process', department: 'customer-service' }],
    };
    await eventually(async () => {
      const submitted = await gw.call('POST', `/initiatives/${id}/plans`, { token: maria, body: plan });
      expect(submitted.body.phase).toBe('AwaitingApproval');
    }, 30_000);
  };

  beforeAll(async () => {
    gw = await startWebApp('web-people');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it(
    'lets Li choose how she hears of things, and keeps her choices',
    cast.keepingPages(async () => {
      const li = await cast.signIn('Li');
      const l = li.page;
      // The directory is kept by admins: no People link for her; by its address, she reads it only.
      expect(await l.getByRole('link', { name: 'People' }).count()).toBe(0);
      await l.goto(`${gw.baseUrl}/app/people`);
      await waitForText(l, '.people-table caption', /\d+ (person|people)/);
      expect(await l.getByRole('button', { name: 'Add a person' }).count()).toBe(0);
      expect(await l.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);
      expect(await l.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
      await settingsOf(l);
      await waitForText(l, '.settings-facts', 'cs-lead');
      expect(await radio(l, 'Approval reminders: At once').isChecked()).toBe(true);
      await radio(l, 'Approval reminders: In the daily digest').check();
      await l.getByRole('checkbox', { name: 'Send me the daily digest' }).uncheck();
      await l
        .getByText('The daily digest is off: the 1 kind you chose to hear of in it reaches you by no email.')
        .waitFor();
      await cast.scan(l, 'settings-preferences');
      await l.getByRole('button', { name: 'Save your choices' }).click();
      await l.getByText('Your choices of how you hear of things are saved.').waitFor();

      await l.reload();
      await l.getByRole('heading', { name: 'How you hear of things' }).waitFor();
      await radio(l, 'Approval reminders: In the daily digest').waitFor();
      expect(await radio(l, 'Approval reminders: In the daily digest').isChecked()).toBe(true);
      expect(await radio(l, 'Task reminders: At once').isChecked()).toBe(true);
      expect(await l.getByRole('checkbox', { name: 'Send me the daily digest' }).isChecked()).toBe(false);
      const me = await gw.call('GET', '/me', { token: await gw.token(people.li) });
      expect([me.body.preferences['approval-reminder'], me.body.preferences['daily-digest']]).toEqual([
        'digest',
        'off',
      ]);
    }),
  );

  it(
    'lets Li hand her work to Alice, picked by typing her name, told at the field when the range is wrong',
    cast.keepingPages(async () => {
      // Alice is in the directory once she has signed in.
      await cast.signIn('Alice');
      const l = cast.find('Li').page;
      const delegateField = l.getByLabel('Who stands in for you');
      await delegateField.fill('Ali');
      await l.getByText('1 person matches.').waitFor();
      await l.getByRole('radio', { name: /Alice \(agent\) \(alice\)/ }).check();
      const from = Date.parse(`${await l.getByLabel('From', { exact: true }).inputValue()}:00Z`);
      expect(Math.abs(from - Date.now())).toBeLessThan(5 * 60_000);

      // An end before the start: the form says so at the field, and sends nothing.
      await l.getByLabel('Until', { exact: true }).fill(local(from - 60 * 60_000));
      await l.getByLabel('Why', { exact: true }).fill(`On leave ${HOSTILE}`);
      await l.getByRole('button', { name: 'Delegate' }).click();
      await l.getByText('1 field needs your attention.').waitFor();
      await waitForText(l, '.field-invalid', 'Must be after the start.');
      expect(await l.getByLabel('Until', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await cast.scan(l, 'settings-delegation-errors');

      // Longer than a year: the gateway refuses it, and its reason is shown at the field.
      await l.getByLabel('Until', { exact: true }).fill(local(from + 400 * DAY));
      await l.getByRole('button', { name: 'Delegate' }).click();
      await waitForText(l, '.field-invalid', 'must be at most 366 days after startsAt');
      expect(await l.getByLabel('Until', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await l.getByLabel('Until', { exact: true }).fill(local(from + 7 * DAY));
      await l.getByRole('button', { name: 'Delegate' }).click();
      await l.getByText('Alice (agent) stands in for you as you asked.').waitFor();
      await l.locator('.delegations-table').waitFor();
      const [row] = await tableRows(l, '.delegations-table');
      expect([row?.[0], row?.[3], row?.[4], row?.[5]]).toEqual([
        'Alice (agent)\nalice',
        `On leave ${HOSTILE}`,
        'Running',
        'End now\nthe delegation to Alice (agent)',
      ]);
      // User text as text: the reason's markup is shown, not run.
      expect(await l.locator('main img').count()).toBe(0);
      // The form starts afresh for another one.
      expect(await delegateField.inputValue()).toBe('');
      await cast.scan(l, 'settings-delegated');
    }),
  );

  it(
    'shows Alice Li’s approval in My work as delegated; she approves it, and the trail says on whose behalf',
    cast.keepingPages(async () => {
      await awaitingApproval();
      const a = cast.find('Alice').page;
      await a.getByRole('link', { name: /^My work/ }).click();
      const card = a.getByRole('article', { name: TITLE });
      await card.waitFor({ timeout: 30_000 });
      await waitForText(a, '.work-card-delegated', 'Delegated for Li (customer service lead)');
      await waitForText(a, '.work-card-delegated', 'Approval of the plan');
      expect(await card.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(
        `/app/initiatives/${id}?for=li`,
      );
      await cast.scan(a, 'my-work-delegated');
      await card.getByLabel('Comment or reason').fill('Fine, for Li');
      await card.getByRole('button', { name: 'Approve' }).click();
      await a.getByText(`You approved plan version 1 of “${TITLE}”.`).waitFor();

      const trail = await eventually(async () => {
        const items = (
          await gw.call('GET', `/initiatives/${id}/audit`, { token: await gw.token(people.maria) })
        ).body.items as { actor: string; role: string; action: string; details: Record<string, unknown> }[];
        const approval = items.find((e) => e.action === 'approve-plan');
        expect(approval).toBeDefined();
        return approval;
      });
      expect(trail).toMatchObject({ actor: 'alice', role: 'cs-lead', details: { onBehalfOf: 'li' } });

      // Opened for Li, the page says whom it acts for; its trail names both.
      await a.goto(`${gw.baseUrl}/app/initiatives/${id}?for=li`);
      await a.locator('main h1', { hasText: TITLE }).waitFor();
      await waitForText(a, '.acting-for', 'You act on behalf of Li (customer service lead) here');
      await waitForText(a, '.acting-for', 'Their delegation to you runs until');
      await waitForText(a, '#audit', 'alice on behalf of li (cs-lead)');
      await waitForText(a, '#audit', 'Fine, for Li');
      await cast.scan(a, 'initiative-for-li');
      await a.getByRole('link', { name: 'Open it as yourself' }).click();
      await a.waitForURL(`**/app/initiatives/${id}`);
      expect(await a.locator('.acting-for').count()).toBe(0);

      // Her settings say whom she stands in for, until when and why; hers to read, not to change.
      await settingsOf(a);
      await waitForText(a, '.delegations-received', 'You stand in for Li (customer service lead) until');
      await waitForText(a, '.delegations-received', `On leave ${HOSTILE}`);
      expect(await a.locator('.delegations-received button').count()).toBe(0);
      await cast.scan(a, 'settings-standing-in');
    }),
  );

  it(
    'warns that the wait left reaches nobody, in the reader’s language',
    cast.keepingPages(async () => {
      const maria = await cast.signIn('Maria', { path: `/initiatives/${id}` });
      const m = maria.page;
      await m.locator('main h1', { hasText: TITLE }).waitFor();
      await waitForText(m, '.banner', `Waiting on the ${GHOST_ROLE} role: Approval of the plan`);
      await waitForText(m, '.wait-unreached', `Reaches nobody Nobody holds the role ${GHOST_ROLE}.`);
      expect(await m.locator('.wait-unreached').count()).toBe(1);
      await cast.scan(m, 'initiative-unreached');

      const chen = await cast.signIn('Chen', { locale: 'zh-CN', path: `/initiatives/${id}` });
      const c = chen.page;
      await waitForText(c, '.wait-unreached', `没有人担任角色 ${GHOST_ROLE}。`);
      await cast.scan(c, 'zh-initiative-unreached');
      await c.getByRole('link', { name: '设置' }).click();
      await c.getByRole('heading', { name: '你如何获知各类事项' }).waitFor();
      await cast.scan(c, 'zh-settings');
    }),
  );

  it(
    'lets an admin add a person on the People page, and the wait reaches them',
    cast.keepingPages(async () => {
      // An admin is no persona of the development sign-in: they sign in as someone else.
      const { context, page: r, problems } = await openContext(browser);
      cast.everyone.push({ persona: 'Root', context, page: r, problems });
      await r.goto(`${gw.baseUrl}/app/`);
      await r.getByLabel('Person (sub)').fill('root');
      await r.getByLabel('Display name').fill('Rosa (admin)');
      await r.getByLabel('Roles').fill('admin');
      await r.getByRole('button', { name: 'Sign in as this person' }).click();
      await r.getByRole('heading', { name: 'My work' }).waitFor();
      await r.getByRole('link', { name: 'People' }).click();
      await r.getByRole('heading', { name: 'People', level: 1 }).waitFor();
      await waitForText(r, '.people-table caption', /\d+ people/);
      const names = (await tableRows(r, '.people-table')).map((row) => row[0]?.split('\n')[1]);
      expect(names).toEqual(expect.arrayContaining(['alice', 'chen', 'li', 'maria', 'root']));
      await cast.scan(r, 'people');

      await r.getByRole('button', { name: 'Add a person' }).click();
      await r.getByRole('heading', { name: 'Add a person' }).waitFor();
      await r.getByLabel(/^Id/).fill('farah');
      await r.getByLabel('Name (optional)').fill('Farah');
      await r.getByLabel(/^Email/).fill('farah-at-example');
      await r.getByLabel('Language of their emails').selectOption('zh-CN');
      await r.getByLabel(/^Roles/).fill(GHOST_ROLE);
      await r.getByLabel(/^Departments/).fill('legal');
      await r.getByRole('button', { name: 'Add them' }).click();
      await waitForText(r, '.person-editor .field-invalid', 'Give an email address, e.g. omar@example.com.');
      await cast.scan(r, 'people-add-errors');
      await r.getByLabel(/^Email/).fill('farah@example.com');
      await r.getByRole('button', { name: 'Add them' }).click();
      await r.getByText('Farah is in the directory.').waitFor();

      await r.getByLabel('Role', { exact: true }).fill(GHOST_ROLE);
      await r.getByRole('button', { name: 'Show' }).click();
      await r.waitForURL(`**/app/people?role=${GHOST_ROLE}`);
      await waitForText(r, '.people-table caption', '1 person');
      const [farah] = await tableRows(r, '.people-table');
      expect(farah?.slice(0, 6)).toEqual([
        'Farah\nfarah',
        'farah@example.com',
        GHOST_ROLE,
        'legal',
        '简体中文',
        'Entered by an admin\nnever signed in',
      ]);
      await screenshot(r, 'people-filtered');

      // The initiative's wait reaches her now: the warning is gone.
      const m = cast.find('Maria').page;
      await m.reload();
      await waitForText(m, '.banner', `Waiting on the ${GHOST_ROLE} role`);
      expect(await m.locator('.wait-unreached').count()).toBe(0);
    }),
  );

  it(
    'lets Li end her delegation now, and Alice stands in for her no more',
    cast.keepingPages(async () => {
      const l = cast.find('Li').page;
      await l.getByRole('button', { name: 'End now the delegation to Alice (agent)' }).click();
      await l.getByText('Your delegation to Alice (agent) has ended.').waitFor();
      await waitForText(l, '.delegations-table', 'Ended early');
      expect(await l.getByRole('button', { name: /^End now/ }).count()).toBe(0);
      const a = cast.find('Alice').page;
      await a.reload();
      await waitForText(a, '.delegations-received', 'Nobody has delegated to you.');
    }),
  );

  itFoundNoProblems(cast, 11);
});
