// How demand gaps get their suggested category: clicks after similar queries first, then the
// department lexicon (categories the shop may not carry), then catalog words.

import { describe, expect, it } from 'vitest';
import { jaroWinkler } from '../../../src/systems/retail-copilot/jaro-winkler.js';
import {
  createCategorySuggester,
  queryTokens,
} from '../../../src/systems/retail-copilot/suggest-category.js';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['perfume', 'perfume', 1],
    ['abc', 'xyz', 0],
  ])('%s ~ %s = %d (Winkler 1990)', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });
});

describe('createCategorySuggester', () => {
  const suggest = createCategorySuggester({
    clickedQueries: [
      { query: 'rc car', category: 'toys', clicks: 12 },
      { query: 'protein bar', category: 'grocery', clicks: 5 },
      { query: 'hoodie', category: 'fashion', clicks: 9 },
      { query: 'hoodie', category: 'sports', clicks: 2 },
      { query: 'smart tv', category: 'electronics', clicks: 30 },
    ],
    catalogTokens: [
      { category: 'electronics', token: 'earcuff' },
      { category: 'electronics', token: 'lumetrix' },
      { category: 'home', token: 'lumetrix' },
      { category: 'home', token: 'sconce' },
      { category: 'toys', token: 'mini' },
      { category: 'home', token: 'mini' },
    ],
  });

  it('follows the clicks of a query contained in this one, brand words aside', () => {
    expect(suggest('wonderkit rc car')).toEqual({
      category: 'toys',
      source: 'similar_query_clicks',
      inCatalog: true,
    });
    expect(suggest('kyro smart tv')).toMatchObject({
      category: 'electronics',
      source: 'similar_query_clicks',
    });
  });

  it('tolerates typos and takes the most clicked category', () => {
    expect(suggest('protin bar')).toMatchObject({ category: 'grocery', source: 'similar_query_clicks' });
    expect(suggest('stitchwell hoodi')).toMatchObject({
      category: 'fashion',
      source: 'similar_query_clicks',
    });
  });

  it('names departments the shop does not carry as assortment gaps', () => {
    expect(suggest('dog food')).toEqual({ category: 'pets', source: 'department_lexicon', inCatalog: false });
    expect(suggest('mini lawn mower')).toMatchObject({ category: 'garden', inCatalog: false });
    expect(suggest('car tires')).toMatchObject({ category: 'automotive', inCatalog: false });
    expect(suggest('baby strolller')).toMatchObject({ category: 'baby', inCatalog: false });
  });

  it('falls back to catalog words, weighted towards words specific to one category', () => {
    expect(suggest('lumetrix earcuff')).toMatchObject({
      category: 'electronics',
      source: 'catalog_token_overlap',
      inCatalog: true,
    });
    expect(suggest('wall sconse')).toMatchObject({ category: 'home', source: 'catalog_token_overlap' });
  });

  it('suggests nothing when no evidence matches, and never matches masked values', () => {
    expect(suggest('zzqx')).toEqual({ category: null, source: null, inCatalog: false });
    expect(queryTokens('call me [card ****1111] j***@example.com')).toEqual(['call', 'me']);
  });
});
