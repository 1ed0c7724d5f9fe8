// The phrases the parser recognises, built from the semantic layer and the values the lake
// actually holds (its categories, regions, countries, channels, segments). Each phrase maps
// to one meaning; the parser always takes the longest phrase at a position.

import { COUNTRY_NAMES } from './country-names.js';
import {
  AVERAGE_WORDS,
  BARE_AMBIGUOUS,
  BUSY,
  CHANGE_WORDS,
  COMPARISON_WORDS,
  GROUP_CUES,
  NEGATIONS,
  RANK_WORDS,
  RATIO_WORDS,
  RISKY_PAYMENTS,
  SELLING,
  TREND_WORDS,
  UNSUPPORTED_WORDS,
} from './lexicon-words.js';
import { phraseWords } from './question-words.js';
import { DIMENSION_NAMES, DIMENSIONS, type DimensionName, VALUE_ALIASES } from './semantic-dimensions.js';
import { METRIC_NAMES, METRICS, type MetricName } from './semantic-metrics.js';

export type LexEntry =
  | {
      readonly kind: 'metric';
      readonly metric: MetricName;
      readonly implied?: ImpliedFilter;
      readonly rank?: Direction;
    }
  | { readonly kind: 'dimension'; readonly dimension: DimensionName; readonly explicit: boolean }
  | {
      readonly kind: 'value';
      readonly dimension: DimensionName;
      readonly value: string;
      /** Short codes ("DE", "NA") count only when typed in capitals. */
      readonly upperOnly: boolean;
      readonly impliedMetric?: MetricName;
    }
  | { readonly kind: 'rank'; readonly direction: Direction }
  /** `temporal` words ("growth", "change") compare periods; the others ("vs") compare anything. */
  | { readonly kind: 'comparison'; readonly temporal: boolean }
  | { readonly kind: 'trend' }
  /** "average", "mean": fine beside a metric that is an average already. */
  | { readonly kind: 'average' }
  /** "units per order": a ratio the semantic layer does not compute. */
  | { readonly kind: 'ratio' }
  /** A break-down with no column in the lake ("by hour"); `what` names it. */
  | { readonly kind: 'unsupported'; readonly what: string }
  | { readonly kind: 'negation' };

export type Direction = 'desc' | 'asc';
export interface ImpliedFilter {
  readonly dimension: DimensionName;
  readonly value: string;
}

/** Values per dimension as stored in the lake. */
export type DimensionValues = Readonly<Partial<Record<DimensionName, readonly string[]>>>;

export interface Lexicon {
  /** Phrase (words joined by one space) → meaning. */
  readonly entries: ReadonlyMap<string, LexEntry>;
  readonly longest: number;
}

/** Builds the lexicon for a lake whose dimension values are `values`. */
export function buildLexicon(values: DimensionValues): Lexicon {
  const entries = new Map<string, LexEntry>();
  // First definition of a phrase wins: values and metrics before the looser dimension words.
  const add = (phrase: string, entry: LexEntry) => {
    const key = phraseWords(phrase).join(' ');
    if (key !== '' && !entries.has(key)) entries.set(key, entry);
  };
  for (const [phrase, what] of Object.entries(UNSUPPORTED_WORDS)) add(phrase, { kind: 'unsupported', what });
  for (const phrase of RISKY_PAYMENTS)
    add(phrase, { kind: 'metric', metric: 'payments', implied: { dimension: 'risk_level', value: 'high' } });
  for (const [phrase, direction] of SELLING)
    add(phrase, { kind: 'metric', metric: 'revenue', rank: direction });
  for (const [phrase, direction] of BUSY) add(phrase, { kind: 'metric', metric: 'orders', rank: direction });
  for (const word of AVERAGE_WORDS) add(word, { kind: 'average' });
  for (const name of METRIC_NAMES)
    for (const phrase of METRICS[name].phrases) add(phrase, { kind: 'metric', metric: name });
  for (const phrase of RATIO_WORDS) add(phrase, { kind: 'ratio' });
  for (const dimension of DIMENSION_NAMES) addValues(add, dimension, values[dimension] ?? []);
  for (const [code, names] of Object.entries(COUNTRY_NAMES)) {
    for (const name of names) add(name, value('country', code, false));
  }
  for (const dimension of DIMENSION_NAMES) {
    for (const phrase of DIMENSIONS[dimension].phrases) {
      for (const cue of GROUP_CUES) add(`${cue} ${phrase}`, { kind: 'dimension', dimension, explicit: true });
    }
  }
  for (const dimension of DIMENSION_NAMES) {
    for (const phrase of DIMENSIONS[dimension].phrases)
      add(phrase, { kind: 'dimension', dimension, explicit: false });
  }
  for (const [direction, words] of Object.entries(RANK_WORDS) as [Direction, readonly string[]][]) {
    for (const word of words) add(word, { kind: 'rank', direction });
  }
  for (const word of COMPARISON_WORDS) add(word, { kind: 'comparison', temporal: false });
  for (const word of CHANGE_WORDS) add(word, { kind: 'comparison', temporal: true });
  for (const word of TREND_WORDS) add(word, { kind: 'trend' });
  for (const word of NEGATIONS) add(word, { kind: 'negation' });
  let longest = 1;
  for (const key of entries.keys()) longest = Math.max(longest, key.split(' ').length);
  return { entries, longest };
}

type Add = (phrase: string, entry: LexEntry) => void;

function addValues(add: Add, dimension: DimensionName, stored: readonly string[]): void {
  const nouns = DIMENSIONS[dimension].nouns;
  const aliases = VALUE_ALIASES[dimension] ?? {};
  const all = new Set([...stored, ...Object.keys(aliases)]);
  for (const stored of all) {
    const words = phraseWords(stored).join(' ');
    if (words === '') continue;
    const short = words.replace(/ /g, '').length <= 2;
    const entry = value(dimension, stored, short);
    const withCustomers = value(dimension, stored, short, 'customers');
    for (const noun of nouns) {
      add(`${words} ${noun}`, entry);
      add(`${noun} ${words}`, entry);
    }
    if (dimension === 'status') {
      const withOrders = value(dimension, stored, short, 'orders');
      add(`${words} orders`, withOrders);
      add(`orders ${words}`, withOrders);
    }
    if (dimension === 'segment') {
      add(`${words} customers`, withCustomers);
      add(`${words} customer`, withCustomers);
      if (!words.endsWith('customers')) add(`${words} buyers`, withCustomers);
    }
    if (!BARE_AMBIGUOUS.has(words)) {
      // A segment named "New Customers" asks for customers when no other metric is named.
      add(words, dimension === 'segment' && words.endsWith('customers') ? withCustomers : entry);
      for (const variant of inflections(words)) add(variant, entry);
    }
    for (const alias of aliases[stored] ?? []) add(alias, value(dimension, stored, false));
  }
}

function value(
  dimension: DimensionName,
  stored: string,
  upperOnly: boolean,
  impliedMetric?: MetricName,
): LexEntry {
  return impliedMetric
    ? { kind: 'value', dimension, value: stored, upperOnly, impliedMetric }
    : { kind: 'value', dimension, value: stored, upperOnly };
}

/** "toys" for "toy", "groceries" for "grocery", "sport" for "sports". */
function inflections(words: string): string[] {
  if (words.includes(' ') || words.length < 4) return [];
  if (words.endsWith('ies')) return [`${words.slice(0, -3)}y`];
  if (words.endsWith('y')) return [`${words.slice(0, -1)}ies`, `${words}s`];
  if (words.endsWith('s')) return [words.slice(0, -1)];
  return [`${words}s`];
}
