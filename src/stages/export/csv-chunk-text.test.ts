import { describe, expect, it } from 'vitest';
import { csvChunkText } from './csv-chunk-text.js';

describe('csvChunkText', () => {
  it('quotes every string, doubles inner quotes and leaves NULL empty and unquoted', () => {
    expect(
      csvChunkText([
        [1, 'a"b', null, ''],
        [2.5, 'x\ny', '\\N', 'é😀'],
      ]),
    ).toBe('1,"a""b",,""\n2.5,"x\ny","\\N","é😀"\n');
  });

  it('writes numbers in their shortest exact form', () => {
    expect(csvChunkText([[0.1, 1e21, -0]])).toBe('0.1,1e+21,0\n');
  });
});
