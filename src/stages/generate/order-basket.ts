// What is in an order: items drawn from the customer's category of the day (popular products
// more often), quantities, line discounts, and the order's amounts in the local currency,
// in cents so that subtotal - discount + shipping + tax = total holds exactly.

import { columnSlots, emptyRow, type MutableRow } from './column-slots.js';
import type { ProductCatalog } from './product-catalog.js';
import type { SeededRandom } from './seeded-random.js';
import { formatCents, formatTimestamp } from './timestamp-text.js';
import { COUNTRIES, localCents } from './world-geography.js';

export const ITEM = columnSlots('order_items', [
  'order_item_id',
  'order_id',
  'product_id',
  'quantity',
  'unit_price',
  'discount',
  'updated_at',
]);

export interface Basket {
  readonly items: MutableRow[];
  readonly subtotal: number;
  readonly discount: number;
  readonly shipping: number;
  readonly tax: number;
  readonly total: number;
}

export type BasketKind = 'regular' | 'cheap' | 'expensive';

export interface BasketRequest {
  readonly orderId: number;
  readonly us: number;
  readonly country: number;
  readonly category: number;
  readonly kind: BasketKind;
  readonly inStore: boolean;
  /** Another category for the occasional cross-sell item. */
  readonly otherCategory: () => number;
  readonly nextItemId: () => number;
}

export function buildBasket(catalog: ProductCatalog, request: BasketRequest, rng: SeededRandom): Basket {
  const country = COUNTRIES[request.country]!;
  const count =
    request.kind === 'cheap'
      ? 1
      : request.kind === 'expensive'
        ? rng.between(3, 7)
        : Math.min(8, 1 + rng.poisson(1.5));
  const items: MutableRow[] = [];
  let subtotal = 0;
  let discount = 0;
  const stamp = formatTimestamp(request.us);
  for (let i = 0; i < count; i++) {
    const product =
      request.kind === 'cheap'
        ? rng.pick(catalog.cheap)
        : request.kind === 'expensive'
          ? rng.pick(catalog.expensive)
          : catalog.pickInCategory(
              i > 0 && rng.chance(0.2) ? request.otherCategory() : request.category,
              request.us,
              rng,
            );
    const quantity = request.kind === 'cheap' ? 1 : quantityOf(rng);
    const unit = localCents(catalog.priceAt(product, request.us), country);
    const line = unit * quantity;
    const off =
      request.kind === 'regular' && rng.chance(0.12) ? Math.round(line * rng.uniform(0.05, 0.3)) : 0;
    subtotal += line;
    discount += off;
    const row = emptyRow('order_items');
    row[ITEM.order_item_id] = request.nextItemId();
    row[ITEM.order_id] = request.orderId;
    row[ITEM.product_id] = catalog.idOf(product);
    row[ITEM.quantity] = quantity;
    row[ITEM.unit_price] = formatCents(unit);
    row[ITEM.discount] = formatCents(off);
    row[ITEM.updated_at] = stamp;
    items.push(row);
  }
  const freeShipping =
    request.inStore || request.kind === 'cheap' || subtotal - discount >= localCents(5000, country);
  const shipping = freeShipping ? 0 : localCents(499, country);
  const tax = Math.round((subtotal - discount) * country.taxRate);
  return { items, subtotal, discount, shipping, tax, total: subtotal - discount + shipping + tax };
}

function quantityOf(rng: SeededRandom): number {
  const roll = rng.next();
  return roll < 0.78 ? 1 : roll < 0.93 ? 2 : roll < 0.98 ? 3 : rng.between(4, 6);
}
