// What the browser suites share: the built web app, people signed in through the development
// sign-in (one browser context each, as separate people on separate machines), an axe-core scan,
// screenshots, and a watch on everything the page must never do (CSP violations, dialogs, errors).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { workspaceRoot } from '@cio/config';
import { type GatewayHarness, startGatewayHarness } from '../../support/gateway-harness';

/** The little of the DOM the page functions below use (this file has Node's types, not the DOM's). */
interface PageElement {
  innerText: string;
  querySelectorAll(selector: string): PageElement[];
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
}

export const WEB_DIST_DIR = join(workspaceRoot, 'dist', 'web');
export const SCREENSHOTS = join(workspaceRoot, 'tmp', 'screenshots', 'web');

/** `npm run build:web` (a no-op when nothing changed); the suite serves what it built. */
export function buildWebApp(): string {
  const run = spawnSync(process.execPath, [join(workspaceRoot, 'scripts', 'build-web.mjs')], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`npm run build:web failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout.trim();
}

/** Builds the web app and starts the system with the gateway serving it (development sign-in). */
export async function startWebApp(name: string): Promise<GatewayHarness> {
  buildWebApp();
  return startGatewayHarness(name, { NODE_ENV: 'development', WEB_DIST_DIR });
}

export interface Person {
  /** The start of the persona's name on the sign-in page. */
  persona: string;
  context: BrowserContext;
  page: Page;
  /** Everything the page did that it must not (CSP violations, uncaught errors, dialogs). */
  problems: string[];
}

export async function openContext(
  browser: Browser,
  locale: 'en-GB' | 'zh-CN' = 'en-GB',
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    locale,
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(text)) problems.push(`csp: ${text}`);
  });
  return { context, page, problems };
}

/** Opens the app as a new person and signs in with their persona, one click on the sign-in page. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  persona: string,
  options: { locale?: 'en-GB' | 'zh-CN'; path?: string } = {},
): Promise<Person> {
  const { context, page, problems } = await openContext(browser, options.locale);
  await page.goto(`${baseUrl}/app${options.path ?? '/'}`);
  await page.getByRole('button', { name: new RegExp(`^${persona}`) }).click();
  await page.locator('main h1').first().waitFor();
  return { persona, context, page, problems };
}

/** Serious and critical axe-core violations of the page as it is now, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(join(workspaceRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol: the page's CSP (script-src 'self') does not apply.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    // In the page (this file is compiled without the DOM's types).
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown): Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const result = await axe.run(document);
    return result.violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The whole page, and a long one also in screen-high parts (easier to read at full size). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 900 };
  const total = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document
        .documentElement.scrollHeight,
  );
  if (total <= height * 1.5) return;
  for (let part = 0; part * height < total; part++) {
    const y = part * height;
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}.part-${part + 1}.png`),
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(height, total - y) },
    });
  }
}

/** Waits until the text shows in the element (the app refreshes itself: no reloads needed). */
export async function waitForText(page: Page, selector: string, text: string | RegExp, timeoutMs = 30_000) {
  await page.waitForFunction(
    ([sel, pattern, flags]) => {
      const { document } = globalThis as unknown as { document: PageDocument };
      const element = document.querySelector(sel as string);
      if (!element) return false;
      const content = element.innerText;
      return flags === null
        ? content.includes(pattern as string)
        : new RegExp(pattern as string, flags as string).test(content);
    },
    [selector, typeof text === 'string' ? text : text.source, typeof text === 'string' ? null : text.flags],
    { timeout: timeoutMs, polling: 250 },
  );
}

/** The rows of a table as the person reads them (cell texts). */
export async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (rows) =>
    (rows as unknown as PageElement[]).map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.innerText.trim()),
    ),
  );
}

/**
 * The people a suite signs in and what it found on their pages: axe-core findings by page
 * scanned, and each page's problems. The browser and the gateway start in `beforeAll`, hence
 * `where` is asked when someone signs in.
 */
export class Cast {
  readonly everyone: Person[] = [];
  /** Serious and critical axe-core findings, by page scanned. */
  readonly accessibility: Record<string, string[]> = {};

  constructor(
    private readonly where: () => { browser: Browser; baseUrl: string },
    /** How the screenshots of a failed step start. */
    private readonly failedShots: string,
  ) {}

  async signIn(persona: string, options: Parameters<typeof signIn>[3] = {}): Promise<Person> {
    const { browser, baseUrl } = this.where();
    const signedIn = await signIn(browser, baseUrl, persona, options);
    this.everyone.push(signedIn);
    return signedIn;
  }

  /** Someone signed in before, by persona. */
  find(persona: string): Person {
    const found = this.everyone.find((p) => p.persona === persona);
    if (!found) throw new Error(`${persona} has not signed in`);
    return found;
  }

  /** Scans the page as it is now with axe-core, and takes its screenshot. */
  async scan(page: Page, name: string): Promise<void> {
    this.accessibility[name] = await axeViolations(page);
    await screenshot(page, name);
  }

  /** Runs a step; when it fails, every person's page is saved as it was, to see why. */
  keepingPages(run: () => Promise<void>): () => Promise<void> {
    return async () => {
      try {
        await run();
      } catch (error) {
        for (const [i, p] of this.everyone.entries())
          await screenshot(p.page, `${this.failedShots}-${i}-${p.persona}`).catch(() => undefined);
        throw error;
      }
    };
  }
}

/** The suite's last two tests: no page it scanned had a serious finding; none misbehaved. */
export function itFoundNoProblems(cast: Cast, pagesScanned: number): void {
  it('has no serious or critical accessibility violation on any page', () => {
    const { accessibility } = cast;
    expect(Object.keys(accessibility).length).toBeGreaterThanOrEqual(pagesScanned);
    expect(accessibility).toEqual(Object.fromEntries(Object.keys(accessibility).map((page) => [page, []])));
  });

  it('never broke its content security policy, raised a dialog or threw', () => {
    const { everyone } = cast;
    expect(everyone.map((p) => [p.persona, p.problems])).toEqual(everyone.map((p) => [p.persona, []]));
  });
}
