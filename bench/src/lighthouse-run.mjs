// Lighthouse on pages of the web app as a signed-in person, for the web benchmark (web.bench.ts):
// `node bench/src/lighthouse-run.mjs` with a JSON job on stdin, { chromePath, originUrl, session,
// pages: [{ name, url }], runs }, and one JSON line of results on stdout. Lighthouse and puppeteer are
// ES modules only, hence this file. The session is put in the tab's sessionStorage, as signing
// in does, and Lighthouse audits that same tab (its storage is not reset).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';

const job = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
  }),
);

const browser = await puppeteer.launch({
  executablePath: job.chromePath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
const results = [];
try {
  for (const target of job.pages) {
    for (const [formFactor, config] of [
      ['desktop', desktopConfig],
      ['mobile', undefined],
    ]) {
      // Lighthouse's scores vary from run to run; its own advice is the median of several.
      const runs = [];
      for (let n = 0; n < (job.runs ?? 1); n++) {
        // Signed in on a page of the same origin that loads nothing of the app; then a cold cache,
        // as a person's first visit (Lighthouse keeps the tab's storage, so the cache is cleared here).
        const page = await browser.newPage();
        await page.goto(job.originUrl, { waitUntil: 'networkidle0' });
        await page.evaluate((session) => {
          sessionStorage.setItem('cio.session', JSON.stringify(session));
        }, job.session);
        const cdp = await page.createCDPSession();
        await cdp.send('Network.clearBrowserCache');
        await cdp.detach();
        const flags = {
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          disableStorageReset: true,
        };
        const run = await lighthouse(target.url, flags, config, page);
        const lhr = run.lhr;
        // LIGHTHOUSE_REPORTS=<folder> keeps each whole report, to see what a score is made of.
        if (process.env.LIGHTHOUSE_REPORTS)
          writeFileSync(
            join(
              process.env.LIGHTHOUSE_REPORTS,
              `${target.name.replace(/\W+/g, '-')}-${formFactor}-${n + 1}.json`,
            ),
            JSON.stringify(lhr),
          );
        // …and its trace (tasks, layouts, paints), to see where the main thread's time went.
        if (process.env.LIGHTHOUSE_REPORTS && run.artifacts?.Trace)
          writeFileSync(
            join(
              process.env.LIGHTHOUSE_REPORTS,
              `${target.name.replace(/\W+/g, '-')}-${formFactor}-${n + 1}.trace.json`,
            ),
            JSON.stringify(run.artifacts.Trace),
          );
        const requests = lhr.audits['network-requests']?.details?.items ?? [];
        const scripts = requests.filter((r) => r.resourceType === 'Script');
        runs.push({
          page: target.name,
          formFactor,
          finalUrl: lhr.finalDisplayedUrl,
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? null,
          tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? null,
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? null,
          scriptBytes: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
          scripts: scripts.length,
          failing: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary')
            .map((a) => a.id),
        });
        await page.close();
      }
      const sorted = [...runs].sort((a, b) => a.performance - b.performance);
      const median = sorted[Math.floor(sorted.length / 2)];
      results.push({ ...median, performanceRuns: runs.map((r) => r.performance) });
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify(results)}\n`);
