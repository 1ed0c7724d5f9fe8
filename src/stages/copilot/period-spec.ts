// What a question says about time, before any date is known: "last month", "Q3 2025",
// "since 2026-09-01". Resolving against the latest date in the lake happens later.

import type { CalendarUnit } from './calendar-dates.js';

/** A day named in the question: exact (`iso`), or month and day with the year left to the anchor. */
export interface DayRef {
  readonly iso?: string;
  readonly month?: number;
  /** Day of the month, or 'last' for the month's last day. */
  readonly date?: number | 'last';
  readonly year?: number;
  /** "after X" starts the day after X (+1); "before X" ends the day before (−1). */
  readonly shiftDays?: number;
}

export type PeriodSpec =
  /** Everything the lake holds. */
  | { readonly kind: 'all'; readonly text: string }
  /** The anchor day (0), the day before (−1), the day after (+1). */
  | { readonly kind: 'day'; readonly offset: number; readonly text: string }
  /** The N units ending on the anchor ('past'), or starting the day after it ('future'). */
  | {
      readonly kind: 'rolling';
      readonly unit: CalendarUnit;
      readonly count: number;
      readonly direction: 'past' | 'future';
      readonly text: string;
    }
  /** The calendar unit holding the anchor (0), the one before (−1), after (+1). */
  | { readonly kind: 'calendar'; readonly unit: CalendarUnit; readonly offset: number; readonly text: string }
  | { readonly kind: 'month'; readonly month: number; readonly year?: number; readonly text: string }
  | { readonly kind: 'quarter'; readonly quarter: number; readonly year?: number; readonly text: string }
  | { readonly kind: 'year'; readonly year: number; readonly text: string }
  /** Between two days (either open: "since …", "until …"). */
  | { readonly kind: 'range'; readonly from?: DayRef; readonly to?: DayRef; readonly text: string };

/** How a second period derives from the first: "vs the previous period", "year over year". */
export type PeriodRelation =
  | { readonly kind: 'previous'; readonly text: string }
  | { readonly kind: 'shift'; readonly unit: CalendarUnit; readonly count: number; readonly text: string };
