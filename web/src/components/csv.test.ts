import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a header line and one CRLF-ended line per row', () => {
    const csv = toCsv(
      [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
      ],
      [
        { a: 1, b: 'x' },
        { a: null, b: true },
      ],
    );
    expect(csv).toBe('A,B\r\n1,x\r\n,true\r\n');
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(-3.5)).toBe('-3.5');
  });
});
