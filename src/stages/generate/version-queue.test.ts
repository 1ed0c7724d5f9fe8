import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';
import { ShopCalendar } from './shop-calendar.js';
import { US_PER_DAY } from './timestamp-text.js';
import { type TimedState, VersionQueue } from './version-queue.js';

const calendar = new ShopCalendar({ orders: 100, seed: 1, endDate: '2026-10-31', days: 60, chunks: 6 });
const [first, second] = calendar.chunks;
const state = (us: number, name: string, extra: Partial<TimedState> = {}): TimedState => ({
  us,
  build: () => [name],
  ...extra,
});

describe('VersionQueue', () => {
  it('exports the latest state of the chunk now and one later state per later chunk', () => {
    const queue = new VersionQueue(calendar.chunks);
    const t0 = first!.startUs + US_PER_DAY;
    const now = queue.exportTimeline(
      'orders',
      [
        state(t0, 'placed'),
        state(t0 + US_PER_DAY, 'paid'),
        state(second!.startUs + 1, 'shipped'),
        state(second!.startUs + 2, 'delivered'),
      ],
      first!,
      new SeededRandom(1),
    );
    expect(now).toEqual(['paid']);
    expect(queue.take(1).map((v) => v.row)).toEqual([['delivered']]);
  });

  it('holds back a separate state (a chargeback) to a later export even inside the chunk', () => {
    const queue = new VersionQueue(calendar.chunks);
    const t0 = first!.startUs + 1;
    const now = queue.exportTimeline(
      'payments',
      [state(t0, 'captured'), state(t0 + 2, 'chargeback', { separate: true, chargebackOf: 7 })],
      first!,
      new SeededRandom(1),
    );
    expect(now).toEqual(['captured']);
    const [later] = queue.take(1);
    expect(later).toMatchObject({ row: ['chargeback'], chargebackOf: 7, late: false });
  });
});
