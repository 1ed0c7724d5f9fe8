// Finds the time phrases of a question ("last 30 days", "October 2025", "this month vs last
// month", "year over year") and says which words they used, so the rest of the parser does
// not read "month" in "last month" as a request to break down by month.

import type { CalendarUnit } from './calendar-dates.js';
import type { DayRef, PeriodRelation, PeriodSpec } from './period-spec.js';
import { numberOf, type Word } from './question-words.js';

export interface PeriodMatch {
  readonly spec: PeriodSpec;
  /** First word index of the phrase. */
  readonly start: number;
}

export interface PeriodParse {
  /** In the order the question names them. */
  readonly periods: readonly PeriodMatch[];
  readonly relation?: PeriodRelation;
  /** Word indexes the time phrases used. */
  readonly consumed: ReadonlySet<number>;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const NUM =
  '(\\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)';
const UNIT = '(day|week|month|quarter|year)s?';
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const YEAR = '((?:19|20)\\d{2})';
const ISO = '(\\d{4}-\\d{2}-\\d{2})';
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
// A day: ISO, "october 5 2026", "5 october 2026", "5th of october".
const DATE = `(?:${ISO}|${MONTH} ${ORDINAL}(?: ${YEAR})?|${ORDINAL} (?:of )?${MONTH}(?: ${YEAR})?)`;
const PAST = '(?:the )?(?:last|past|previous|prior|trailing|preceding)';
const FUTURE = '(?:the )?(?:next|coming|upcoming|following)';
const THIS = '(?:this|the current|current)';

type Build = (m: RegExpExecArray) => PeriodSpec | PeriodRelation | undefined;

/** Patterns in the order they are tried: longer, more specific phrases first. */
const PATTERNS: readonly [string, Build][] = [
  ['(?:the )?day before yesterday', (m) => ({ kind: 'day', offset: -2, text: m[0] })],
  [`(?:between|from) ${DATE} (?:and|to|until|till|through|thru|-) ${DATE}`, (m) => range(m, 1, 8, m[0])],
  [`${DATE} (?:to|until|till|through|thru|-) ${DATE}`, (m) => range(m, 1, 8, m[0])],
  [`(?:between|from) ${MONTH}(?: ${YEAR})? (?:and|to|until|through|-) ${MONTH}(?: ${YEAR})?`, monthRange],
  [`(since|after|starting|starting from|from) ${DATE}`, (m) => openRange(m, 'from')],
  [`(until|till|through|before|up to|up until) ${DATE}`, (m) => openRange(m, 'to')],
  [`(?:since|starting) ${MONTH}(?: ${YEAR})?`, (m) => sinceMonth(m)],
  [`(?:since|starting) ${YEAR}`, (m) => ({ kind: 'range', from: { iso: `${m[1]}-01-01` }, text: m[0] })],
  [`(?:the )?${NUM} ${UNIT} ago`, ago],
  [`${PAST} ${NUM} ${UNIT}`, (m) => rolling(m, 'past')],
  [`${FUTURE} ${NUM} ${UNIT}`, (m) => rolling(m, 'future')],
  [
    '(?:the )?(same (?:period|time|days|dates|month|week|quarter) (?:last|a|the previous|the prior) year|(?:a|one) year (?:ago|earlier|before)|year over year|yoy|y o y)',
    () => ({ kind: 'shift', unit: 'year', count: 1, text: 'the same period a year earlier' }),
  ],
  [
    '(month over month|mom|m o m)',
    () => ({ kind: 'shift', unit: 'month', count: 1, text: 'the month before' }),
  ],
  ['(week over week|wow|w o w)', () => ({ kind: 'shift', unit: 'week', count: 1, text: 'the week before' })],
  [
    '(quarter over quarter|qoq|q o q)',
    () => ({ kind: 'shift', unit: 'quarter', count: 1, text: 'the quarter before' }),
  ],
  ['(day over day|dod)', () => ({ kind: 'shift', unit: 'day', count: 1, text: 'the day before' })],
  [
    '(?:the )?(?:previous|prior|preceding) period|(?:the )?period before(?: that)?',
    (m) => ({ kind: 'previous', text: m[0] }),
  ],
  [`(?:the )?${UNIT} before(?: that)?`, (m) => ({ kind: 'shift', unit: unitOf(m[1]), count: 1, text: m[0] })],
  [
    `(?:(?:this|the current|current) )?(week|month|quarter|year) to date|(wtd|mtd|qtd|ytd)|so far this (week|month|quarter|year)|${THIS} (week|month|quarter|year)(?: so far| to date)?`,
    toDate,
  ],
  [
    '(?:the )?(?:last|previous|prior|preceding) (week|month|quarter|year)',
    (m) => ({ kind: 'calendar', unit: unitOf(m[1]), offset: -1, text: m[0] }),
  ],
  [
    '(?:the )?past (day|week|month|quarter|year)',
    (m) => ({ kind: 'rolling', unit: unitOf(m[1]), count: 1, direction: 'past', text: m[0] }),
  ],
  ['(?:the )?(?:last|latest|past) day', () => ({ kind: 'day', offset: 0, text: 'the latest day' })],
  [`${FUTURE} day|tomorrow`, () => ({ kind: 'day', offset: 1, text: 'tomorrow' })],
  [
    `${FUTURE} (week|month|quarter|year)`,
    (m) => ({ kind: 'calendar', unit: unitOf(m[1]), offset: 1, text: m[0] }),
  ],
  [`(?:q|quarter )([1-4])(?: (?:of )?${YEAR})?`, (m) => quarter(Number(m[1]), m[2], m[0])],
  [
    `(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: (?:of )?${YEAR})?`,
    (m) => quarter(ordinal(m[1]), m[2], m[0]),
  ],
  ['(\\d{4})-(\\d{2})', (m) => ({ kind: 'month', month: Number(m[2]), year: Number(m[1]), text: m[0] })],
  [`${ISO}`, (m) => ({ kind: 'range', from: { iso: m[1] ?? '' }, to: { iso: m[1] ?? '' }, text: m[0] })],
  [`${MONTH}(?: (?:of )?${YEAR})?`, namedMonth],
  [`(?:the )?(?:year )?${YEAR}`, (m) => ({ kind: 'year', year: Number(m[1]), text: m[0] })],
  ['today|the latest day|the last day', () => ({ kind: 'day', offset: 0, text: 'today' })],
  ['yesterday', () => ({ kind: 'day', offset: -1, text: 'yesterday' })],
  [
    'recently|lately|recent',
    () => ({ kind: 'rolling', unit: 'day', count: 30, direction: 'past', text: 'recently (last 30 days)' }),
  ],
  [
    '(?:of )?all time|ever|to date|since (?:the )?(?:beginning|start|launch)|historically|in history|whole history|entire history',
    () => ({ kind: 'all', text: 'all time' }),
  ],
];
const COMPILED = PATTERNS.map(([source, build]) => ({
  re: new RegExp(`(?<![a-z0-9-])(?:${source})(?![a-z0-9-])`, 'g'),
  build,
}));

/** Finds every time phrase; "may" counts as May only beside a year or a preposition. */
export function parsePeriods(words: readonly Word[]): PeriodParse {
  const texts = words.map((w) => w.text);
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + 1;
  }
  const joined = texts.join(' ');
  const consumed = new Set<number>();
  const periods: PeriodMatch[] = [];
  let relation: PeriodRelation | undefined;
  for (const { re, build } of COMPILED) {
    re.lastIndex = 0;
    for (let m = re.exec(joined); m !== null; m = re.exec(joined)) {
      const first = starts.indexOf(m.index);
      const last = starts.findIndex((s) => s >= m.index + m[0].length);
      const covered = range0(first, last === -1 ? texts.length : last);
      if (first === -1 || covered.some((i) => consumed.has(i))) continue;
      if (/^may\b/.test(m[0]) && !mayIsMonth(texts, first, m[0])) continue;
      const found = build(m);
      if (!found) continue;
      for (const i of covered) consumed.add(i);
      if (found.kind === 'previous' || found.kind === 'shift') relation ??= found;
      else periods.push({ spec: found, start: first });
    }
  }
  periods.sort((a, b) => a.start - b.start);
  return { periods, relation, consumed };
}

