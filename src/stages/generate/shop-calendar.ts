// When orders happen: every day of history gets its number of orders per region from a
// demand curve (growth per region, weekends, a year-end peak, noise), allocated so that the
// whole history holds exactly the requested number. Days are cut into export chunks.

import { SeededRandom } from './seeded-random.js';
import { dateOfEpochDay, dayOfWeek, dayOfYear, epochDayOf, US_PER_DAY } from './timestamp-text.js';
import { REGION_PROFILES } from './world-geography.js';

/** A slice of days exported together: one batch per table, `dt` its last day. */
export interface ChunkRange {
  readonly index: number;
  /** Day indexes, inclusive. */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly startUs: number;
  /** The export moment: the end of the last day. */
  readonly endUs: number;
  readonly dt: string;
}

/** Sunday … Saturday: shoppers buy more at the weekend. */
const WEEKDAY_FACTOR = [1.2, 0.94, 0.92, 0.94, 0.97, 1.03, 1.24] as const;

export class ShopCalendar {
  readonly days: number;
  readonly startEpochDay: number;
  readonly chunks: readonly ChunkRange[];
  private readonly orders: Int32Array;

  constructor(options: { orders: number; seed: number; endDate: string; days: number; chunks: number }) {
    this.days = options.days;
    this.startEpochDay = epochDayOf(options.endDate) - options.days + 1;
    this.chunks = this.cutChunks(Math.min(options.chunks, options.days));
    this.orders = this.allocate(options.orders, new SeededRandom(options.seed, 1));
  }

  ordersOn(day: number, region: number): number {
    return this.orders[day * REGION_PROFILES.length + region] ?? 0;
  }

  ordersInChunk(chunk: ChunkRange): number {
    let total = 0;
    for (let d = chunk.firstDay; d <= chunk.lastDay; d++) {
      for (let r = 0; r < REGION_PROFILES.length; r++) total += this.ordersOn(d, r);
    }
    return total;
  }

  epochDay(day: number): number {
    return this.startEpochDay + day;
  }

  dayStartUs(day: number): number {
    return (this.startEpochDay + day) * US_PER_DAY;
  }

  /** Years since the start of history, the clock of every growth rate. */
  yearsIn(day: number): number {
    return day / 365;
  }

  /** Demand of a region on a day without weekday and noise: what its customer base should carry. */
  trendDemand(day: number, region: number): number {
    const profile = REGION_PROFILES[region];
    if (!profile) return 0;
    const total = this.orders.length === 0 ? 0 : this.meanDailyOrders;
    return (
      total *
      profile.share *
      (1 + profile.growth) ** this.yearsIn(day) *
      yearlyFactor(dayOfYear(this.epochDay(day)))
    );
  }

  private meanDailyOrders = 0;

  private cutChunks(count: number): ChunkRange[] {
    const chunks: ChunkRange[] = [];
    for (let k = 0; k < count; k++) {
      const firstDay = Math.floor((k * this.days) / count);
      const lastDay = Math.floor(((k + 1) * this.days) / count) - 1;
      chunks.push({
        index: k,
        firstDay,
        lastDay,
        startUs: this.dayStartUs(firstDay),
        endUs: this.dayStartUs(lastDay + 1),
        dt: dateOfEpochDay(this.startEpochDay + lastDay),
      });
    }
    return chunks;
  }

  /** Largest-remainder allocation of `total` orders over day × region cells. */
  private allocate(total: number, rng: SeededRandom): Int32Array {
    const regions = REGION_PROFILES.length;
    const weights = new Float64Array(this.days * regions);
    let sum = 0;
    for (let d = 0; d < this.days; d++) {
      const epochDay = this.startEpochDay + d;
      const dayNoise = Math.exp(0.06 * rng.normal());
      const seasonal = WEEKDAY_FACTOR[dayOfWeek(epochDay)]! * yearlyFactor(dayOfYear(epochDay)) * dayNoise;
      for (let r = 0; r < regions; r++) {
        const profile = REGION_PROFILES[r]!;
        const w =
          profile.share * (1 + profile.growth) ** this.yearsIn(d) * seasonal * Math.exp(0.04 * rng.normal());
        weights[d * regions + r] = w;
        sum += w;
      }
    }
    const counts = new Int32Array(weights.length);
    const remainders: { cell: number; fraction: number }[] = [];
    let assigned = 0;
    for (let i = 0; i < weights.length; i++) {
      const exact = (total * (weights[i] ?? 0)) / sum;
      const whole = Math.floor(exact);
      counts[i] = whole;
      assigned += whole;
      remainders.push({ cell: i, fraction: exact - whole });
    }
    remainders.sort((a, b) => b.fraction - a.fraction || a.cell - b.cell);
    for (let i = 0; i < total - assigned; i++) {
      const cell = remainders[i % remainders.length]!.cell;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
    // The trend level that corresponds to share = 1 on day 0, for trendDemand.
    let trendSum = 0;
    for (let d = 0; d < this.days; d++) {
      const seasonal = yearlyFactor(dayOfYear(this.startEpochDay + d));
      for (const profile of REGION_PROFILES)
        trendSum += profile.share * (1 + profile.growth) ** this.yearsIn(d) * seasonal;
    }
    this.meanDailyOrders = total / trendSum;
    return counts;
  }
}

/** The year's shape: a January lull, a mid-July sale, Black Friday and the run-up to Christmas. */
export function yearlyFactor(doy: number): number {
  return (
    1 +
    0.45 * bump(doy, 347, 16) +
    0.6 * bump(doy, 330, 2.5) +
    0.15 * bump(doy, 196, 2) -
    0.12 * bump(doy, 20, 18)
  );
}

/** A smooth bump around `center` (day of year, wrapping round the year). */
export function bump(doy: number, center: number, width: number): number {
  const distance = Math.min(Math.abs(doy - center), 365 - Math.abs(doy - center));
  return Math.exp(-0.5 * (distance / width) ** 2);
}
