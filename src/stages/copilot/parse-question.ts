// Reads a question into its parts: metric words, break-downs, filters, time phrases, ranking,
// comparison. It keeps every word it could not place, so the planner can refuse instead of
// answering a different question than the one asked.

import { type PeriodMatch, parsePeriods } from './parse-period.js';
import type { PeriodRelation } from './period-spec.js';
import type { Direction, ImpliedFilter, LexEntry, Lexicon } from './question-lexicon.js';
import {
  FILLER_WORDS,
  numberOf,
  questionText,
  RATE_WORDS,
  REVENUE_VERBS,
  type Word,
} from './question-words.js';
import type { DimensionName } from './semantic-dimensions.js';
import type { MetricName } from './semantic-metrics.js';

export interface ParsedFilter {
  readonly dimension: DimensionName;
  readonly exclude: boolean;
  readonly values: readonly string[];
}

export interface ParsedDimension {
  readonly dimension: DimensionName;
  /** Said with "by", "per", "each": a break-down was asked for in so many words. */
  readonly explicit: boolean;
  /** "regions" rather than "region": a ranking of several. */
  readonly plural: boolean;
}

export interface ParsedQuestion {
  readonly metrics: readonly MetricName[];
  /** Metrics a value implies ("loyal customers" → customers), used when none is named. */
  readonly impliedMetrics: readonly MetricName[];
  readonly dimensions: readonly ParsedDimension[];
  readonly filters: readonly ParsedFilter[];
  readonly periods: readonly PeriodMatch[];
  readonly relation?: PeriodRelation;
  /** "growth", "change" compare periods ('temporal'); "vs", "compared to" compare anything ('generic'). */
  readonly comparison?: 'temporal' | 'generic';
  readonly trend: boolean;
  readonly rank?: { readonly direction: Direction; readonly n?: number };
  /** "rate", "share", "%" beside a count. */
  readonly rateWord: boolean;
  /** "sell", "sold" without a metric: revenue. */
  readonly revenueVerb: boolean;
  /** "average", "mean" … */
  readonly averageWord: boolean;
  /** "per order", "per customer" beside a metric that is not such a ratio. */
  readonly ratioWord: boolean;
  /** Break-downs the lake has no column for ("by hour"). */
  readonly unsupported: readonly string[];
  /** "How many …": a count is asked for. */
  readonly howMany: boolean;
  /** "which …", "list …", "show …": a listing was asked for. */
  readonly listing: boolean;
  /** Texts in quotes (search terms). */
  readonly quoted: readonly string[];
  /** Words that are neither vocabulary nor filler. */
  readonly unknown: readonly string[];
}

const LISTING_WORDS = new Set(['which', 'list', 'what are', 'what were']);

/** Parses `question` (already masked) with the lake's vocabulary. */
export function parseQuestion(question: string, lexicon: Lexicon): ParsedQuestion {
  const { words, quoted } = questionText(question);
  const time = parsePeriods(words);
  const shouting = !/[a-z]/.test(question);
  const state = new ParseState();
  const numbers: number[] = [];
  let i = 0;
  while (i < words.length) {
    if (time.consumed.has(i)) {
      i += 1;
      continue;
    }
    const match = longestMatch(words, i, lexicon, time.consumed, shouting);
    if (match) {
      state.apply(match.entry, i, match.phrase);
      i += match.length;
      continue;
    }
    const word = words[i]?.text ?? '';
    if (numberOf(word) !== undefined) numbers.push(i);
    else if (RATE_WORDS.has(word)) state.rateWord = true;
    else if (REVENUE_VERBS.has(word)) state.revenueVerb = true;
    else if (!FILLER_WORDS.has(word)) state.unknown.push(word);
    i += 1;
  }
  if (state.pendingNegation) state.unknown.push('not');
  const rankN = rankCount(words, numbers, state);
  for (const index of numbers) if (index !== rankN?.index) state.unknown.push(words[index]?.text ?? '');
  const texts = words.map((w) => w.text).join(' ');
  return {
    metrics: state.metrics,
    impliedMetrics: state.implied,
    dimensions: state.dimensions,
    filters: state.filters,
    periods: time.periods,
    relation: time.relation,
    comparison: state.comparison,
    trend: state.trend,
    rank: state.rank ? { direction: state.rank.direction, n: rankN?.n } : undefined,
    rateWord: state.rateWord,
    revenueVerb: state.revenueVerb,
    averageWord: state.averageWord,
    ratioWord: state.ratioWord,
    unsupported: state.unsupported,
    howMany: /(^| )how many( |$)/.test(texts),
    listing: [...LISTING_WORDS].some((w) => new RegExp(`(^| )${w}( |$)`).test(texts)),
    quoted,
    unknown: state.unknown,
  };
}

