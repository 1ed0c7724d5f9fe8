// Decides the days an answer covers: the periods a question names (or all data), the period a
// comparison sets them against, cut to the days the lake holds, each labelled with its dates.
// A period wholly outside the data is refused, never answered with an invented zero.

import { addDays, addUnits, type CalendarUnit, maxDay, minDay } from './calendar-dates.js';
import type { FamilyRange } from './lake-facts.js';
import type { PeriodMatch } from './parse-period.js';
import type { PeriodRelation, PeriodSpec } from './period-spec.js';
import type { PlannedPeriod, PlanRefusal } from './query-plan.js';
import { previousPeriod, type ResolvedPeriod, relatedPeriod, resolvePeriod } from './resolve-period.js';
import type { MetricDef } from './semantic-metrics.js';

export interface PeriodRequest {
  readonly periods: readonly PeriodMatch[];
  readonly relation?: PeriodRelation;
  /** The question compares periods ("growth", "vs last month"). */
  readonly compare: boolean;
}

export type PeriodPlan =
  | { readonly periods: readonly PlannedPeriod[]; readonly notes: readonly string[] }
  | PlanRefusal;

const DEFAULT_COMPARISON: PeriodSpec = {
  kind: 'rolling',
  unit: 'day',
  count: 30,
  direction: 'past',
  text: 'last 30 days',
};

/** The periods of an answer about `metric`, whose data spans `range`. */
export function planPeriods(metric: MetricDef, request: PeriodRequest, range: FamilyRange): PeriodPlan {
  if (metric.time === 'snapshot') return snapshotPeriod(metric, request, range);
  if (request.periods.length > 2)
    return { refusal: 'the question names more than two periods; ask about one period, or compare two' };
  const resolved: ResolvedPeriod[] = [];
  for (const { spec } of request.periods) {
    const period = resolvePeriod(spec, range.anchor, range);
    if (!period) return { refusal: `"${spec.text}" is not a date that exists` };
    resolved.push(period);
  }
  // "last 7 days vs previous 7 days" names the same days twice: "previous" means the ones before.
  const [first, second] = resolved;
  if (first && second && first.from === second.from && first.to === second.to) {
    const later = request.periods[1]?.spec.text ?? '';
    if (!/^(the )?(previous|prior|preceding)/.test(later))
      return { refusal: 'both periods of the comparison are the same days' };
    resolved[1] = { ...previousPeriod(first), text: later };
  }
  const wantsComparison = request.compare || request.relation !== undefined || resolved.length === 2;
  if (wantsComparison) {
    const current =
      resolved.length === 2
        ? latest(resolved)
        : (resolved[0] ?? defaultCurrent(request.relation, range, metric.time === 'future'));
    if (!current) return { refusal: 'the comparison needs a period' };
    // "Year to date vs the same period last year" compares the days that exist on both sides.
    const now = metric.time === 'history' ? { ...current, to: minDay(current.to, range.to) } : current;
    const previous =
      resolved.length === 2
        ? earliest(resolved)
        : request.relation
          ? relatedPeriod(now, request.relation)
          : previousPeriod(now);
    if (current.from === previous.from && current.to === previous.to)
      return { refusal: 'both periods of the comparison are the same days' };
    return cutToData(metric, [current, previous], range);
  }
  const only = resolved[0] ?? resolvePeriod({ kind: 'all', text: 'all data' }, range.anchor, range);
  if (!only) return { refusal: 'the period could not be resolved' };
  return cutToData(metric, [only], range);
}

function snapshotPeriod(metric: MetricDef, request: PeriodRequest, range: FamilyRange): PeriodPlan {
  const asked = request.periods.filter((p) => p.spec.kind !== 'all');
  if (asked.length > 0 || request.relation || request.compare) {
    return {
      refusal: `${metric.label} is the models' current view as of ${range.anchor}, not a history: it cannot be given for ${asked[0]?.spec.text ?? 'another period'} or compared over time`,
    };
  }
  if (metric.family === 'opportunity') {
    const from = addDays(addUnits(range.anchor, 'year', -1), 1);
    return {
      periods: [
        {
          from: maxDay(from, range.from),
          to: range.anchor,
          label: `the 12 months to ${range.anchor} (${maxDay(from, range.from)} – ${range.anchor})`,
        },
      ],
      notes: [],
    };
  }
  return { periods: [{ from: range.anchor, to: range.anchor, label: `as of ${range.anchor}` }], notes: [] };
}

function defaultCurrent(
  relation: PeriodRelation | undefined,
  range: FamilyRange,
  future: boolean,
): ResolvedPeriod | null {
  if (future) return resolvePeriod({ kind: 'all', text: 'the forecast' }, range.anchor, range);
  if (relation?.kind === 'shift') {
    const unit: CalendarUnit = relation.unit;
    const spec: PeriodSpec =
      unit === 'day'
        ? { kind: 'day', offset: 0, text: 'the latest day' }
        : { kind: 'calendar', unit, offset: 0, text: `this ${unit}` };
    return resolvePeriod(spec, range.anchor, range);
  }
  return resolvePeriod(DEFAULT_COMPARISON, range.anchor, range);
}

function latest(periods: readonly ResolvedPeriod[]): ResolvedPeriod {
  return [...periods].sort((a, b) => (a.from < b.from ? 1 : -1))[0] as ResolvedPeriod;
}

function earliest(periods: readonly ResolvedPeriod[]): ResolvedPeriod {
  return [...periods].sort((a, b) => (a.from < b.from ? -1 : 1))[0] as ResolvedPeriod;
}

/** Cuts each period to the data; refuses one that has no day of data at all. */
function cutToData(metric: MetricDef, periods: readonly ResolvedPeriod[], range: FamilyRange): PeriodPlan {
  const planned: PlannedPeriod[] = [];
  const notes: string[] = [];
  for (const period of periods) {
    if (period.to < range.from || period.from > range.to) {
      const hint =
        metric.time === 'history' && period.from > range.to
          ? metric.name === 'revenue'
            ? '; for days ahead ask for the forecast'
            : ''
          : '';
      return {
        refusal: `the lake has ${metric.label} for ${range.from} – ${range.to} only, and ${period.text} (${period.from} – ${period.to}) lies outside it${hint}`,
      };
    }
    const from = maxDay(period.from, range.from);
    const to = minDay(period.to, range.to);
    const expected = period.toDate === true && from === period.from;
    if (!expected && (from !== period.from || to !== period.to)) {
      notes.push(
        `${period.text || 'The period'} asks for ${period.from} – ${period.to}, but the lake's ${metric.label} data ${from !== period.from ? `starts on ${range.from}` : `ends on ${range.to}`}, so it covers ${from} – ${to}`,
      );
    }
    planned.push({ from, to, label: labelOf(period.text, from, to) });
  }
  return { periods: planned, notes };
}

/** 'last month (2026-09-01 – 2026-09-30)', 'yesterday (2026-10-30)'. */
export function labelOf(text: string, from: string, to: string): string {
  const dates = from === to ? from : `${from} – ${to}`;
  return text === '' ? dates : `${text} (${dates})`;
}
