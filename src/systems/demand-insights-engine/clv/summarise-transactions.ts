// Turns purchase rows into the (frequency, recency, T, monetary) summary both CLV models fit on.

import { ClvFitError } from './clv-fit-error.js';

/** One purchase. `date` is compared by its UTC calendar day. */
export interface ClvTransaction {
  readonly customerId: string;
  readonly date: Date;
  readonly amount: number;
}

/** What the models need to know about a customer's calibration-period purchases. */
export interface CustomerSummary {
  readonly customerId: string;
  /** Repeat transactions: distinct purchase days − 1. */
  readonly frequency: number;
  /** First to last purchase, in time units. */
  readonly recency: number;
  /** First purchase to the end of observation, in time units. */
  readonly T: number;
  /** Mean value of the repeat transactions (first one excluded); 0 when there are none. */
  readonly monetary: number;
}

export interface SummariseOptions {
  /** Last day of the calibration period (inclusive); later purchases are ignored. */
  readonly observationEnd: Date;
  /** Days per time unit; 7 measures recency and T in weeks. Default 7. */
  readonly timeUnitDays?: number;
}

const MS_PER_DAY = 86_400_000;

function utcDayNumber(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/**
 * Same-day purchases count as one transaction with their values summed, and the first
 * transaction is left out of `monetary`, as in lifetimes' `summary_data_from_transaction_data`
 * (its first purchase is what made someone a customer, so it says little about repeat spend).
 *
 * @throws {ClvFitError} `invalid_options` or `invalid_transaction` (naming the row index).
 * @example
 * summariseTransactions(rows, { observationEnd: new Date('1997-09-30'), timeUnitDays: 7 });
 */
export function summariseTransactions(
  transactions: readonly ClvTransaction[],
  options: SummariseOptions,
): readonly CustomerSummary[] {
  const timeUnitDays = options.timeUnitDays ?? 7;
  const endDay = utcDayNumber(options.observationEnd);
  if (!Number.isFinite(endDay)) {
    throw new ClvFitError(
      'invalid_options',
      'observationEnd is not a valid date: pass a Date such as new Date("1997-09-30").',
    );
  }
  if (!(Number.isFinite(timeUnitDays) && timeUnitDays > 0)) {
    throw new ClvFitError('invalid_options', `timeUnitDays must be a positive number, got ${timeUnitDays}.`);
  }

  // customer → (day → summed value); Map keeps customers in order of first appearance.
  const valueByDayByCustomer = new Map<string, Map<number, number>>();
  transactions.forEach((row, index) => {
    const day = utcDayNumber(row.date);
    if (!Number.isFinite(day) || !Number.isFinite(row.amount)) {
      throw new ClvFitError(
        'invalid_transaction',
        `Transaction ${index} has an invalid date or a non-finite amount: fix or drop the row.`,
        {
          context: { index, customerId: row.customerId },
        },
      );
    }
    if (day > endDay) return;
    let byDay = valueByDayByCustomer.get(row.customerId);
    if (byDay === undefined) {
      byDay = new Map();
      valueByDayByCustomer.set(row.customerId, byDay);
    }
    byDay.set(day, (byDay.get(day) ?? 0) + row.amount);
  });

  const summaries: CustomerSummary[] = [];
  for (const [customerId, byDay] of valueByDayByCustomer) {
    const days = [...byDay.keys()].sort((x, y) => x - y);
    const firstDay = days[0];
    const lastDay = days[days.length - 1];
    if (firstDay === undefined || lastDay === undefined) continue;
    const frequency = days.length - 1;
    let repeatValue = 0;
    for (const day of days.slice(1)) repeatValue += byDay.get(day) ?? 0;
    summaries.push({
      customerId,
      frequency,
      recency: (lastDay - firstDay) / timeUnitDays,
      T: (endDay - firstDay) / timeUnitDays,
      monetary: frequency > 0 ? repeatValue / frequency : 0,
    });
  }
  return summaries;
}
