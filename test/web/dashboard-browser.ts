// Headless Chromium for the dashboard tests (Debian's `chromium`, driven by playwright-core),
// with the flags a machine without network needs, and helpers to wait for a page to settle,
// collect console errors and check that charts drew something.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// What the callbacks below use of the page's globals: they run in the browser, and this test
// project has no DOM types (strings would not do: the dashboard's CSP forbids eval).
declare const document: {
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): { length: number };
};
declare function scrollTo(x: number, y: number): void;

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

// Without these, Chromium keeps trying to reach Google's services and floods refused connections.
const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the install command when Chromium is missing; each launch gets a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does this on CI).`,
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: QUIET_FLAGS });
}

/** Console errors and uncaught exceptions of a page, as they happen. */
export interface PageProblems {
  readonly errors: string[];
}

export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  return { page, problems };
}

/**
 * Waits until the page titled `title` shows and none of its panels is still loading. (A hash
 * change re-renders a moment later: waiting for the title keeps the old page from passing.)
 */
export async function settle(page: Page, title: string): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      (document.querySelector('main h1') as { textContent: string | null } | null)?.textContent ===
        expected && document.querySelectorAll('.state--loading').length === 0,
    title,
    { timeout: 20_000 },
  );
}

/** Per chart: its label and how many of its pixels are painted (a blank canvas has none). */
export function chartInk(page: Page): Promise<{ label: string; painted: number }[]> {
  return page.$$eval('canvas', (canvases) =>
    canvases.map((canvas) => {
      const context = canvas.getContext('2d');
      let painted = 0;
      if (context && canvas.width > 0 && canvas.height > 0) {
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
      }
      return { label: canvas.getAttribute('aria-label') ?? '', painted };
    }),
  );
}

/** The visible text of each row of the table inside `panel` (a CSS selector). */
export function tableRows(page: Page, panel: string): Promise<string[][]> {
  return page.$$eval(`${panel} tbody tr`, (rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // From the top: a sticky sidebar would otherwise be drawn where the page was scrolled to.
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  return path;
}
