// Every customer's compact state for the whole run, in typed arrays: country, purchase rate
// (gamma-distributed), dropout probability (beta-distributed, tried after each purchase as in
// BG/NBD), alive flag. Orders pick an alive customer of their region in proportion to the
// rate; new customers join when the alive base cannot carry the region's demand.

import { FenwickTree } from './fenwick-tree.js';
import type { SeededRandom } from './seeded-random.js';
import { REGION_PROFILES } from './world-geography.js';

/** Mean purchase rate per day of an alive customer (about one order every five weeks). */
const MEAN_RATE = 1 / 35;
const RATE_SHAPE = 0.9;
/** Beta(a, b) dropout after each purchase: mean a/(a+b) ≈ 0.05, about 20 orders before leaving. */
const DROPOUT_A = 1.3;
const DROPOUT_B = 26;
/** Even a well-stocked base keeps acquiring a trickle of new customers. */
const MIN_NEW_SHARE = 0.03;

export interface NewCustomer {
  readonly id: number;
  readonly country: number;
  readonly createdUs: number;
  /** Fraud accounts never enter the base of regular buyers. */
  readonly regular: boolean;
}

export class CustomerPool {
  private capacity = 4096;
  private size = 0;
  ids = new Float64Array(this.capacity);
  country = new Uint8Array(this.capacity);
  createdUs = new Float64Array(this.capacity);
  rate = new Float64Array(this.capacity);
  dropout = new Float32Array(this.capacity);
  alive = new Uint8Array(this.capacity);
  purchases = new Uint32Array(this.capacity);
  slot = new Int32Array(this.capacity);
  /** Seeds of the customer's name, card and device, so their payments stay consistent. */
  nameSeed = new Uint32Array(this.capacity);
  cardSeed = new Uint32Array(this.capacity);
  deviceSeed = new Uint32Array(this.capacity);
  private readonly trees = REGION_PROFILES.map(() => new FenwickTree());
  private readonly slotOwners = REGION_PROFILES.map(() => [] as number[]);
  /** customer_id of everyone who dropped out, in order. */
  readonly droppedOut: number[] = [];

  get count(): number {
    return this.size;
  }

  /** Sum of the purchase rates of the region's alive customers (orders per day they would place). */
  aliveRate(region: number): number {
    return this.trees[region]!.total;
  }

  add(customer: NewCustomer, regionOf: (country: number) => number, rng: SeededRandom): number {
    if (this.size === this.capacity) this.grow();
    const c = this.size++;
    this.ids[c] = customer.id;
    this.country[c] = customer.country;
    this.createdUs[c] = customer.createdUs;
    this.rate[c] = rng.gamma(RATE_SHAPE, MEAN_RATE / RATE_SHAPE);
    this.dropout[c] = rng.beta(DROPOUT_A, DROPOUT_B);
    this.nameSeed[c] = rng.nextUint32();
    this.cardSeed[c] = rng.nextUint32();
    this.deviceSeed[c] = rng.nextUint32();
    this.alive[c] = customer.regular ? 1 : 0;
    this.slot[c] = -1;
    if (customer.regular) {
      const region = regionOf(customer.country);
      this.slot[c] = this.trees[region]!.push(this.rate[c]!);
      this.slotOwners[region]!.push(c);
    }
    return c;
  }

  /** Whether the next order of a region with `demand` orders a day comes from a new customer. */
  wantsNewCustomer(region: number, demand: number, rng: SeededRandom): boolean {
    const carried = demand > 0 ? this.trees[region]!.total / demand : 1;
    return rng.chance(Math.max(MIN_NEW_SHARE, Math.min(0.97, 1 - carried)));
  }

  /** An alive customer of the region, in proportion to their rate; -1 when there is none. */
  pickAlive(region: number, rng: SeededRandom): number {
    const tree = this.trees[region]!;
    for (let attempt = 0; attempt < 4 && tree.total > 1e-9; attempt++) {
      const slot = tree.find(rng.next() * tree.total);
      const customer = this.slotOwners[region]![slot]!;
      if (this.alive[customer] === 1) return customer;
    }
    return -1;
  }

  /** Counts a purchase, then the customer may drop out for good. */
  recordPurchase(customer: number, region: number, rng: SeededRandom): void {
    this.purchases[customer] = this.purchases[customer]! + 1;
    if (this.alive[customer] === 1 && rng.chance(this.dropout[customer]!)) {
      this.alive[customer] = 0;
      this.trees[region]!.set(this.slot[customer]!, 0);
      this.droppedOut.push(this.ids[customer]!);
    }
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Float64Array | Float32Array | Uint8Array | Uint32Array | Int32Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(this.capacity);
      b.set(a);
      return b;
    };
    this.ids = grown(this.ids, (n) => new Float64Array(n));
    this.country = grown(this.country, (n) => new Uint8Array(n));
    this.createdUs = grown(this.createdUs, (n) => new Float64Array(n));
    this.rate = grown(this.rate, (n) => new Float64Array(n));
    this.dropout = grown(this.dropout, (n) => new Float32Array(n));
    this.alive = grown(this.alive, (n) => new Uint8Array(n));
    this.purchases = grown(this.purchases, (n) => new Uint32Array(n));
    this.slot = grown(this.slot, (n) => new Int32Array(n));
    this.nameSeed = grown(this.nameSeed, (n) => new Uint32Array(n));
    this.cardSeed = grown(this.cardSeed, (n) => new Uint32Array(n));
    this.deviceSeed = grown(this.deviceSeed, (n) => new Uint32Array(n));
  }
}
