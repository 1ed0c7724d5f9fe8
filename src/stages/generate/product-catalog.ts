// The shop's products, fixed at the start of a run: a few thousand, most listed before
// history begins, some launched during it, a few discontinued; prices change now and then.
// Per-product state lives in typed arrays; item and search generation draw from it.

import { CATEGORIES, PRODUCT_ADJECTIVES } from './category-vocabulary.js';
import { columnSlots, emptyRow, type MutableRow } from './column-slots.js';
import { CumulativeSampler, zipfWeights } from './cumulative-sampler.js';
import type { SeededRandom } from './seeded-random.js';
import type { ChunkRange, ShopCalendar } from './shop-calendar.js';
import { formatCents, formatTimestamp, US_PER_DAY } from './timestamp-text.js';

/** Column positions of a products row (shared with the dirty-row templates). */
export const PRODUCT_SLOTS = columnSlots('products', [
  'product_id',
  'sku',
  'name',
  'category',
  'subcategory',
  'brand',
  'unit_price',
  'unit_cost',
  'is_active',
  'created_at',
  'updated_at',
]);
const P = PRODUCT_SLOTS;

export interface SubcategoryRef {
  readonly category: number;
  readonly name: string;
  readonly terms: readonly string[];
  /** Catalogue indexes of its products. */
  readonly products: number[];
}

export class ProductCatalog {
  readonly count: number;
  readonly subcategories: SubcategoryRef[] = [];
  readonly category: Uint8Array;
  readonly subcategory: Uint16Array;
  readonly launchUs: Float64Array;
  readonly discontinueUs: Float64Array;
  private readonly priceCents: Int32Array;
  private readonly newPriceCents: Int32Array;
  private readonly priceChangeUs: Float64Array;
  private readonly nextChangeUs: Float64Array;
  private readonly rows: MutableRow[] = [];
  private readonly productSamplers: CumulativeSampler[] = [];
  private readonly subcategorySamplers: CumulativeSampler[] = [];
  private readonly subcategoriesOfCategory: number[][] = [];
  /** Always-available cheap products: what card testers buy. */
  readonly cheap: number[] = [];
  /** Always-available expensive electronics: what fraudsters with a new account buy. */
  readonly expensive: number[] = [];

  constructor(count: number, calendar: ShopCalendar, rng: SeededRandom) {
    this.count = count;
    this.category = new Uint8Array(count);
    this.subcategory = new Uint16Array(count);
    this.launchUs = new Float64Array(count);
    this.discontinueUs = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
    this.priceCents = new Int32Array(count);
    this.newPriceCents = new Int32Array(count);
    this.priceChangeUs = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
    this.nextChangeUs = new Float64Array(count);
    this.build(calendar, rng);
  }

  /** Catalogue index → product_id. */
  idOf(product: number): number {
    return product + 1;
  }

  /** Price in USD cents at time `us` (a change inside the current chunk applies from its moment). */
  priceAt(product: number, us: number): number {
    return us >= (this.priceChangeUs[product] ?? Number.POSITIVE_INFINITY)
      ? (this.newPriceCents[product] ?? 0)
      : (this.priceCents[product] ?? 0);
  }

  availableAt(product: number, us: number): boolean {
    return (this.launchUs[product] ?? 0) <= us && us < (this.discontinueUs[product] ?? 0);
  }

  /** A product of `category`, popular ones more often, available at `us`. */
  pickInCategory(category: number, us: number, rng: SeededRandom): number {
    const subcategory =
      this.subcategoriesOfCategory[category]![this.subcategorySamplers[category]!.sample(rng)]!;
    return this.pickInSubcategory(subcategory, us, rng);
  }

  pickInSubcategory(subcategory: number, us: number, rng: SeededRandom): number {
    const products = this.subcategories[subcategory]!.products;
    const sampler = this.productSamplers[subcategory]!;
    for (let attempt = 0; attempt < 6; attempt++) {
      const product = products[sampler.sample(rng)]!;
      if (this.availableAt(product, us)) return product;
    }
    return products[0]!;
  }

  /** Rows of products first listed in this chunk (all earlier ones for the first chunk). */
  listedIn(chunk: ChunkRange): MutableRow[] {
    const listed: MutableRow[] = [];
    for (let p = 0; p < this.count; p++) {
      const launch = this.launchUs[p]!;
      if (launch < chunk.endUs && (chunk.index === 0 || launch >= chunk.startUs)) listed.push(this.rows[p]!);
    }
    return listed;
  }

  /**
   * Starts a chunk: yesterday's new prices become current, and the price changes and
   * discontinuations falling inside it become new versions of the product rows.
   */
  changesIn(chunk: ChunkRange, rng: SeededRandom): MutableRow[] {
    const versions: MutableRow[] = [];
    for (let p = 0; p < this.count; p++) {
      if (this.priceChangeUs[p]! < Number.POSITIVE_INFINITY) {
        this.priceCents[p] = this.newPriceCents[p]!;
        this.priceChangeUs[p] = Number.POSITIVE_INFINITY;
      }
      // A version only makes sense for a product exported in an earlier chunk.
      const listedEarlier = chunk.index > 0 && this.launchUs[p]! < chunk.startUs;
      const stop = this.discontinueUs[p]!;
      if (stop >= chunk.startUs && stop < chunk.endUs) {
        if (listedEarlier) {
          versions.push(this.version(p, stop, { active: false }));
          continue;
        }
        this.discontinueUs[p] = Number.POSITIVE_INFINITY;
      }
      const change = this.nextChangeUs[p]!;
      if (change >= chunk.endUs || stop < chunk.endUs) continue;
      if (!listedEarlier || change < chunk.startUs) {
        this.nextChangeUs[p] = chunk.endUs + rng.exponential(700) * US_PER_DAY;
        continue;
      }
      const factor = rng.chance(0.6) ? rng.uniform(0.8, 0.95) : rng.uniform(1.04, 1.2);
      this.newPriceCents[p] = Math.max(99, Math.round((this.priceCents[p]! * factor) / 100) * 100 - 1);
      this.priceChangeUs[p] = change;
      this.nextChangeUs[p] = chunk.endUs + rng.exponential(700) * US_PER_DAY;
      versions.push(this.version(p, change, { priceCents: this.newPriceCents[p]! }));
    }
    return versions;
  }