function longestMatch(
  words: readonly Word[],
  at: number,
  lexicon: Lexicon,
  consumed: ReadonlySet<number>,
  shouting: boolean,
): { entry: LexEntry; length: number; phrase: string } | undefined {
  for (let length = Math.min(lexicon.longest, words.length - at); length >= 1; length--) {
    const span = words.slice(at, at + length);
    if (span.some((_, k) => consumed.has(at + k))) continue;
    const phrase = span.map((w) => w.text).join(' ');
    const entry = lexicon.entries.get(phrase);
    if (!entry) continue;
    // "DE" is Germany, "de" and "IN" in a shouted question are not.
    if (
      entry.kind === 'value' &&
      entry.upperOnly &&
      (shouting || span.some((w) => w.raw !== w.raw.toUpperCase()))
    )
      continue;
    return { entry, length, phrase };
  }
  return undefined;
}

class ParseState {
  readonly metrics: MetricName[] = [];
  readonly implied: MetricName[] = [];
  readonly dimensions: ParsedDimension[] = [];
  readonly filters: ParsedFilter[] = [];
  readonly unknown: string[] = [];
  readonly rankAt: number[] = [];
  readonly dimensionAt: number[] = [];
  rank: { direction: Direction } | undefined;
  comparison: 'temporal' | 'generic' | undefined;
  trend = false;
  rateWord = false;
  revenueVerb = false;
  averageWord = false;
  ratioWord = false;
  readonly unsupported: string[] = [];
  pendingNegation = false;

  apply(entry: LexEntry, at: number, phrase: string): void {
    switch (entry.kind) {
      case 'metric':
        if (!this.metrics.includes(entry.metric)) this.metrics.push(entry.metric);
        if (entry.implied) this.addFilter(entry.implied, false);
        if (entry.rank) this.setRank(entry.rank, at);
        return;
      case 'dimension':
        this.dimensionAt.push(at);
        if (!this.dimensions.some((d) => d.dimension === entry.dimension))
          this.dimensions.push({
            dimension: entry.dimension,
            explicit: entry.explicit,
            plural: PLURALS[entry.dimension]?.includes(phrase.split(' ').at(-1) ?? '') === true,
          });
        return;
      case 'value':
        this.addFilter({ dimension: entry.dimension, value: entry.value }, this.pendingNegation);
        this.pendingNegation = false;
        if (entry.impliedMetric && !this.implied.includes(entry.impliedMetric))
          this.implied.push(entry.impliedMetric);
        return;
      case 'rank':
        this.setRank(entry.direction, at);
        return;
      case 'comparison':
        if (this.comparison !== 'temporal') this.comparison = entry.temporal ? 'temporal' : 'generic';
        return;
      case 'trend':
        this.trend = true;
        return;
      case 'average':
        this.averageWord = true;
        return;
      case 'ratio':
        this.ratioWord = true;
        return;
      case 'unsupported':
        this.unsupported.push(entry.what);
        return;
      case 'negation':
        this.pendingNegation = true;
        return;
    }
  }

  private setRank(direction: Direction, at: number): void {
    this.rank ??= { direction };
    this.rankAt.push(at);
  }

  private addFilter(filter: ImpliedFilter, exclude: boolean): void {
    const index = this.filters.findIndex((f) => f.dimension === filter.dimension && f.exclude === exclude);
    const existing = this.filters[index];
    if (!existing) this.filters.push({ dimension: filter.dimension, exclude, values: [filter.value] });
    else if (!existing.values.includes(filter.value))
      this.filters[index] = { ...existing, values: [...existing.values, filter.value] };
  }
}

/** The N of "top 5", "5 best", "the 3 biggest", "10 regions with the most …". */
function rankCount(
  words: readonly Word[],
  numbers: readonly number[],
  state: ParseState,
): { index: number; n: number } | undefined {
  if (!state.rank) return undefined;
  for (const index of numbers) {
    const n = numberOf(words[index]?.text);
    if (n === undefined || n < 1) continue;
    const nextToRank = state.rankAt.some((r) => r === index - 1 || r === index + 1 || r === index - 2);
    const beforeDimension = state.dimensionAt.includes(index + 1);
    if (nextToRank || beforeDimension) return { index, n };
  }
  return undefined;
}

/** The plural words of each dimension: "regions" asks for a ranking of several. */
const PLURALS: Readonly<Partial<Record<DimensionName, readonly string[]>>> = {
  day: ['days', 'dates'],
  week: ['weeks'],
  month: ['months'],
  quarter: ['quarters'],
  year: ['years'],
  category: ['categories', 'departments'],
  region: ['regions', 'geographies'],
  country: ['countries', 'markets', 'nations'],
  channel: ['channels'],
  segment: ['segments'],
  risk_level: ['levels', 'bands', 'tiers'],
  product: ['products', 'skus', 'articles'],
  customer: ['customers', 'clients', 'buyers'],
  search_term: ['terms', 'queries', 'keywords'],
  status: ['statuses', 'states'],
};
