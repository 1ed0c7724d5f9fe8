import { describe, expect, it } from 'vitest';
import { buildLexicon } from './question-lexicon.js';
import { phraseWords } from './question-words.js';
import { DIMENSION_NAMES, DIMENSIONS } from './semantic-dimensions.js';
import { METRIC_NAMES, METRICS } from './semantic-metrics.js';

describe('the semantic layer', () => {
  it('defines every metric once, under its own name, with a definition', () => {
    for (const name of METRIC_NAMES) {
      expect(METRICS[name]?.name, name).toBe(name);
      expect(METRICS[name].definition.length, name).toBeGreaterThan(40);
    }
    expect(Object.keys(METRICS).sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('gives each phrase one meaning: no two metrics share a word', () => {
    const owner = new Map<string, string>();
    for (const name of METRIC_NAMES) {
      for (const phrase of METRICS[name].phrases) {
        const key = phraseWords(phrase).join(' ');
        expect(owner.get(key), `"${phrase}" is both ${owner.get(key)} and ${name}`).toBeUndefined();
        owner.set(key, name);
      }
    }
  });

  it('only offers dimensions and filters that exist', () => {
    for (const name of METRIC_NAMES) {
      for (const d of [...METRICS[name].dimensions, ...METRICS[name].filters])
        expect(DIMENSION_NAMES).toContain(d);
    }
    for (const name of DIMENSION_NAMES) expect(DIMENSIONS[name].name).toBe(name);
  });

  it('builds a lexicon where the lake values win over loose words, and bare ordinary words need their noun', () => {
    const { entries } = buildLexicon({
      channel: ['store', 'web'],
      segment: ['Lost', 'Champions'],
      region: ['NA'],
    });
    expect(entries.get('store')).toBeUndefined();
    expect(entries.get('in store')).toMatchObject({ kind: 'value', dimension: 'channel', value: 'store' });
    expect(entries.get('lost')).toBeUndefined();
    expect(entries.get('lost customers')).toMatchObject({
      kind: 'value',
      value: 'Lost',
      impliedMetric: 'customers',
    });
    expect(entries.get('champions')).toMatchObject({ kind: 'value', value: 'Champions' });
    expect(entries.get('na')).toMatchObject({ kind: 'value', value: 'NA', upperOnly: true });
    expect(entries.get('north america')).toMatchObject({ kind: 'value', value: 'NA', upperOnly: false });
    expect(entries.get('sales channel')).toMatchObject({ kind: 'dimension', dimension: 'channel' });
    expect(entries.get('sales')).toMatchObject({ kind: 'metric', metric: 'revenue' });
  });
});
