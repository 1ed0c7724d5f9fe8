// What shoppers type: queries built from the catalogue's terms, brands and modifiers, plus the
// demand gaps, ranked into a Zipf long tail whose mix drifts with each query's growth. Typos
// and case/spacing variants are applied when a search is emitted.

import { CATEGORIES, DEMAND_GAPS, QUERY_PREFIXES, QUERY_SUFFIXES } from './category-vocabulary.js';
import { CumulativeSampler, zipfWeights } from './cumulative-sampler.js';
import type { ProductCatalog } from './product-catalog.js';
import type { SeededRandom } from './seeded-random.js';
import { bump } from './shop-calendar.js';

export interface Query {
  readonly text: string;
  /** Catalogue subcategory it finds, or -1 for a demand gap. */
  readonly subcategory: number;
  readonly results: number;
  readonly growth: number;
  readonly category: number;
}

export class SearchVocabulary {
  readonly queries: Query[] = [];
  private readonly popularity: Float64Array;

  constructor(catalog: ProductCatalog, rng: SeededRandom) {
    const entries: { query: Query; headness: number }[] = [];
    catalog.subcategories.forEach((sub, s) => {
      const category = CATEGORIES[sub.category]!;
      const size = sub.products.length;
      const growth = category.growth + 0.15 * rng.normal();
      for (const term of sub.terms) {
        const results = Math.max(1, Math.round(size * rng.uniform(0.4, 1)));
        const add = (text: string, share: number, headness: number): void => {
          const hits = share === 0 ? 0 : Math.max(1, Math.round(results * share));
          entries.push({
            query: { text, subcategory: s, results: hits, growth, category: sub.category },
            headness,
          });
        };
        add(term, 1, rng.next());
        for (const brand of category.brands)
          add(`${brand.toLowerCase()} ${term}`, rng.chance(0.25) ? 0 : 0.2, 1 + rng.next() * 2);
        for (const prefix of QUERY_PREFIXES)
          if (rng.chance(0.5)) add(`${prefix} ${term}`, 0.4, 1 + rng.next() * 3);
        for (const suffix of QUERY_SUFFIXES)
          if (rng.chance(0.4)) add(`${term} ${suffix}`, 0.3, 1.5 + rng.next() * 3);
      }
    });
    for (const gap of DEMAND_GAPS) {
      const query = (text: string): Query => ({
        text,
        subcategory: -1,
        results: 0,
        growth: gap.growth,
        category: -1,
      });
      entries.push({ query: query(gap.query), headness: rng.uniform(0.2, 1.2) });
      entries.push({
        query: query(`${rng.pick(QUERY_PREFIXES)} ${gap.query}`),
        headness: 1 + rng.next() * 3,
      });
    }
    entries.sort((a, b) => a.headness - b.headness);
    for (const entry of entries) this.queries.push(entry.query);
    this.popularity = zipfWeights(this.queries.length, 1.1, 8);
  }

  /** A sampler for the mix of queries in a given week of history. */
  samplerAt(years: number, dayOfYear: number): CumulativeSampler {
    const weights = new Float64Array(this.queries.length);
    this.queries.forEach((query, i) => {
      const category = CATEGORIES[query.category];
      const season = category ? 1 + category.peakBoost * bump(dayOfYear, category.peakDay, 20) : 1;
      weights[i] = this.popularity[i]! * (1 + query.growth) ** years * season;
    });
    return new CumulativeSampler(weights);
  }
}

/** How a query is typed: as is, with a typo, or with another case or spacing. */
export function typedQuery(query: Query, rng: SeededRandom): { text: string; results: number } {
  const roll = rng.next();
  if (roll < 0.08) {
    const text = typo(query.text, rng);
    return { text, results: rng.chance(0.35) ? Math.round(query.results * 0.5) : 0 };
  }
  if (roll < 0.2) return { text: respaced(query.text, rng), results: query.results };
  return { text: query.text, results: query.results };
}

function typo(text: string, rng: SeededRandom): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (w.length >= 4 ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return `${text}${text.slice(-1)}`;
  const index = rng.pick(candidates);
  const word = words[index]!;
  const at = rng.between(1, word.length - 2);
  const kind = rng.int(3);
  words[index] =
    kind === 0
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
      : kind === 1
        ? word.slice(0, at) + word.slice(at + 1)
        : word.slice(0, at) + word[at] + word.slice(at);
  const typed = words.join(' ');
  return typed === text ? text.slice(0, -1) : typed;
}

function respaced(text: string, rng: SeededRandom): string {
  const kind = rng.int(4);
  const title = text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
  if (kind === 0) return title;
  if (kind === 1) return text.toUpperCase();
  if (kind === 2) return title.replace(' ', '  ');
  return ` ${text} `;
}
