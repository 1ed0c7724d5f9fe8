// Clean rows with a fresh primary key, one per table, for dirty-row makers to break in exactly
// one way. They reference only clean parents and carry no planted secrets.

import type { SourceTableName } from '../../core/source-tables.js';
import { cardFromSeed } from './card-numbers.js';
import { emptyRow, type MutableRow } from './column-slots.js';
import { customerRow, pickCountry } from './customer-factory.js';
import { ITEM } from './order-basket.js';
import { ORDER } from './order-emitter.js';
import { paymentStates } from './payment-rows.js';
import { PRODUCT_SLOTS } from './product-catalog.js';
import { SEARCH } from './search-generator.js';
import { formatCents, formatTimestamp, US_PER_SECOND } from './timestamp-text.js';
import type { OrderRef, WorldContext } from './world-context.js';
import { COUNTRIES, localCents, REGIONS } from './world-geography.js';

const PRODUCT = PRODUCT_SLOTS;

/** A time inside the current chunk. */
function chunkTime(ctx: WorldContext): number {
  return ctx.chunk.startUs + ctx.rng.next() * (ctx.chunk.endUs - ctx.chunk.startUs - 3600 * US_PER_SECOND);
}

/** A clean order of the chunk to hang a dirty child on (orders come before their dirt). */
function someOrder(ctx: WorldContext): OrderRef {
  return ctx.recentOrders[ctx.rng.int(ctx.recentOrders.length)]!;
}

export function cleanTemplate(ctx: WorldContext, table: SourceTableName): MutableRow {
  const { rng, ids } = ctx;
  switch (table) {
    case 'customers': {
      const country = pickCountry(rng.int(REGIONS.length), rng);
      return customerRow(ctx, {
        id: ids.take('customers'),
        country,
        nameSeed: rng.nextUint32(),
        createdUs: chunkTime(ctx),
        planted: false,
      });
    }
    case 'products': {
      const row = emptyRow('products');
      const id = ids.take('products');
      const cents = rng.between(5, 400) * 100 - 1;
      row[PRODUCT.product_id] = id;
      row[PRODUCT.sku] = `IMP-${String(id).padStart(6, '0')}`;
      row[PRODUCT.name] = rng.pick(['Imported Item', 'Supplier Sample', 'Bundle Offer']);
      row[PRODUCT.category] = rng.pick(['home', 'toys', 'books']);
      row[PRODUCT.unit_price] = formatCents(cents);
      row[PRODUCT.unit_cost] = formatCents(Math.round(cents * 0.5));
      row[PRODUCT.is_active] = true;
      row[PRODUCT.created_at] = formatTimestamp(chunkTime(ctx));
      row[PRODUCT.updated_at] = row[PRODUCT.created_at]!;
      return row;
    }
    case 'orders': {
      const ref = someOrder(ctx);
      const country = COUNTRIES[ref.country]!;
      const subtotal = localCents(rng.between(10, 300) * 100, country);
      const tax = Math.round(subtotal * country.taxRate);
      const row = emptyRow('orders');
      const us = chunkTime(ctx);
      row[ORDER.order_id] = ids.take('orders');
      row[ORDER.customer_id] = ref.customerId;
      row[ORDER.order_ts] = formatTimestamp(us);
      row[ORDER.status] = 'paid';
      row[ORDER.channel] = 'web';
      row[ORDER.currency] = country.currency;
      row[ORDER.country] = country.code;
      row[ORDER.region] = REGIONS[country.region]!;
      row[ORDER.subtotal_amount] = formatCents(subtotal);
      row[ORDER.discount_amount] = '0.00';
      row[ORDER.shipping_amount] = '0.00';
      row[ORDER.tax_amount] = formatCents(tax);
      row[ORDER.total_amount] = formatCents(subtotal + tax);
      row[ORDER.updated_at] = row[ORDER.order_ts]!;
      return row;
    }
    case 'order_items': {
      const ref = someOrder(ctx);
      const row = emptyRow('order_items');
      row[ITEM.order_item_id] = ids.take('order_items');
      row[ITEM.order_id] = ref.orderId;
      row[ITEM.product_id] = ctx.catalog.idOf(ctx.catalog.cheap[0]!);
      row[ITEM.quantity] = 1;
      row[ITEM.unit_price] = formatCents(localCents(999, COUNTRIES[ref.country]!));
      row[ITEM.discount] = '0.00';
      row[ITEM.updated_at] = formatTimestamp(ref.us + rng.uniform(1, 60) * US_PER_SECOND);
      return row;
    }
    case 'payments': {
      const ref = someOrder(ctx);
      const country = COUNTRIES[ref.country]!;
      const { states } = paymentStates(
        {
          paymentId: ids.take('payments'),
          orderId: ref.orderId,
          customerId: ref.customerId,
          us: ref.us + rng.uniform(1, 60) * US_PER_SECOND,
          method: 'card',
          amountCents: localCents(rng.between(10, 300) * 100, country),
          currency: country.currency,
          billingCountry: country.code,
          card: cardFromSeed(rng.nextUint32()),
          holder: 'A. Customer',
          ip: null,
          device: null,
          declined: false,
        },
        false,
        rng,
      );
      return states[states.length - 1]!.build();
    }
    case 'search_events': {
      const row = emptyRow('search_events');
      row[SEARCH.event_id] = ids.take('search_events');
      row[SEARCH.session_id] = `s-${rng.hex(10)}`;
      row[SEARCH.event_ts] = formatTimestamp(chunkTime(ctx));
      row[SEARCH.query_text] = ctx.vocabulary.queries[rng.int(ctx.vocabulary.queries.length)]!.text;
      row[SEARCH.results_count] = 0;
      row[SEARCH.country] = COUNTRIES[rng.int(COUNTRIES.length)]!.code;
      row[SEARCH.updated_at] = row[SEARCH.event_ts]!;
      return row;
    }
  }
}
