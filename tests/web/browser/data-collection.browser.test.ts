import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@cio/testing';
import { people } from '../../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../../support/gateway-harness';
import { HttpJsonSource } from '../../support/http-json-source';
import { axeViolations, buildWebApp, screenshot, signIn, WEB_DIST_DIR, waitForText } from './browser-support';

// A KPI pulled from a data source, as the initiative page shows it: where its samples come from,
// how far its window is collected, and a source that goes down, since when and why.
const SECOND = 1_000;

describe('the initiative page shows its data collection', () => {
  let source: HttpJsonSource;
  let gw: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    buildWebApp();
    source = new HttpJsonSource();
    await source.start();
    gw = await startGatewayHarness('web-collection', {
      NODE_ENV: 'development',
      WEB_DIST_DIR,
      DATA_SOURCES: JSON.stringify([source.config('support-api')]),
      DATA_COLLECTION_STEP_MS: String(SECOND),
      DATA_COLLECTION_POLL_MS: '250',
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
    await source?.stop();
  });

  it('creates a KPI pulled from a data source in the form, then shows its source, its last pull and a failing source', async () => {
    const id = `pulled-${randomUUID().slice(0, 8)}`;
    source.set('first-response', 12, 0);
    const maria = await signIn(browser, gw.baseUrl, 'Maria');
    const { page } = maria;
    await page.getByRole('link', { name: 'New initiative' }).click();
    await page.getByLabel('Title').fill('Faster first answers');
    await page.getByLabel(/^Service/).fill('customer-support');
    await page.getByLabel(/^Id/).fill(id);
    await page.getByLabel(/^Name/).fill('response_minutes');
    await page.getByLabel('Unit', { exact: true }).fill('minutes');
    await page.getByLabel('Target value').fill('5');
    await page.getByLabel('Samples come from').selectOption({ label: 'Data source: query' });
    // The configured sources are offered by name; the query is tried when the initiative is created.
    await page.getByLabel('Data source', { exact: true }).selectOption('support-api');
    await page.getByLabel(/^Query/).fill('first-respons');
    await page.getByLabel('Assessment period', { exact: true }).fill('10');
    await page.getByLabel('Unit of “Assessment period”').selectOption('minutes');
    await page.getByLabel('Wait for a data source that is down', { exact: true }).fill('30');
    await page.getByLabel('Unit of “Wait for a data source that is down”').selectOption('minutes');
    await screenshot(page, 'new-initiative-pulled');
    await page.getByRole('button', { name: 'Create the initiative' }).click();
    // A query the source answers with nothing is refused at its field.
    await waitForText(page, 'form', /Query[\s\S]*gives no points for the last ten minutes/);
    await page.getByLabel(/^Query/).fill('first-response');
    await page.getByRole('button', { name: 'Create the initiative' }).click();
    await page.waitForURL(`**/app/initiatives/${id}`);
    const created = await gw.call('GET', `/initiatives/${id}`, { token: await gw.token(people.maria) });
    expect(created.body.state.definition.policy.collectionPatienceMs).toBe(30 * 60_000);
    await waitForText(page, '#definition', 'pulled from support-api: first-response');
    await waitForText(
      page,
      '#kpis',
      /Data collection[\s\S]*response_minutes[\s\S]*support-api[\s\S]*Last pulled/,
    );
    await screenshot(page, 'collection-pulling');

    source.fail(true);
    await waitForText(page, '#kpis', /Failing since .*; retried[\s\S]*support-api[\s\S]*503/, 30_000);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'collection-failing');
    source.fail(false);
    await waitForText(page, '#kpis', 'Last pulled', 30_000);
    expect(maria.problems).toEqual([]);
    await maria.context.close();
  }, 120_000);
});
