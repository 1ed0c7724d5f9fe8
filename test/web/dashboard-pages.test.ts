// Every page of the dashboard in real headless Chromium against the real server on a generated
// lake: each renders its data and charts without console errors, the overview's headlines match
// the lake, the forecast series can be switched, and every page fits a phone. A screenshot of
// each page (desktop and phone) lands in test-output/screenshots/ for a person to look at.

import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartInk, openPage, screenshot, settle, tableRows } from './dashboard-browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

// What the callbacks below use of the page's globals: they run in the browser, and this test
// project has no DOM types (strings would not do: the dashboard's CSP forbids eval).
declare const document: { documentElement: { scrollWidth: number } };
declare const location: { hash: string };
declare const window: { innerWidth: number };

/** Each page, what must be on it, and how many charts must have drawn. */
const PAGES = [
  {
    path: '/',
    name: 'overview',
    title: 'Overview',
    panels: ['#compliance-checks', '#freshness', '#recent-runs'],
    charts: 1,
  },
  {
    path: '/market',
    name: 'market-intelligence',
    title: 'Market intelligence',
    panels: ['#forecast-table', '#backtest', '#latest-month'],
    charts: 2,
  },
  {
    path: '/demand',
    name: 'demand-insights',
    title: 'Demand insights',
    panels: ['#segments', '#churn-list'],
    charts: 3,
  },
  {
    path: '/compliance',
    name: 'compliance',
    title: 'Compliance',
    panels: ['#riskiest-payments', '#signals', '#fraud-alerts', '#compliance-checks'],
    charts: 3,
  },
  {
    path: '/pulse',
    name: 'global-market-pulse',
    title: 'Global market pulse',
    panels: ['#opportunities', '#countries'],
    charts: 3,
  },
  {
    path: '/retail-copilot',
    name: 'retail-copilot',
    title: 'Retail copilot',
    panels: ['#search-patterns', '#demand-gaps'],
    charts: 2,
  },
  { path: '/chat', name: 'copilot-chat', title: 'Copilot chat', panels: [], charts: 0 },
] as const;

describe('dashboard pages in Chromium', () => {
  let server: DashboardServer;
  let desktop: BrowserContext;

  beforeAll(async () => {
    server = await startDashboardServer();
    desktop = await server.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('renders every page with data from the lake, drawn charts and no console errors', async () => {
    const { page, problems } = await openPage(desktop);
    for (const spec of PAGES) {
      await page.goto(`${server.api.url}/#${spec.path}`);
      await settle(page, spec.title);
      // Taken before the checks, so a failing page can be looked at too.
      await screenshot(page, spec.name);
      expect(await page.textContent('main h1'), spec.path).toBe(spec.title);
      expect(await page.$$eval('.state--error', (els) => els.map((e) => e.textContent)), spec.path).toEqual(
        [],
      );
      for (const panel of spec.panels) {
        expect((await tableRows(page, panel)).length, `${spec.path} ${panel}`).toBeGreaterThan(0);
      }
      const ink = await chartInk(page);
      expect(ink.length, `${spec.path} charts`).toBeGreaterThanOrEqual(spec.charts);
      for (const chart of ink) expect(chart.painted, `${spec.path}: ${chart.label}`).toBeGreaterThan(500);
    }
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('puts the next day’s forecast, the riskiest payments and the best opportunity first on the overview', async () => {
    const [forecast] = await server.query(
      "select forecast from market_intelligence_hub.sales_forecast where series = 'total' order by date limit 1",
    );
    const [riskiest] = await server.query(
      'select payment_id from compliance_guardian.fraud_scores order by fraud_score desc, payment_ts desc limit 1',
    );
    const [best] = await server.query(
      "select category, country, region from global_market_pulse.market_opportunities where level = 'country' order by opportunity_score desc limit 1",
    );
    const { page, problems } = await openPage(desktop);
    await page.goto(`${server.api.url}/`);
    await settle(page, 'Overview');
    const dollars = Math.round(Number(forecast?.forecast)).toLocaleString('en-US');
    expect(await page.textContent('[data-testid="forecast-figure"]')).toBe(`$${dollars}`);
    const payments = await page.$$eval('[data-testid="riskiest-payments"] li', (items) =>
      items.map((i) => i.textContent),
    );
    expect(payments).toHaveLength(3);
    expect(payments[0]).toContain(`Payment ${riskiest?.payment_id}`);
    const market = String(best?.category);
    expect(await page.textContent('[data-testid="best-opportunity"]')).toBe(
      `${market.charAt(0).toUpperCase()}${market.slice(1)} in ${best?.country} (${best?.region})`,
    );
    await page.click('text=Open the forecast');
    await page.waitForFunction(() => location.hash === '#/market');
    await settle(page, 'Market intelligence');
    expect(await page.textContent('#forecast h2')).toContain('Total');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('switches the forecast series with the picker and keeps the choice in the URL', async () => {
    const { page, problems } = await openPage(desktop);
    await page.goto(`${server.api.url}/#/market`);
    await settle(page, 'Market intelligence');
    const [region] = await server.query(
      "select series from market_intelligence_hub.sales_forecast where series like 'region:%' order by series limit 1",
    );
    await page.selectOption('#series-picker', String(region?.series));
    await page.waitForFunction(() => location.hash.includes('series=region'));
    const name = String(region?.series).slice('region:'.length);
    await page.waitForSelector(`#forecast h2:has-text("Region: ${name}")`);
    await settle(page, 'Market intelligence');
    expect(await page.textContent('#forecast-table .table-tools')).toContain('28 rows');
    expect((await chartInk(page))[0]?.painted).toBeGreaterThan(500);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('fits a phone screen: the menu opens the navigation and no page scrolls sideways', async () => {
    const phone = await server.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const { page, problems } = await openPage(phone);
    await page.goto(`${server.api.url}/`);
    await settle(page, 'Overview');
    expect(await page.isVisible('#site-nav')).toBe(false);
    await page.click('.menu-button');
    expect(await page.getAttribute('.menu-button', 'aria-expanded')).toBe('true');
    expect(await page.isVisible('#site-nav')).toBe(true);
    await page.click('#site-nav >> text=Compliance');
    await page.waitForFunction(() => location.hash === '#/compliance');
    await settle(page, 'Compliance');
    expect(await page.isVisible('#site-nav')).toBe(false);
    for (const spec of PAGES) {
      await page.goto(`${server.api.url}/#${spec.path}`);
      await settle(page, spec.title);
      await screenshot(page, `${spec.name}-phone`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${spec.path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    expect(problems.errors).toEqual([]);
    await phone.close();
  });
});
