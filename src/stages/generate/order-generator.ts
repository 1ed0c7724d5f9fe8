// A chunk's orders, day by day and region by region, as many as the calendar says. Each order
// slot is ordinary, a planted warning (orphan customer, wrong total) or fraud; ordinary orders
// come from an alive customer in proportion to their rate, or from a new one.

import { cardFromSeed } from './card-numbers.js';
import { CATEGORIES } from './category-vocabulary.js';
import { CumulativeSampler } from './cumulative-sampler.js';
import { type CustomerFactory, deviceId, holderName, ipAddress, pickCountry } from './customer-factory.js';
import { FraudPlanner, fraudAccountCreatedUs } from './fraud-planner.js';
import { emitOrder, type OrderPlan } from './order-emitter.js';
import type { PaymentMethod } from './payment-rows.js';
import { stochasticCount } from './seeded-random.js';
import { bump } from './shop-calendar.js';
import { dayOfYear, US_PER_DAY, US_PER_HOUR } from './timestamp-text.js';
import { NEVER_A_CUSTOMER, type WorldContext } from './world-context.js';
import { COUNTRIES, COUNTRIES_BY_REGION, REGION_PROFILES } from './world-geography.js';

const KINDS = [
  'ordinary',
  'orphan_reference',
  'total_mismatch',
  'card_testing',
  'velocity_card',
  'velocity_device',
  'geo_mismatch',
  'new_account_high_value',
] as const;
type Kind = (typeof KINDS)[number];
/** Share of order slots per kind (rings then take over the next 4–12 orders of their region). */
const RATES: readonly [Kind, number][] = [
  ['orphan_reference', 0.001],
  ['total_mismatch', 0.002],
  ['card_testing', 0.0012],
  ['velocity_card', 0.0008],
  ['velocity_device', 0.0006],
  ['geo_mismatch', 0.003],
  ['new_account_high_value', 0.002],
];
const LOCAL_HOUR_WEIGHTS = [
  3, 2, 1, 1, 1, 2, 4, 7, 10, 12, 13, 14, 15, 14, 13, 13, 14, 16, 19, 22, 23, 20, 14, 8,
];
const hourPicker = new CumulativeSampler(LOCAL_HOUR_WEIGHTS);
const CHANNELS = ['web', 'mobile', 'store', 'marketplace'] as const;
/** Channel mix per region: APAC shops on the phone, NA more in marketplaces. */
const channelPickers = [
  [45, 30, 8, 17],
  [48, 32, 10, 10],
  [30, 55, 5, 10],
  [40, 42, 10, 8],
].map((w) => new CumulativeSampler(w));
const METHODS: readonly PaymentMethod[] = ['card', 'paypal', 'wallet', 'bank_transfer', 'gift_card'];
const methodPickers = [
  [68, 14, 10, 3, 5],
  [55, 18, 9, 13, 5],
  [52, 8, 30, 5, 5],
  [60, 12, 10, 14, 4],
].map((w) => new CumulativeSampler(w));

export class OrderGenerator {
  private readonly fraud: FraudPlanner;

  constructor(
    private readonly ctx: WorldContext,
    private readonly customers: CustomerFactory,
  ) {
    this.fraud = new FraudPlanner(ctx, (region, us, takeover) => {
      const taken = takeover ? ctx.pool.pickAlive(region, ctx.rng) : -1;
      if (taken >= 0) return { customer: taken, fresh: false };
      const created = Math.max(ctx.chunk.startUs, fraudAccountCreatedUs(us, ctx.rng));
      return { customer: this.customers.acquire(region, created, false), fresh: true };
    });
  }

  generateChunk(): void {
    const { ctx } = this;
    const { calendar, chunk, rng } = ctx;
    const kinds = this.assignKinds(calendar.ordersInChunk(chunk), chunk.index === 0);
    let slot = 0;
    for (let day = chunk.firstDay; day <= chunk.lastDay; day++) {
      const pickers = categoryPickers(calendar.yearsIn(day), dayOfYear(calendar.epochDay(day)));
      for (let region = 0; region < REGION_PROFILES.length; region++) {
        const picker = pickers[region]!;
        const otherCategory = (): number => picker.sample(rng);
        const demand = calendar.trendDemand(day, region);
        for (let i = calendar.ordersOn(day, region); i > 0; i--) {
          const kind = KINDS[kinds[slot++] ?? 0]!;
          const us = calendar.dayStartUs(day) + this.utcHour(region) * US_PER_HOUR + rng.next() * US_PER_HOUR;
          const category = picker.sample(rng);
          this.placeOrder(kind, region, us, demand, category, otherCategory);
        }
      }
    }
  }

