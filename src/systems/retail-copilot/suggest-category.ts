// Which category a zero-result query is asking for, from three sources of evidence in order of
// trust:
//   1. similar_query_clicks — a query that shoppers did click on and whose every word occurs in
//      this one (typos allowed): "wonderkit rc car" is "rc car", which shoppers buy in toys;
//   2. department_lexicon — a general retail taxonomy, which also knows departments the shop
//      does not carry ("dog food" → pets): the assortment gaps;
//   3. catalog_token_overlap — words shared with product names and subcategories, each word
//      weighted by how specific it is to one category.
// Typos are matched with Jaro-Winkler ≥ 0.92 on words of four letters or more.

import { DEPARTMENT_LEXICON } from './department-lexicon.js';
import { SimilarWords } from './similar-words.js';

export const SUGGESTION_SOURCES = [
  'similar_query_clicks',
  'department_lexicon',
  'catalog_token_overlap',
] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

export interface ClickedQuery {
  readonly query: string;
  readonly category: string;
  readonly clicks: number;
}

export interface CatalogToken {
  readonly category: string;
  readonly token: string;
}

export interface CategoryEvidence {
  /** Normalised queries with the categories of the products clicked after them. */
  readonly clickedQueries: readonly ClickedQuery[];
  /** Words of product names, subcategories and categories. */
  readonly catalogTokens: readonly CatalogToken[];
}

export interface CategorySuggestion {
  readonly category: string | null;
  readonly source: SuggestionSource | null;
  /** Whether the shop's catalog has the category: false marks an assortment gap. */
  readonly inCatalog: boolean;
}

const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'for', 'of', 'with', 'in', 'on', 'to', 'by']);

/** Words worth matching: no stopwords, nothing masked (`[card ****1234]`, `j***@x.com`). */
export function queryTokens(query: string): string[] {
  return query.split(' ').filter((t) => t.length > 0 && !STOPWORDS.has(t) && !/[*[\]@]/.test(t));
}

/**
 * @example
 * const suggest = createCategorySuggester({ clickedQueries: [{ query: 'rc car', category: 'toys', clicks: 9 }], catalogTokens: [] });
 * suggest('wonderkit rc car'); // { category: 'toys', source: 'similar_query_clicks', inCatalog: true }
 * suggest('dog food');         // { category: 'pets', source: 'department_lexicon', inCatalog: false }
 */
export function createCategorySuggester(evidence: CategoryEvidence): (query: string) => CategorySuggestion {
  const catalogCategories = new Set(evidence.catalogTokens.map((t) => t.category));
  for (const c of evidence.clickedQueries) catalogCategories.add(c.category);
  const clicked = [...topCategoryPerQuery(evidence.clickedQueries)].map(([query, top]) => ({
    ...top,
    words: queryTokens(query),
  }));
  // Which clicked queries use a word, so a query only checks those sharing a word with it.
  const postings = new Map<string, number[]>();
  clicked.forEach((c, i) => {
    for (const word of new Set(c.words)) {
      const list = postings.get(word) ?? [];
      list.push(i);
      postings.set(word, list);
    }
  });
  const clickedWords = new SimilarWords(postings.keys());

  // Idf-like weight of a catalog word: 1 when only one category uses it, 0 when all do.
  const categoriesOfToken = new Map<string, Set<string>>();
  for (const { token, category } of evidence.catalogTokens) {
    if (!categoriesOfToken.has(token)) categoriesOfToken.set(token, new Set());
    categoriesOfToken.get(token)!.add(category);
  }
  const catalogWords = new SimilarWords(categoriesOfToken.keys());
  const categoryCount = Math.max(2, catalogCategories.size);
  const weight = (token: string) =>
    Math.log(categoryCount / (categoriesOfToken.get(token)?.size ?? categoryCount)) / Math.log(categoryCount);

  const lexiconWords = new SimilarWords(
    DEPARTMENT_LEXICON.flatMap((d) => d.keywords.flatMap((k) => k.split(' '))),
  );

  const result = (category: string | null, source: SuggestionSource | null): CategorySuggestion => ({
    category,
    source,
    inCatalog: category !== null && catalogCategories.has(category),
  });

  return (query) => {
    const tokens = queryTokens(query);

    // 1. The longest clicked query (then the most clicked) contained in this one.
    const candidates = new Set(tokens.flatMap((t) => clickedWords.of(t)));
    let best: { words: number; clicks: number; category: string } | undefined;
    for (const i of new Set([...candidates].flatMap((w) => postings.get(w) ?? []))) {
      const { words, clicks, category } = clicked[i]!;
      if (words.length === 0 || !words.every((w) => candidates.has(w))) continue;
      if (!best || words.length > best.words || (words.length === best.words && clicks > best.clicks)) {
        best = { words: words.length, clicks, category };
      }
    }
    if (best) return result(best.category, 'similar_query_clicks');

    // 2. The department whose keywords cover most of the query's words.
    const meant = new Set(tokens.flatMap((t) => lexiconWords.of(t)));
    const matches = (word: string) => meant.has(word);
    let department: { name: string; score: number } | undefined;
    for (const { name, keywords } of DEPARTMENT_LEXICON) {
      const score = keywords.reduce((sum, keyword) => {
        const words = keyword.split(' ');
        return words.every(matches) ? sum + words.length : sum;
      }, 0);
      if (score > 0 && (!department || score > department.score)) department = { name, score };
    }
    if (department) return result(department.name, 'department_lexicon');

    // 3. Catalog words, weighted by how specific they are.
    const scores = new Map<string, number>();
    for (const token of new Set(tokens.flatMap((t) => catalogWords.of(t)))) {
      for (const category of categoriesOfToken.get(token) ?? [])
        scores.set(category, (scores.get(category) ?? 0) + weight(token));
    }
    const [top] = [...scores].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return top ? result(top[0], 'catalog_token_overlap') : result(null, null);
  };
}

function topCategoryPerQuery(
  rows: readonly ClickedQuery[],
): Map<string, { category: string; clicks: number }> {
  const byQuery = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!byQuery.has(row.query)) byQuery.set(row.query, new Map());
    const categories = byQuery.get(row.query)!;
    categories.set(row.category, (categories.get(row.category) ?? 0) + row.clicks);
  }
  const top = new Map<string, { category: string; clicks: number }>();
  for (const [query, categories] of byQuery) {
    const [category] = [...categories].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    top.set(query, { category, clicks: [...categories.values()].reduce((a, b) => a + b, 0) });
  }
  return top;
}