  private version(p: number, us: number, change: { active?: boolean; priceCents?: number }): MutableRow {
    const row = this.rows[p]!.slice();
    if (change.priceCents !== undefined) {
      const ratio = Number(row[P.unit_cost]) / Number(row[P.unit_price]);
      row[P.unit_price] = formatCents(change.priceCents);
      row[P.unit_cost] = formatCents(Math.round(change.priceCents * ratio));
    }
    if (change.active === false) row[P.is_active] = false;
    row[P.updated_at] = formatTimestamp(us);
    this.rows[p] = row;
    return row;
  }

  private build(calendar: ShopCalendar, rng: SeededRandom): void {
    const windowStart = calendar.dayStartUs(0);
    const windowUs = calendar.days * US_PER_DAY;
    const flat = CATEGORIES.flatMap((c, ci) => c.subcategories.map((s) => ({ ci, s })));
    const categoryWeights = CATEGORIES.map((c) => c.share);
    const pickCategory = new CumulativeSampler(categoryWeights);
    for (const { ci, s } of flat)
      this.subcategories.push({ category: ci, name: s.name, terms: s.terms, products: [] });
    for (let p = 0; p < this.count; p++) {
      // Every subcategory first gets one product that is always there; the rest follow the category mix.
      const subIndex = p < flat.length ? p : this.randomSubcategory(pickCategory.sample(rng), rng);
      const { ci, s } = flat[subIndex]!;
      const category = CATEGORIES[ci]!;
      const always = p < flat.length || rng.chance(0.1);
      const launch =
        always || rng.chance(0.85)
          ? windowStart - rng.uniform(30, 900) * US_PER_DAY
          : windowStart + rng.next() * windowUs * 0.95;
      const priceCents = Math.max(99, Math.round(rng.logNormal(s.medianUsd, 0.45)) * 100 - 1);
      this.category[p] = ci;
      this.subcategory[p] = subIndex;
      this.launchUs[p] = launch;
      this.priceCents[p] = priceCents;
      this.nextChangeUs[p] = Math.max(launch, windowStart) + rng.exponential(700) * US_PER_DAY;
      if (!always && rng.chance(0.04))
        this.discontinueUs[p] = Math.max(launch, windowStart) + rng.uniform(60, 700) * US_PER_DAY;
      this.subcategories[subIndex]!.products.push(p);
      if (always && priceCents < 1500) this.cheap.push(p);
      if (always && category.name === 'electronics' && priceCents > 30000) this.expensive.push(p);
      this.rows.push(
        this.productRow(p, category.name, s.name, s.terms[0]!, rng.pick(category.brands), launch, rng),
      );
    }
    if (this.cheap.length === 0) this.cheap.push(0);
    if (this.expensive.length === 0) this.expensive.push(0);
    CATEGORIES.forEach((_, ci) => {
      const subs = this.subcategories.flatMap((s, i) => (s.category === ci ? [i] : []));
      this.subcategoriesOfCategory.push(subs);
      this.subcategorySamplers.push(new CumulativeSampler(subs.map(() => 0.5 + rng.next())));
    });
    for (const s of this.subcategories) {
      // Popularity is Zipf over a random ranking of the subcategory's products.
      const ranks = zipfWeights(s.products.length, 1.1);
      for (let i = ranks.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
      }
      this.productSamplers.push(new CumulativeSampler(ranks));
    }
  }

  private randomSubcategory(category: number, rng: SeededRandom): number {
    const first = CATEGORIES.slice(0, category).reduce((n, c) => n + c.subcategories.length, 0);
    return first + rng.int(CATEGORIES[category]!.subcategories.length);
  }

  private productRow(
    p: number,
    category: string,
    subcategory: string,
    noun: string,
    brand: string,
    launchUs: number,
    rng: SeededRandom,
  ): MutableRow {
    const row = emptyRow('products');
    const priceCents = this.priceCents[p]!;
    row[P.product_id] = this.idOf(p);
    row[P.sku] = `${category.slice(0, 3).toUpperCase()}-${String(p + 1).padStart(6, '0')}`;
    row[P.name] = `${brand} ${rng.pick(PRODUCT_ADJECTIVES)} ${titleCase(noun)}`;
    row[P.category] = category;
    row[P.subcategory] = subcategory;
    row[P.brand] = brand;
    row[P.unit_price] = formatCents(priceCents);
    row[P.unit_cost] = formatCents(Math.round(priceCents * rng.uniform(0.35, 0.7)));
    row[P.is_active] = true;
    row[P.created_at] = formatTimestamp(launchUs);
    row[P.updated_at] = row[P.created_at]!;
    return row;
  }
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}
