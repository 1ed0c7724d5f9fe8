// Finds the words of a vocabulary that a typed word could mean: the same word, or one within
// Jaro-Winkler 0.92 when both have four letters or more and start alike (shoppers' typos keep
// the first letter far more often than not). Words are bucketed by first letter and answers
// memoised, so thousands of queries against a large vocabulary stay cheap.

import { jaroWinkler } from './jaro-winkler.js';

export const SIMILARITY = 0.92;

export function similarWords(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || a[0] !== b[0] || Math.abs(a.length - b.length) > 2) return false;
  return jaroWinkler(a, b) >= SIMILARITY;
}

export class SimilarWords {
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly known: Set<string>;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(vocabulary: Iterable<string>) {
    this.known = new Set(vocabulary);
    for (const word of this.known) {
      const bucket = this.byFirstLetter.get(word[0] ?? '') ?? [];
      bucket.push(word);
      this.byFirstLetter.set(word[0] ?? '', bucket);
    }
  }

  /** The vocabulary words `word` could mean (itself included when known). */
  of(word: string): readonly string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const found =
      word.length < 4
        ? this.known.has(word)
          ? [word]
          : []
        : (this.byFirstLetter.get(word[0] ?? '') ?? []).filter((v) => similarWords(word, v));
    this.cache.set(word, found);
    return found;
  }
}
