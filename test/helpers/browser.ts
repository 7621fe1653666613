/**
 * A real headless Chromium for the console's end-to-end tests: Debian's package, driven by
 * playwright-core (a test tool's own browser download cannot work here; .ci/run installs it).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export const noBrowser = (): string | undefined =>
  existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing: install Debian's chromium package (.ci/run does) to run the console's browser tests.`;

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/** A page the size the screenshots are taken at, waiting at most 20 s for what a test awaits. */
export async function consolePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(20_000);
  return page;
}

/**
 * Saves what the page shows as `{name}.png` in TAILOR_CONSOLE_SCREENSHOTS, when it is set:
 * docs/console.md's pictures are taken this way.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.TAILOR_CONSOLE_SCREENSHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

export interface RecommendationRow {
  item: string;
  reason: string;
  promotion: string;
  /** `COLUMN: value; …`, when the request asked for metadata. */
  metadata: string | undefined;
}

/** The rows of the console's recommendations table (components/recommendations-test.tsx). */
export async function recommendationRows(page: Page): Promise<RecommendationRow[]> {
  const rows = page
    .locator('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Score' }) })
    .locator('tbody tr');
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return { item: cells[1]!, reason: cells[3]!, promotion: cells[4]!, metadata: cells[5] };
    }),
  );
}
