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