  private placeOrder(
    kind: Kind,
    region: number,
    us: number,
    demand: number,
    category: number,
    otherCategory: () => number,
  ): void {
    const { ctx } = this;
    if (this.fraud.ringActive(region) && kind === 'ordinary') {
      emitOrder(ctx, this.fraud.ringOrder(region, us, category, otherCategory));
      return;
    }
    if (kind === 'velocity_card' || kind === 'velocity_device') {
      this.fraud.startRing(region, kind);
      emitOrder(ctx, this.fraud.ringOrder(region, us, category, otherCategory));
      return;
    }
    if (kind === 'card_testing' || kind === 'geo_mismatch' || kind === 'new_account_high_value') {
      emitOrder(ctx, this.fraud.singleOrder(kind, region, us, category, otherCategory));
      return;
    }
    if (kind === 'orphan_reference') {
      const home = pickCountry(region, ctx.rng);
      const customerId = NEVER_A_CUSTOMER + ++ctx.orphans.customers;
      emitOrder(ctx, {
        ...this.ordinaryPlan(home, -1, customerId, us, category, otherCategory, false),
        warning: kind,
      });
      return;
    }
    const { pool, rng } = ctx;
    let customer = pool.wantsNewCustomer(region, demand, rng) ? -1 : pool.pickAlive(region, rng);
    const fresh = customer < 0;
    if (fresh)
      customer = this.customers.acquire(
        region,
        Math.max(ctx.chunk.startUs, us - rng.uniform(0, 2) * US_PER_DAY),
        true,
      );
    const plan = this.ordinaryPlan(
      pool.country[customer]!,
      customer,
      pool.ids[customer]!,
      us,
      category,
      otherCategory,
      fresh,
    );
    const orderId = emitOrder(ctx, kind === 'total_mismatch' ? { ...plan, warning: kind } : plan);
    pool.recordPurchase(customer, region, rng);
    if (kind === 'ordinary' && (ctx.recentOrders.length < 200 || rng.chance(0.01))) {
      const ref = { orderId, customerId: plan.customerId, country: plan.homeCountry, us };
      if (ctx.recentOrders.length < 200) ctx.recentOrders.push(ref);
      else ctx.recentOrders[rng.int(200)] = ref;
    }
  }

  private ordinaryPlan(
    home: number,
    customer: number,
    customerId: number,
    us: number,
    category: number,
    otherCategory: () => number,
    fresh: boolean,
  ): OrderPlan {
    const { rng, pool } = this.ctx;
    const region = COUNTRIES[home]!.region;
    const channel = CHANNELS[channelPickers[region]!.sample(rng)]!;
    const method =
      channel === 'store'
        ? rng.chance(0.75)
          ? 'card'
          : 'wallet'
        : METHODS[methodPickers[region]!.sample(rng)]!;
    const seed = customer >= 0 ? pool.deviceSeed[customer]! : rng.nextUint32();
    const cardSeed = customer >= 0 ? pool.cardSeed[customer]! : rng.nextUint32();
    const holder = holderName(home, customer >= 0 ? pool.nameSeed[customer]! : seed);
    // Some ordinary orders look odd on purpose: a gift shipped abroad, a big first order.
    const neighbours = COUNTRIES_BY_REGION[region]!;
    const ship = rng.chance(0.015) ? rng.pick(neighbours) : home;
    return {
      us,
      customerId,
      homeCountry: home,
      shipCountry: ship,
      channel,
      basket: fresh && rng.chance(0.02) ? 'expensive' : 'regular',
      category,
      otherCategory,
      method,
      ...(method === 'card'
        ? { card: cardFromSeed(rng.chance(0.2) ? cardSeed ^ 0x9e3779b9 : cardSeed) }
        : {}),
      billingCountry: method === 'card' || rng.chance(0.7) ? COUNTRIES[home]!.code : null,
      holder,
      ip: channel === 'store' ? null : ipAddress(home, seed),
      device:
        channel === 'store'
          ? `pos-${COUNTRIES[home]!.code.toLowerCase()}-${rng.between(1, 40)}`
          : deviceId(rng.chance(0.15) ? seed ^ 0xabcdef : seed),
    };
  }

  private utcHour(region: number): number {
    const local = hourPicker.sample(this.ctx.rng);
    return (((local - REGION_PROFILES[region]!.utcOffset) % 24) + 24) % 24;
  }

  /** Which order slots of the chunk are special; the first chunk gets every kind at least once. */
  private assignKinds(slots: number, firstChunk: boolean): Uint8Array {
    const { rng } = this.ctx;
    const kinds = new Uint8Array(slots);
    for (const [kind, rate] of RATES) {
      const warning = kind === 'orphan_reference' || kind === 'total_mismatch';
      let count = stochasticCount(rng, rate * slots);
      if (count === 0 && (warning || firstChunk)) count = 1;
      for (let placed = 0, tries = 0; placed < count && tries < count * 20; tries++) {
        const at = rng.int(slots);
        if (kinds[at] !== 0) continue;
        kinds[at] = KINDS.indexOf(kind);
        placed++;
      }
    }
    return kinds;
  }
}

/** The category mix of one day per region: size, regional taste, growth and each category's season. */
function categoryPickers(years: number, doy: number): CumulativeSampler[] {
  return REGION_PROFILES.map(
    (_, region) =>
      new CumulativeSampler(
        CATEGORIES.map(
          (c) =>
            c.share *
            c.regionBias[region]! *
            (1 + c.growth) ** years *
            (1 + c.peakBoost * bump(doy, c.peakDay, 20)),
        ),
      ),
  );
}
