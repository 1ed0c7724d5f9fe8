// Plants the chunk's dirt: rows breaking one error rule each (regular batches get what MySQL
// would store, hand-made batches the rest, every variant at least once per batch) and the
// children whose order never existed (orphan warnings).

import type { SourceTableName } from '../../core/source-tables.js';
import { cardFromSeed } from './card-numbers.js';
import { cleanTemplate } from './clean-template.js';
import { DIRT_VARIANTS, type DirtVariant } from './dirt-variants.js';
import { ITEM } from './order-basket.js';
import { PAYMENT, paymentStates } from './payment-rows.js';
import { stochasticCount } from './seeded-random.js';
import { formatCents, formatTimestamp, US_PER_SECOND } from './timestamp-text.js';
import { NEVER_AN_ORDER, type TableBuilders, type WorldContext } from './world-context.js';
import { COUNTRIES, localCents } from './world-geography.js';

/** Dirty rows per clean row of the table, per variant. */
const LOADABLE_RATE = 0.0004;
const HAND_MADE_RATE = 0.00015;
const ORPHAN_RATE = 0.0005;
const NEEDS_ORDERS: readonly SourceTableName[] = ['orders', 'order_items', 'payments'];

export class DirtPlanter {
  /** Hand-made dirt planted per variant since the last hand-made batch. */
  private readonly sinceHandMade = new Map<DirtVariant, number>();

  constructor(private readonly ctx: WorldContext) {}

  /** Plants this chunk's dirt in `tables`; `handMadeDue` when the hand-made batches go out with this chunk. */
  plant(tables: readonly SourceTableName[], handMade: TableBuilders, handMadeDue: boolean): void {
    const { ctx } = this;
    for (const table of tables) {
      if (NEEDS_ORDERS.includes(table) && ctx.recentOrders.length === 0) continue;
      const clean = ctx.main[table].size;
      for (const variant of DIRT_VARIANTS[table]) {
        let count = stochasticCount(ctx.rng, clean * (variant.loadable ? LOADABLE_RATE : HAND_MADE_RATE));
        const planted = this.sinceHandMade.get(variant) ?? 0;
        if (variant.loadable) count = Math.max(count, 1);
        else if (handMadeDue && planted + count === 0) count = 1;
        const target = variant.loadable ? ctx.main[table] : handMade[table];
        for (let i = 0; i < count; i++) {
          const row = cleanTemplate(ctx, table);
          variant.apply(row, ctx.rng);
          target.rejected(row, variant.rule);
        }
        if (!variant.loadable) this.sinceHandMade.set(variant, handMadeDue ? 0 : planted + count);
      }
    }
  }

  /** Items and payments of orders that never existed: kept, with an orphan warning. */
  plantOrphans(): void {
    const { ctx } = this;
    const { rng, main, catalog } = ctx;
    if (ctx.recentOrders.length === 0) return;
    const items = Math.max(1, stochasticCount(rng, main.order_items.size * ORPHAN_RATE));
    for (let i = 0; i < items; i++) {
      const ref = ctx.recentOrders[rng.int(ctx.recentOrders.length)]!;
      const row = cleanTemplate(ctx, 'order_items');
      const product = catalog.pickInCategory(rng.int(8), ref.us, rng);
      row[ITEM.order_id] = NEVER_AN_ORDER + ++ctx.orphans.orders;
      row[ITEM.product_id] = catalog.idOf(product);
      row[ITEM.unit_price] = formatCents(
        localCents(catalog.priceAt(product, ref.us), COUNTRIES[ref.country]!),
      );
      main.order_items.fresh(row, 'orphan_reference');
    }
    const payments = Math.max(1, stochasticCount(rng, main.payments.size * ORPHAN_RATE));
    for (let i = 0; i < payments; i++) {
      const ref = ctx.recentOrders[rng.int(ctx.recentOrders.length)]!;
      const country = COUNTRIES[ref.country]!;
      const us = ref.us + rng.uniform(1, 600) * US_PER_SECOND;
      const { states } = paymentStates(
        {
          paymentId: ctx.ids.take('payments'),
          orderId: NEVER_AN_ORDER + ++ctx.orphans.orders,
          customerId: ref.customerId,
          us,
          method: 'card',
          amountCents: localCents(rng.between(10, 200) * 100, country),
          currency: country.currency,
          billingCountry: country.code,
          card: cardFromSeed(rng.nextUint32()),
          holder: 'M. Unknown',
          ip: null,
          device: null,
          declined: false,
          captureUs: us,
        },
        false,
        rng,
      );
      const row = states[states.length - 1]!.build();
      row[PAYMENT.updated_at] = formatTimestamp(us);
      main.payments.fresh(row, 'orphan_reference');
      ctx.tally.cardNumber(true);
    }
  }
}
