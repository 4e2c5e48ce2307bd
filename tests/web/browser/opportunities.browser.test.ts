import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@cio/testing';
import { people } from '../../support/api-fixtures';
import type { GatewayHarness } from '../../support/gateway-harness';
import { Cast, itFoundNoProblems, screenshot, startWebApp, tableRows, waitForText } from './browser-support';

// The register's front door (issue 19) driven by clicking and typing in the web app, against the
// real system (Temporal dev server, PostgreSQL, the worker, the gateway serving the built app):
// Alice raises an opportunity and is shown the open one that looks alike when she starts a second;
// Bob supports it instead of raising it again; Chen supports it too and sees no triage; Maria finds
// it at the top of the backlog with its score's parts, opens its cell of the value-versus-effort
// matrix, accepts it, promotes it to an initiative through the pre-filled form, and the two pages
// link to each other; the initiative's closure then shows on both.
const TITLE = 'Customers wait too long for a first answer in the chat';
const ALIKE = 'Chat customers wait long for a first answer';
const HOSTILE = '<img src=x onerror=alert(1)> <b>bold</b>';

describe('opportunities in the web app, in Chromium, against the real system', () => {
  let gw: GatewayHarness;
  let browser: Browser;
  const service = `chat-${randomUUID().slice(0, 8)}`;
  const initiativeId = `promoted-${randomUUID().slice(0, 8)}`;
  let opportunityId = '';
  const cast = new Cast(() => ({ browser, baseUrl: gw.baseUrl }), 'opportunities-failed');

  beforeAll(async () => {
    gw = await startWebApp('web-opportunities');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it(
    'lets Alice raise one, and shows her the open one that looks alike when she starts a second',
    cast.keepingPages(async () => {
      const alice = await cast.signIn('Alice');
      const a = alice.page;
      await a.getByRole('link', { name: 'Opportunities' }).click();
      await a.getByRole('heading', { name: 'Opportunities', level: 1 }).waitFor();
      await a.getByText('No open opportunities yet.').waitFor();
      await cast.scan(a, 'opportunities-empty');

      await a.getByRole('link', { name: 'Raise an opportunity' }).first().click();
      await a.getByRole('heading', { name: 'Raise an opportunity', level: 1 }).waitFor();
      // Her department is the form's start; nothing is sent while fields are missing.
      expect(await a.getByLabel('Department', { exact: true }).inputValue()).toBe('customer-service');
      await a.getByRole('button', { name: 'Raise the opportunity' }).click();
      await a.getByText('8 fields need your attention.').waitFor();
      expect(await a.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await cast.scan(a, 'raise-errors');

      await a.getByLabel('Service', { exact: true }).fill(service);
      await a.getByLabel('Title', { exact: true }).fill(TITLE);
      await a.getByLabel('Description').fill(`Complaints doubled since the new shop opened. ${HOSTILE}`);
      await a.getByLabel('Where it came from').selectOption({ label: 'Customer feedback' });
      await a.getByLabel('Reference (optional)').fill('feedback 4711');
      await a.getByLabel('Kind of benefit').selectOption({ label: 'Customer satisfaction' });
      await a.getByLabel('How much benefit').selectOption({ label: 'Very high' });
      await a.getByLabel('The benefit, in a sentence').fill('Fewer abandoned chats');
      await a.getByLabel('Effort', { exact: true }).selectOption({ label: 'Small (S)' });
      await a.getByLabel('Risk', { exact: true }).selectOption({ label: 'Low' });
      await a.getByLabel('Strategic objectives (optional)').fill('customer-first, digital-first');
      await screenshot(a, 'raise-filled');
      await a.getByRole('button', { name: 'Raise the opportunity' }).click();
      await a.waitForURL(/\/app\/opportunities\/o-[a-z0-9-]+$/);
      opportunityId = new URL(a.url()).pathname.split('/').pop()!;
      await a.locator('main h1', { hasText: TITLE }).waitFor();
      await a.getByText(`“${TITLE}” is raised.`).waitFor();
      // User text as text: the description's markup is shown, not run.
      await waitForText(a, '#description', HOSTILE);
      expect(await a.locator('main img, main b').count()).toBe(0);
      await a.getByText('You raised it: support comes from others.').waitFor();
      expect(await a.getByRole('heading', { name: 'Triage' }).count()).toBe(0);
      await waitForText(a, '#trail', 'Raised');
      await waitForText(a, '#trail', 'origin: Customer feedback');
      await cast.scan(a, 'opportunity-raised');

      // A second that says the same: the open one is offered first, while she types.
      await a.getByRole('link', { name: 'Opportunities', exact: true }).first().click();
      await a.getByRole('link', { name: 'Raise an opportunity' }).first().click();
      await a.getByLabel('Service', { exact: true }).fill(service);
      await a.getByLabel('Title', { exact: true }).fill(ALIKE);
      const similar = a.getByRole('region', { name: 'Raised already? These open ones look alike' });
      await similar.getByRole('link', { name: TITLE }).waitFor();
      await waitForText(a, '.similar', '0 supporters');
      await cast.scan(a, 'raise-similar');

      // Another of hers, raised through the API: the matrix has more than one cell to show.
      const other = await gw.call('POST', '/opportunities', {
        token: await gw.token(people.alice),
        body: {
          title: 'Printer queue stuck every Monday',
          description: 'The shared printer needs a restart each week.',
          service,
          department: 'customer-service',
          origin: 'incident',
          benefit: { category: 'time', level: 'low', description: 'Ten minutes a week' },
          effort: 'XL',
          risk: 'medium',
          objectives: [],
        },
      });
      expect(other.status).toBe(201);
    }),
  );

  it(
    'lets Bob support it instead of raising it again, and comment; Chen supports it and sees no triage',
    cast.keepingPages(async () => {
      const bob = await cast.signIn('Bob', { path: '/opportunities/new' });
      const b = bob.page;
      await b.getByLabel('Service', { exact: true }).fill(service);
      await b.getByLabel('Title', { exact: true }).fill(ALIKE);
      await b.getByRole('button', { name: `Support it instead (“${TITLE}”)` }).click();
      await b.waitForURL(`**/app/opportunities/${opportunityId}`);
      await b.getByText(`You support “${TITLE}”.`).first().waitFor();
      await b.getByText('You support it.').waitFor();
      await b.getByRole('button', { name: 'Withdraw my support' }).waitFor();
      await b.getByLabel('Your comment').fill(`Same here, every evening ${HOSTILE}`);
      await b.getByRole('button', { name: 'Add the comment' }).click();
      await b.getByText(`Your comment on “${TITLE}” is added.`).waitFor();
      await waitForText(b, '#comments', `Same here, every evening ${HOSTILE}`);
      expect(await b.locator('main img, main b').count()).toBe(0);
      await cast.scan(b, 'opportunity-supported');

      const chen = await cast.signIn('Chen', { path: `/opportunities/${opportunityId}` });
      const c = chen.page;
      await c.locator('main h1', { hasText: TITLE }).waitFor();
      await c.getByLabel('Comment (optional)').fill('Customers complain daily');
      await c.getByRole('button', { name: 'Support this opportunity' }).click();
      await c.getByText('You support it.').waitFor();
      await waitForText(c, '.opportunity-header', /Supporters\s*2/);
      await waitForText(c, '#supporters', 'Customers complain daily');
      // Chen is an agent: no triage, no promotion offered.
      for (const name of ['Accept', 'Decline', 'Mark as a duplicate', 'Promote to an initiative'])
        expect(await c.getByRole('button', { name }).or(c.getByRole('link', { name })).count()).toBe(0);
      expect(await c.getByRole('heading', { name: 'Triage' }).count()).toBe(0);
    }),
  );

  it(
    'lets Maria find it high in the backlog, see why, open its matrix cell, accept and promote it',
    cast.keepingPages(async () => {
      const maria = await cast.signIn('Maria');
      const m = maria.page;
      await m.getByRole('link', { name: 'Opportunities' }).click();
      await m.getByRole('link', { name: TITLE }).waitFor();
      const rows = await tableRows(m, '.backlog-table');
      expect(rows[0]?.[0]).toBe('1');
      expect(rows[0]?.[1]).toContain(TITLE);
      // very high 4×10, S 0, low risk 0, 2 supporters 3×log2(3), 2 objectives 2×2.
      expect(rows[0]?.[2]).toBe('48.75');
      expect(rows[0]?.[3]).toContain('Benefit Very high +40');
      expect(rows[0]?.[3]).toContain('Support 2 supporters +4.75');
      expect(rows[0]?.[3]).toContain('Objectives 2 objectives +4');
      expect(rows[1]?.[1]).toContain('Printer queue stuck every Monday');
      await cast.scan(m, 'opportunities-backlog');

      // The matrix: a table whose cells are links that filter the list.
      const matrix = m.locator('.matrix-table');
      expect(await matrix.locator('tbody th').allInnerTexts()).toEqual([
        'Very high',
        'High',
        'Medium',
        'Low',
      ]);
      await m.getByRole('link', { name: '1 opportunity of Very high benefit and Small (S) effort' }).click();
      await m.waitForURL(/benefitLevel=very-high/);
      expect(new URL(m.url()).searchParams.get('effort')).toBe('S');
      await m.getByRole('link', { name: 'Printer queue stuck every Monday' }).waitFor({ state: 'detached' });
      await waitForText(m, '.backlog-table caption', '1 opportunity');
      expect((await tableRows(m, '.backlog-table')).map((row) => row[1]?.split('\n')[0])).toEqual([TITLE]);
      expect(await m.getByLabel('Effort', { exact: true }).inputValue()).toBe('S');
      await cast.scan(m, 'opportunities-matrix-cell');

      await m.getByRole('link', { name: TITLE }).click();
      await m.locator('main h1', { hasText: TITLE }).waitFor();
      expect(await tableRows(m, '.score-table')).toEqual([
        ['Benefit', 'Very high', '10', '+40'],
        ['Effort', 'Small (S)', '6', '0'],
        ['Risk', 'Low', '5', '0'],
        ['Support', '2 supporters', '3', '+4.75'],
        ['Objectives', '2 objectives', '2', '+4'],
      ]);
      await m.getByRole('heading', { name: 'Triage' }).waitFor();
      await m.getByRole('button', { name: 'Accept' }).click();
      await m.getByText(`“${TITLE}” is accepted.`).waitFor();
      await waitForText(m, '.opportunity-header', /Status\s*Accepted/);
      await waitForText(m, '.opportunity-header', 'Accepted by maria');
      await cast.scan(m, 'opportunity-accepted');

      // Promote: the new-initiative form comes filled in from the opportunity's draft.
      await m.getByRole('link', { name: 'Promote to an initiative' }).click();
      await m.waitForURL(`**/app/new?fromOpportunity=${opportunityId}`);
      await m.getByRole('heading', { name: /Promoting an opportunity/ }).waitFor();
      expect(await m.getByLabel('Title').inputValue()).toBe(TITLE);
      expect(await m.getByLabel(/^Service/).inputValue()).toBe(service);
      expect(await m.getByLabel(/^Owning department/).inputValue()).toBe('customer-service');
      expect(await m.getByLabel(/^Name/).inputValue()).toBe('csat');
      expect(await m.getByLabel('Direction').inputValue()).toBe('higher-is-better');
      await waitForText(m, '.new-initiative', 'Why this KPI:');
      await cast.scan(m, 'new-initiative-from-opportunity');
      await m.getByLabel(/^Id/).fill(initiativeId);
      await m.getByLabel('Unit', { exact: true }).fill('score');
      await m.getByLabel('Target value').fill('4.2');
      await m.getByRole('button', { name: 'Create the initiative' }).click();
      await m.waitForURL(`**/app/initiatives/${initiativeId}`);
      await m.locator('main h1', { hasText: TITLE }).waitFor();
      await waitForText(m, '.initiative-header', `From opportunity\n${opportunityId}`);

      await m.getByRole('link', { name: opportunityId }).click();
      await m.waitForURL(`**/app/opportunities/${opportunityId}`);
      await waitForText(m, '.opportunity-header', /Status\s*Promoted/);
      await m.getByRole('heading', { name: 'The initiative it became' }).waitFor();
      await waitForText(m, '#initiative', initiativeId);
      await waitForText(m, '#initiative', 'not closed yet');
      expect(await m.getByRole('heading', { name: 'Triage' }).count()).toBe(0);
      await waitForText(m, '#trail', 'Promoted to an initiative');
      const trail = (await tableRows(m, '.trail-table')).map((row) => row[2]);
      expect(trail).toEqual([
        'Raised',
        'Supported',
        'Commented',
        'Supported',
        'Accepted',
        'Promoted to an initiative',
      ]);
      await cast.scan(m, 'opportunity-promoted');
    }),
  );

  it(
    'shows how the initiative ended on it and on the opportunity, and lets its manager change the code',
    cast.keepingPages(async () => {
      const m = cast.find('Maria').page;
      await m.getByRole('link', { name: TITLE }).click();
      await m.waitForURL(`**/app/initiatives/${initiativeId}`);
      await m.getByText('Pause or cancel the initiative').click();
      await m.getByLabel('Reason').last().fill('Replaced by the new chat tool');
      await m.getByRole('button', { name: 'Cancel the initiative' }).click();
      await m.getByRole('heading', { name: 'How it ended' }).waitFor({ timeout: 30_000 });
      await waitForText(m, '#closure', /Withdrawn\s*derived from how it ended/);
      await m.getByText('Change the closure code').click();
      await m.getByLabel('Closure code').selectOption({ label: 'Successful' });
      await m.getByLabel('Achieved benefit').selectOption({ label: 'Customer satisfaction' });
      await m.locator('#closure').getByLabel('Reason').fill('The new tool met the target');
      await m.getByRole('button', { name: 'Save the closure' }).click();
      await m.getByText(`The closure of “${TITLE}” is saved.`).waitFor();
      await waitForText(m, '#closure', /Successful\s*set by maria/);
      await waitForText(m, '#closure', 'The new tool met the target');
      await waitForText(m, '.audit-table', 'Closure code set');
      await cast.scan(m, 'initiative-closure');

      // Bob, who supported it, reads the result on the opportunity.
      const b = cast.find('Bob').page;
      await b.reload();
      await waitForText(b, '#initiative', /Closure code\s*Successful/);
      await waitForText(b, '#initiative', /Achieved benefit\s*Customer satisfaction/);
      await waitForText(b, '#trail', 'Result of the initiative');
      // Nothing waits on him any more: the support stays, the opportunity is promoted.
      expect(await b.getByRole('button', { name: 'Support this opportunity' }).count()).toBe(0);
    }),
  );

  it(
    'shows the portfolio, and the customer feedback of a service, whose comment starts an opportunity',
    cast.keepingPages(async () => {
      // Bob tells how it feels, on the initiative's page.
      const b = cast.find('Bob').page;
      await b.getByRole('link', { name: TITLE }).click();
      await b.waitForURL(`**/app/initiatives/${initiativeId}`);
      await b.getByText('Give feedback').click();
      await b.getByLabel('Score', { exact: true }).fill('2');
      await b.getByLabel('Comment', { exact: true }).fill(`Twenty minutes for an answer ${HOSTILE}`);
      await b.getByRole('button', { name: 'Send feedback' }).click();
      await b.getByText(`Thank you: your feedback on “${TITLE}” is recorded.`).waitFor();

      const m = cast.find('Maria').page;
      await m.getByRole('link', { name: 'Portfolio' }).first().click();
      await m.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
      await waitForText(m, '#phases', /Closed\s*1/);
      await waitForText(m, '#closures', /Successful\s*1/);
      await waitForText(m, '#overdue', 'Nothing is overdue.');
      await cast.scan(m, 'portfolio');
      await m.getByLabel('Service', { exact: true }).fill(service);
      await m.getByRole('button', { name: 'Show' }).click();
      await m.waitForURL(`**/app/portfolio?service=${service}`);
      await m.getByRole('link', { name: `Customer feedback on ${service}` }).click();
      await m.getByRole('heading', { name: `Customer feedback on ${service}`, level: 1 }).waitFor();
      await waitForText(m, '.feedback-list', `Twenty minutes for an answer ${HOSTILE}`);
      await waitForText(m, '.feedback-list', 'Score 2');
      await waitForText(m, '.trend-table', 'Week of');
      await m.getByRole('img', { name: /mean score over 1 week/ }).waitFor();
      expect(await m.locator('main img, main b').count()).toBe(0);
      await cast.scan(m, 'service-feedback');

      await m.getByRole('link', { name: /Raise an opportunity from this/ }).click();
      await m.waitForURL(/\/app\/opportunities\/new\?/);
      await m.getByRole('heading', { name: 'Raise an opportunity', level: 1 }).waitFor();
      expect(await m.getByLabel('Service', { exact: true }).inputValue()).toBe(service);
      expect(await m.getByLabel('Where it came from').inputValue()).toBe('customer-feedback');
      expect(await m.getByLabel('Reference (optional)').inputValue()).toMatch(/^feedback \d+$/);
      expect(await m.getByLabel('Description').inputValue()).toBe(`Twenty minutes for an answer ${HOSTILE}`);
      await cast.scan(m, 'raise-from-feedback');
    }),
  );

  it('speaks Simplified Chinese on the backlog and an opportunity, for a person who chose it', async () => {
    const ivan = await cast.signIn('Ivan', { locale: 'zh-CN', path: '/opportunities?status=all' });
    const i = ivan.page;
    await i.getByRole('heading', { name: '改进机会', level: 1 }).waitFor();
    await i.getByRole('link', { name: TITLE }).waitFor();
    await waitForText(i, '.backlog-table', '已立项');
    await waitForText(i, '.matrix-table', '很高');
    await cast.scan(i, 'zh-opportunities');
    await i.getByRole('link', { name: TITLE }).click();
    await i.getByRole('heading', { name: '排名理由' }).waitFor();
    await waitForText(i, '#trail', '立项为改进项');
    await cast.scan(i, 'zh-opportunity');
  });

  itFoundNoProblems(cast, 16);
});
