import { describe, expect, it } from 'vitest';
import { parsePeriods } from './parse-period.js';
import type { PeriodSpec } from './period-spec.js';
import { questionText } from './question-words.js';
import { previousPeriod, relatedPeriod, resolvePeriod } from './resolve-period.js';

// A Saturday, the last day of a 31-day month, as the latest day of data.
const ANCHOR = '2026-10-31';
const RANGE = { from: '2024-11-01', to: ANCHOR };

function periodsOf(question: string) {
  return parsePeriods(questionText(question).words);
}

function resolve(question: string, range: { from: string; to: string; future?: boolean } = RANGE) {
  const spec = periodsOf(question).periods[0]?.spec as PeriodSpec;
  expect(spec, question).toBeDefined();
  const period = resolvePeriod(spec, ANCHOR, range);
  return [period?.from, period?.to];
}

describe('resolvePeriod', () => {
  it.each([
    ['revenue yesterday', '2026-10-30', '2026-10-30'],
    ['orders today', '2026-10-31', '2026-10-31'],
    ['the day before yesterday', '2026-10-29', '2026-10-29'],
    ['last 30 days', '2026-10-02', '2026-10-31'],
    ['in the past 7 days', '2026-10-25', '2026-10-31'],
    ['last two weeks', '2026-10-18', '2026-10-31'],
    ['last 3 months', '2026-08-01', '2026-10-31'],
    ['last 12 months', '2025-11-01', '2026-10-31'],
    ['last week', '2026-10-19', '2026-10-25'],
    ['this week', '2026-10-26', '2026-11-01'],
    ['past week', '2026-10-25', '2026-10-31'],
    ['last month', '2026-09-01', '2026-09-30'],
    ['this month', '2026-10-01', '2026-10-31'],
    ['mtd', '2026-10-01', '2026-10-31'],
    ['last quarter', '2026-07-01', '2026-09-30'],
    ['this year', '2026-01-01', '2026-12-31'],
    ['last year', '2025-01-01', '2025-12-31'],
    ['in October', '2026-10-01', '2026-10-31'],
    ['in December', '2025-12-01', '2025-12-31'],
    ['march 2025', '2025-03-01', '2025-03-31'],
    ['2025-02', '2025-02-01', '2025-02-28'],
    ['Q3', '2026-07-01', '2026-09-30'],
    ['q4 2025', '2025-10-01', '2025-12-31'],
    ['the second quarter of 2025', '2025-04-01', '2025-06-30'],
    ['in 2025', '2025-01-01', '2025-12-31'],
    ['on 2026-10-15', '2026-10-15', '2026-10-15'],
    ['between 2026-10-01 and 2026-10-07', '2026-10-01', '2026-10-07'],
    ['from october 5 to october 9', '2026-10-05', '2026-10-09'],
    ['since 2026-10-20', '2026-10-20', '2026-10-31'],
    ['after 2026-10-20', '2026-10-21', '2026-10-31'],
    ['before 2024-11-03', '2024-11-01', '2024-11-02'],
    ['3 days ago', '2026-10-28', '2026-10-28'],
    ['all time', '2024-11-01', '2026-10-31'],
  ])('anchors "%s" at the latest day of data', (question, from, to) => {
    expect(resolve(question)).toEqual([from, to]);
  });

  it('reads future phrases forward from the anchor', () => {
    const future = { from: '2026-11-01', to: '2026-11-28', future: true };
    expect(resolve('next week', future)).toEqual(['2026-11-02', '2026-11-08']);
    expect(resolve('next 7 days', future)).toEqual(['2026-11-01', '2026-11-07']);
    expect(resolve('next month', future)).toEqual(['2026-11-01', '2026-11-30']);
    expect(resolve('tomorrow', future)).toEqual(['2026-11-01', '2026-11-01']);
    expect(resolve('in November', future)).toEqual(['2026-11-01', '2026-11-30']);
  });

  it('refuses a day that does not exist', () => {
    const spec = periodsOf('on 2026-02-30').periods[0]?.spec as PeriodSpec;
    expect(resolvePeriod(spec, ANCHOR, RANGE)).toBeNull();
  });

  it('reads "may" as a month only beside a year or a preposition', () => {
    expect(periodsOf('may I see revenue').periods).toEqual([]);
    expect(resolve('revenue in may')).toEqual(['2026-05-01', '2026-05-31']);
  });

  it('finds both periods of a comparison, and the relation of "year over year"', () => {
    expect(periodsOf('revenue this month vs last month').periods.map((p) => p.spec.kind)).toEqual([
      'calendar',
      'calendar',
    ]);
    expect(periodsOf('revenue year over year').relation).toMatchObject({ kind: 'shift', unit: 'year' });
    expect(periodsOf('revenue mom').relation).toMatchObject({ kind: 'shift', unit: 'month' });
  });
});

describe('previousPeriod and relatedPeriod', () => {
  it('maps a whole month to the whole month before, and a partial one to the same days', () => {
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-31', text: '', unit: 'month' })).toMatchObject({
      from: '2026-09-01',
      to: '2026-09-30',
    });
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-15', text: '', unit: 'month' })).toMatchObject({
      from: '2026-09-01',
      to: '2026-09-15',
    });
  });

  it('sets rolling days against the same number of days just before', () => {
    expect(previousPeriod({ from: '2026-10-02', to: '2026-10-31', text: '' })).toMatchObject({
      from: '2026-09-02',
      to: '2026-10-01',
    });
  });

  it('shifts year to date by a year', () => {
    const ytd = { from: '2026-01-01', to: '2026-10-31', text: '', unit: 'year' as const };
    expect(relatedPeriod(ytd, { kind: 'shift', unit: 'year', count: 1, text: '' })).toMatchObject({
      from: '2025-01-01',
      to: '2025-10-31',
    });
  });
});
