// Using the dashboard in real headless Chromium against the real server on a generated lake:
// sorting from the keyboard and downloading CSV, keyboard navigation, and the copilot chat
// (answer in words, chart, rows, copyable SQL, an honest refusal) checked against the lake.

import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartInk, openPage, screenshot, settle, tableRows } from './dashboard-browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

// What the callbacks below use of the page's globals: they run in the browser, and this test
// project has no DOM types (strings would not do: the dashboard's CSP forbids eval).
declare const document: { activeElement: { id: string; textContent: string | null } | null };
declare const location: { hash: string };
declare function getComputedStyle(element: unknown): { outlineStyle: string };
declare const navigator: { clipboard: { readText(): Promise<string> } };

/** The copilot's answer, as far as these tests read it (the shape POST /api/ask answers with). */
interface AskAnswer {
  readonly status: 'answered' | 'refused';
  readonly answer: string;
  readonly sql?: string;
  readonly period?: { readonly from: string; readonly to: string };
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

describe('using the dashboard in Chromium', () => {
  let server: DashboardServer;
  let desktop: BrowserContext;

  beforeAll(async () => {
    server = await startDashboardServer();
    desktop = await server.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sorts a table from the keyboard and downloads all its rows as CSV', async () => {
    const { page, problems } = await openPage(desktop);
    await page.goto(`${server.api.url}/#/compliance`);
    await settle(page, 'Compliance');
    const expected = await server.query(
      "select payment_id from compliance_guardian.fraud_scores where risk_level <> 'low' order by payment_id desc limit 1",
    );
    await page.focus('#riskiest-payments th:first-child button');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#riskiest-payments th:first-child', 'aria-sort')).toBe('descending');
    expect((await tableRows(page, '#riskiest-payments'))[0]?.[0]).toBe(String(expected[0]?.payment_id));
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#riskiest-payments th:first-child', 'aria-sort')).toBe('ascending');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#riskiest-payments button:has-text("Download CSV")'),
    ]);
    expect(download.suggestedFilename()).toBe('riskiest-payments.csv');
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const [{ n }] = (await server.query(
      "select count(*)::INTEGER as n from compliance_guardian.fraud_scores where risk_level <> 'low'",
    )) as [{ n: number }];
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Payment,Score,Risk,Order,Customer,Status,Paid,Reasons');
    expect(lines.length).toBeGreaterThanOrEqual(n + 1);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('answers a copilot question with words, a chart, the rows and the SQL behind it', async () => {
    const question = 'revenue by region last month';
    const expected = (await (
      await fetch(`${server.api.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      })
    ).json()) as AskAnswer;
    expect(expected.status).toBe('answered');
    // The numbers are the lake's: daily revenue per region over the period the answer names.
    const truth = await server.query(
      `select region, sum(revenue) as revenue from market_intelligence_hub.daily_sales
       where date between '${expected.period?.from}' and '${expected.period?.to}' group by region`,
    );
    const regionAt = expected.columns.findIndex((c) => c.name === 'region');
    const valueAt = expected.columns.findIndex(
      (c) => c.name !== 'region' && /DOUBLE|DECIMAL|INT/i.test(c.type),
    );
    expect(expected.rows).toHaveLength(truth.length);
    for (const row of truth) {
      const answered = expected.rows.find((r) => r[regionAt] === row.region);
      expect(Number(answered?.[valueAt]), String(row.region)).toBeCloseTo(Number(row.revenue), 1);
    }

    await desktop.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.api.url });
    const { page, problems } = await openPage(desktop);
    await page.goto(`${server.api.url}/#/chat`);
    await settle(page, 'Copilot chat');
    const { suggestions } = (await (await fetch(`${server.api.url}/api/ask/suggestions`)).json()) as {
      suggestions: string[];
    };
    expect(suggestions.length).toBeGreaterThan(0);
    expect(
      await page.$$eval('section[aria-label="Suggested questions"] .chip', (chips) => chips.length),
    ).toBe(suggestions.length);
    await page.fill('#question', question);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="copilot-answer"]');
    const answer = page.locator('.exchange').first();
    expect(await answer.locator('.question').textContent()).toContain(question);
    expect(await answer.locator('[data-testid="answer-text"]').textContent()).toBe(expected.answer);
    expect(await answer.locator('[data-testid="answer-sql"]').textContent()).toBe(expected.sql);
    expect(await answer.locator('tbody tr').count()).toBe(Math.min(expected.rows.length, 10));
    expect((await chartInk(page))[0]?.painted).toBeGreaterThan(500);
    await answer.locator('button:has-text("Copy SQL")').click();
    await answer.locator('text=Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.sql);
    await screenshot(page, 'copilot-chat-answer');

    await page.fill('#question', 'will it rain in Paris tomorrow?');
    await page.click('button:has-text("Ask")');
    await page.waitForSelector('.exchange >> nth=1');
    const refusal = page.locator('.exchange').first();
    await refusal.locator('.answer--refused').waitFor();
    expect(await refusal.locator('tbody tr').count()).toBe(0);
    expect(await refusal.locator('.suggestions .chip').count()).toBeGreaterThan(0);
    await screenshot(page, 'copilot-chat-refusal');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('is usable from the keyboard: skip link, navigation, focus on the new page’s title', async () => {
    const { page, problems } = await openPage(desktop);
    await page.goto(`${server.api.url}/`);
    await settle(page, 'Overview');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await page.focus('.brand');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith(
          'Global market pulse',
        )
      )
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/pulse');
    await settle(page, 'Global market pulse');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    expect(await page.getAttribute('nav a[aria-current="page"]', 'href')).toBe('#/pulse');
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