function range0(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function mayIsMonth(texts: readonly string[], index: number, match: string): boolean {
  const before = texts[index - 1];
  return (
    /\d{4}/.test(match) ||
    ['in', 'during', 'for', 'of', 'since', 'until', 'from', 'to', 'and', 'vs', 'between', 'through'].includes(
      before ?? '',
    )
  );
}

function unitOf(text: string | undefined): CalendarUnit {
  const unit = (text ?? 'day').replace(/s$/, '');
  return (['day', 'week', 'month', 'quarter', 'year'].includes(unit) ? unit : 'day') as CalendarUnit;
}

function rolling(m: RegExpExecArray, direction: 'past' | 'future'): PeriodSpec | undefined {
  const count = numberOf(m[1]);
  if (count === undefined || count < 1) return undefined;
  return { kind: 'rolling', unit: unitOf(m[2]), count, direction, text: m[0].replace(/^the /, '') };
}

function ago(m: RegExpExecArray): PeriodSpec | undefined {
  const count = numberOf(m[1]);
  if (count === undefined) return undefined;
  const unit = unitOf(m[2]);
  return unit === 'day'
    ? { kind: 'day', offset: -count, text: m[0] }
    : { kind: 'calendar', unit, offset: -count, text: m[0] };
}

function toDate(m: RegExpExecArray): PeriodSpec {
  const shortcut: Readonly<Record<string, CalendarUnit>> = {
    wtd: 'week',
    mtd: 'month',
    qtd: 'quarter',
    ytd: 'year',
  };
  const unit = unitOf(m[1] ?? (m[2] ? shortcut[m[2]] : undefined) ?? m[3] ?? m[4]);
  return { kind: 'calendar', unit, offset: 0, text: m[2] || m[3] ? `${unit} to date` : m[0] };
}

function quarter(q: number, year: string | undefined, text: string): PeriodSpec {
  return year
    ? { kind: 'quarter', quarter: q, year: Number(year), text }
    : { kind: 'quarter', quarter: q, text };
}

function ordinal(text: string | undefined): number {
  return (
    { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 }[text ?? ''] ?? 1
  );
}

function namedMonth(m: RegExpExecArray): PeriodSpec | undefined {
  const month = MONTHS[m[1] ?? ''];
  if (month === undefined) return undefined;
  return m[2]
    ? { kind: 'month', month, year: Number(m[2]), text: m[0] }
    : { kind: 'month', month, text: m[0] };
}

function monthRange(m: RegExpExecArray): PeriodSpec | undefined {
  const from = MONTHS[m[1] ?? ''];
  const to = MONTHS[m[3] ?? ''];
  if (from === undefined || to === undefined) return undefined;
  const toYear = m[4] ? Number(m[4]) : undefined;
  const fromYear = m[2] ? Number(m[2]) : toYear !== undefined && from > to ? toYear - 1 : toYear;
  return {
    kind: 'range',
    from: { month: from, date: 1, ...(fromYear !== undefined ? { year: fromYear } : {}) },
    to: { month: to, date: 'last', ...(toYear !== undefined ? { year: toYear } : {}) },
    text: m[0],
  };
}

function sinceMonth(m: RegExpExecArray): PeriodSpec | undefined {
  const month = MONTHS[m[1] ?? ''];
  if (month === undefined) return undefined;
  return { kind: 'range', from: { month, date: 1, ...(m[2] ? { year: Number(m[2]) } : {}) }, text: m[0] };
}

/** A DATE group occupies 7 capture groups: iso | month day year | day month year. */
function dayRef(m: RegExpExecArray, at: number): DayRef | undefined {
  if (m[at]) return { iso: m[at] ?? '' };
  const [month1, day1, year1, day2, month2, year2] = [1, 2, 3, 4, 5, 6].map((k) => m[at + k]);
  const month = MONTHS[month1 ?? month2 ?? ''];
  const date = Number(day1 ?? day2);
  if (month === undefined || !Number.isInteger(date) || date < 1 || date > 31) return undefined;
  const year = year1 ?? year2;
  return year ? { month, date, year: Number(year) } : { month, date };
}

function range(m: RegExpExecArray, first: number, second: number, text: string): PeriodSpec | undefined {
  const from = dayRef(m, first);
  const to = dayRef(m, second);
  return from && to ? { kind: 'range', from, to, text } : undefined;
}

function openRange(m: RegExpExecArray, side: 'from' | 'to'): PeriodSpec | undefined {
  const day = dayRef(m, 2);
  if (!day) return undefined;
  const word = m[1] ?? '';
  const ref: DayRef =
    word === 'after' ? { ...day, shiftDays: 1 } : word === 'before' ? { ...day, shiftDays: -1 } : day;
  return side === 'from' ? { kind: 'range', from: ref, text: m[0] } : { kind: 'range', to: ref, text: m[0] };
}
