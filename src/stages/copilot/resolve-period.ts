// Turns a time phrase into days. Relative phrases are anchored at the latest day the lake
// holds for the metric (not the wall clock: a lake is often behind), so "yesterday" is the
// day before that day and "last 30 days" ends on it.

import {
  addDays,
  addUnits,
  type CalendarUnit,
  daysBetween,
  daysInMonth,
  endOf,
  isIsoDay,
  isoOf,
  parts,
  startOf,
} from './calendar-dates.js';
import type { DayRef, PeriodRelation, PeriodSpec } from './period-spec.js';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface ResolvedPeriod {
  readonly from: string;
  readonly to: string;
  /** What was asked, in words ("last 30 days"). */
  readonly text: string;
  /** The calendar unit it spans, when it is one (used to find "the period before"). */
  readonly unit?: CalendarUnit;
  /** "This month", "year to date": expected to end on the latest day of data. */
  readonly toDate?: boolean;
}

/**
 * Resolves `spec` against `anchor`, the latest day of data (for a forecast, the day before the
 * first forecast day). `null` when the phrase names an impossible day (February 30).
 */
export function resolvePeriod(spec: PeriodSpec, anchor: string, range: DataRange): ResolvedPeriod | null {
  switch (spec.kind) {
    case 'all':
      return { from: range.from, to: range.to, text: spec.text };
    case 'day': {
      const day = addDays(anchor, spec.offset);
      return { from: day, to: day, text: spec.text, unit: 'day' };
    }
    case 'rolling':
      return spec.direction === 'past'
        ? { from: addDays(addUnits(anchor, spec.unit, -spec.count), 1), to: anchor, text: spec.text }
        : { from: addDays(anchor, 1), to: addUnits(anchor, spec.unit, spec.count), text: spec.text };
    case 'calendar': {
      const start = addUnits(startOf(anchor, spec.unit), spec.unit, spec.offset);
      return {
        from: start,
        to: endOf(start, spec.unit),
        text: spec.text,
        unit: spec.unit,
        toDate: spec.offset === 0,
      };
    }
    case 'month': {
      const year = spec.year ?? yearFor(spec.month, 1, anchor, range);
      const start = isoOf(year, spec.month, 1);
      return {
        from: start,
        to: endOf(start, 'month'),
        text: `${MONTH_NAMES[spec.month - 1]} ${year}`,
        unit: 'month',
      };
    }
    case 'quarter': {
      const month = (spec.quarter - 1) * 3 + 1;
      const year = spec.year ?? yearFor(month, 1, anchor, range, 2);
      const start = isoOf(year, month, 1);
      return { from: start, to: endOf(start, 'quarter'), text: `Q${spec.quarter} ${year}`, unit: 'quarter' };
    }
    case 'year':
      return { from: `${spec.year}-01-01`, to: `${spec.year}-12-31`, text: String(spec.year), unit: 'year' };
    case 'range': {
      const from = spec.from ? dayOf(spec.from, anchor, range) : range.from;
      const to = spec.to ? dayOf(spec.to, anchor, range) : range.to;
      if (from === null || to === null) return null;
      // The dates say it all: the label is the dates alone.
      const text = spec.from && spec.to ? '' : spec.text;
      return from <= to ? { from, to, text } : { from: to, to: from, text };
    }
  }
}

/** The days the lake holds for a metric. */
export interface DataRange {
  readonly from: string;
  readonly to: string;
  /** Forecasts look ahead: a month without a year means its next occurrence. */
  readonly future?: boolean;
}

/** The period a comparison sets against `current`. */
export function relatedPeriod(current: ResolvedPeriod, relation: PeriodRelation): ResolvedPeriod {
  if (relation.kind === 'shift') {
    const from = addUnits(current.from, relation.unit, -relation.count);
    // A whole calendar unit maps to the whole unit before it (a 31-day month to a 30-day one).
    const to =
      current.unit && current.to === endOf(current.from, current.unit)
        ? endOf(addUnits(current.from, current.unit, -relation.count), current.unit)
        : addUnits(current.to, relation.unit, -relation.count);
    return { from, to, text: relation.text, unit: current.unit };
  }
  return previousPeriod(current);
}

/** The period of the same length just before: the previous calendar unit for a whole unit. */
export function previousPeriod(current: ResolvedPeriod): ResolvedPeriod {
  const unit = current.unit;
  if (unit && current.from === startOf(current.from, unit)) {
    const from = addUnits(current.from, unit, -1);
    const whole = current.to === endOf(current.from, unit);
    const to = whole ? endOf(from, unit) : addUnits(current.to, unit, -1);
    return { from, to, text: `the ${unit} before`, unit };
  }
  const days = daysBetween(current.from, current.to);
  return {
    from: addDays(current.from, -days),
    to: addDays(current.from, -1),
    text: `the ${days} days before`,
  };
}

function dayOf(ref: DayRef, anchor: string, range: DataRange): string | null {
  let day: string;
  if (ref.iso !== undefined) {
    if (!isIsoDay(ref.iso)) return null;
    day = ref.iso;
  } else {
    const month = ref.month ?? 1;
    const wanted = ref.date === 'last' ? 1 : (ref.date ?? 1);
    const year = ref.year ?? yearFor(month, wanted, anchor, range);
    const date = ref.date === 'last' ? daysInMonth(year, month) : wanted;
    if (date > daysInMonth(year, month)) return null;
    day = isoOf(year, month, date);
  }
  return addDays(day, ref.shiftDays ?? 0);
}

/** The year of the latest such day on or before the anchor (the next one, for a forecast). */
function yearFor(month: number, date: number, anchor: string, range: DataRange, extraMonths = 0): number {
  const { year } = parts(anchor);
  const candidate = isoOf(year, month, Math.min(date, daysInMonth(year, month)));
  if (range.future) return addUnits(candidate, 'month', extraMonths) < anchor ? year + 1 : year;
  return candidate > anchor ? year - 1 : year;
}
