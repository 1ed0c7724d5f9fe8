// How fraud looks in the shop's orders: card testing (bursts of small, mostly declined
// attempts from one device), velocity (one stolen card across many accounts; many cards on
// one device and IP), geography (shipping abroad, billing from elsewhere) and brand-new
// accounts with a big first order. Rings keep going over the next orders of their region.

import { type Card, cardFromSeed } from './card-numbers.js';
import { deviceId, holderName, ipAddress } from './customer-factory.js';
import type { FraudPattern } from './ground-truth.js';
import type { OrderPlan } from './order-emitter.js';
import type { SeededRandom } from './seeded-random.js';
import { US_PER_MINUTE } from './timestamp-text.js';
import type { WorldContext } from './world-context.js';
import { COUNTRIES, FOREIGN_COUNTRY_CODES, REGION_PROFILES } from './world-geography.js';

interface Ring {
  readonly pattern: 'velocity_card' | 'velocity_device';
  readonly card: Card;
  readonly device: string;
  readonly ip: string;
  left: number;
}

/** A customer of the region for a fraud order: a fresh fraud account, or a taken-over one. */
export type AccountSource = (
  region: number,
  us: number,
  takeover: boolean,
) => { customer: number; fresh: boolean };

export class FraudPlanner {
  private readonly rings: (Ring | undefined)[] = REGION_PROFILES.map(() => undefined);

  constructor(
    private readonly ctx: WorldContext,
    private readonly account: AccountSource,
  ) {}

  /** The ring of the region still has orders to place. */
  ringActive(region: number): boolean {
    return (this.rings[region]?.left ?? 0) > 0;
  }

  startRing(region: number, pattern: 'velocity_card' | 'velocity_device'): void {
    const { rng } = this.ctx;
    const seed = rng.nextUint32();
    this.rings[region] = {
      pattern,
      card: cardFromSeed(seed),
      device: deviceId(seed ^ 0x5bd1e995),
      ip: `${rng.between(11, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.between(1, 254)}`,
      left: pattern === 'velocity_card' ? rng.between(4, 10) : rng.between(5, 12),
    };
  }

  /** The next order of the region's ring. */
  ringOrder(region: number, us: number, category: number, otherCategory: () => number): OrderPlan {
    const ring = this.rings[region]!;
    ring.left--;
    const { rng, pool } = this.ctx;
    const { customer, fresh } = this.account(
      region,
      us,
      rng.chance(ring.pattern === 'velocity_card' ? 0.5 : 0.3),
    );
    const home = pool.country[customer]!;
    const seed = pool.deviceSeed[customer]!;
    return {
      ...this.common(customer, home, us, category, otherCategory, ring.pattern),
      card: ring.pattern === 'velocity_card' ? ring.card : cardFromSeed(rng.nextUint32()),
      device:
        ring.pattern === 'velocity_device'
          ? ring.device
          : fresh
            ? deviceId(rng.nextUint32())
            : deviceId(seed),
      ip: ring.pattern === 'velocity_device' ? ring.ip : ipAddress(home, fresh ? rng.nextUint32() : seed),
    };
  }

  /** A one-off fraud order: card testing, geography or a new account's big first order. */
  singleOrder(
    pattern: 'card_testing' | 'geo_mismatch' | 'new_account_high_value',
    region: number,
    us: number,
    category: number,
    otherCategory: () => number,
  ): OrderPlan {
    const { rng, pool } = this.ctx;
    const { customer } = this.account(region, us, pattern === 'geo_mismatch' && rng.chance(0.7));
    const home = pool.country[customer]!;
    const base = this.common(customer, home, us, category, otherCategory, pattern);
    const device = deviceId(rng.nextUint32());
    if (pattern === 'card_testing') {
      const oneCard = rng.chance(0.4) ? cardFromSeed(rng.nextUint32()) : undefined;
      const count = rng.between(5, 25);
      const attempts = Array.from({ length: count }, () => ({
        card: oneCard ?? cardFromSeed(rng.nextUint32()),
        declined: rng.chance(0.85),
      }));
      return { ...base, basket: 'cheap', channel: 'web', attempts, device, ip: foreignIp(rng) };
    }
    if (pattern === 'geo_mismatch') {
      let ship = rng.int(COUNTRIES.length);
      while (ship === home) ship = rng.int(COUNTRIES.length);
      const billing = rng.chance(0.6) ? rng.pick(FOREIGN_COUNTRY_CODES) : COUNTRIES[ship]!.code;
      return { ...base, shipCountry: ship, billingCountry: billing, device, ip: foreignIp(rng) };
    }
    return { ...base, basket: 'expensive', category: 0, device, ip: ipAddress(home, rng.nextUint32()) };
  }

  private common(
    customer: number,
    home: number,
    us: number,
    category: number,
    otherCategory: () => number,
    fraud: FraudPattern,
  ): OrderPlan {
    const { rng, pool } = this.ctx;
    const holder = holderName(home, pool.nameSeed[customer]!);
    return {
      us,
      customerId: pool.ids[customer]!,
      homeCountry: home,
      shipCountry: home,
      channel: rng.chance(0.7) ? 'web' : 'mobile',
      basket: 'regular',
      category: rng.chance(0.5) ? 0 : category,
      otherCategory,
      method: 'card',
      card: cardFromSeed(rng.nextUint32()),
      billingCountry: COUNTRIES[home]!.code,
      holder,
      ip: null,
      device: null,
      fraud,
    };
  }
}

function foreignIp(rng: SeededRandom): string {
  return `${rng.between(1, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.between(1, 254)}`;
}

/** Fraud accounts are created minutes before their first order. */
export function fraudAccountCreatedUs(us: number, rng: SeededRandom): number {
  return us - rng.uniform(1, 30) * US_PER_MINUTE;
}
