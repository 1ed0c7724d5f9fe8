import { describe, expect, it } from 'vitest';
import { loadDataField, loadDataLines } from './load-data-text.js';

describe('LOAD DATA text', () => {
  it('escapes what would break a line or a field, and writes NULL as \\N', () => {
    expect(loadDataField('a\tb\nc\\d\re\0', 'string')).toBe('a\\tb\\nc\\\\d\\re\\0');
    expect(loadDataField(null, 'string')).toBe('\\N');
    expect(loadDataField('\\N', 'string')).toBe('\\\\N');
    expect(loadDataField(true, 'boolean')).toBe('1');
    expect(loadDataField(9_007_199_254_740_993n, 'bigint')).toBe('9007199254740993');
    expect(loadDataField('2026-01-02T03:04:05.123456Z', 'timestamp')).toBe('2026-01-02 03:04:05.123456');
    expect(loadDataField('😀 ✓', 'string')).toBe('😀 ✓');
  });

  it('cuts the text into chunks of whole lines', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i, `row ${i}`]);
    const chunks = [...loadDataLines(rows, ['int', 'string'], 64)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true);
    expect(chunks.join('').split('\n')).toHaveLength(101);
  });
});
