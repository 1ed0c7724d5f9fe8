import { describe, expect, it } from 'vitest';
import { CsvRowTranscoder } from './csv-row-transcoder.js';

// A text-protocol row packet payload: each field length-prefixed, NULL as 0xFB.
function rowPacket(fields: readonly (string | Buffer | null)[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    if (field === null) {
      parts.push(Buffer.from([0xfb]));
      continue;
    }
    const bytes = typeof field === 'string' ? Buffer.from(field, 'utf8') : field;
    if (bytes.length < 0xfb) parts.push(Buffer.from([bytes.length]));
    else if (bytes.length < 0x10000) {
      const prefix = Buffer.alloc(3);
      prefix[0] = 0xfc;
      prefix.writeUInt16LE(bytes.length, 1);
      parts.push(prefix);
    } else {
      const prefix = Buffer.alloc(4);
      prefix[0] = 0xfd;
      prefix.writeUIntLE(bytes.length, 1, 3);
      parts.push(prefix);
    }
    parts.push(bytes);
  }
  return Buffer.concat(parts);
}

describe('CsvRowTranscoder', () => {
  it('writes NULL empty, text quoted with quotes doubled, numbers and times bare', () => {
    const transcoder = new CsvRowTranscoder(['plain', 'text', 'text', 'plain', 'text']);
    const packet = rowPacket(['42', 'say "hi", then\nleave', '', '2025-01-02 03:04:05.000001', null]);
    // Rows arrive inside bigger socket buffers: only [start, end) is the row.
    const framed = Buffer.concat([Buffer.from('junk'), packet, Buffer.from('"more')]);
    transcoder.add(framed, 4, 4 + packet.length);
    transcoder.add(...whole(rowPacket([null, 'é😀', null, '7', ''])));
    const batch = transcoder.take();
    expect(batch.text.toString('utf8')).toBe(
      '42,"say ""hi"", then\nleave","",2025-01-02 03:04:05.000001,\n,"é😀",,7,""\n',
    );
    expect([...batch.rowEnds]).toEqual([batch.text.indexOf('\n,') + 1, batch.text.length]);
    expect(transcoder.take().rowEnds).toHaveLength(0);
  });

  it('copies long fields with and without quotes, with two- and three-byte length prefixes', () => {
    const long = 'x'.repeat(300);
    const quoted = `${'y'.repeat(100)}"${'z'.repeat(70_000)}`;
    const transcoder = new CsvRowTranscoder(['text', 'text', 'plain']);
    transcoder.add(...whole(rowPacket([long, quoted, '1'.repeat(80)])));
    const text = transcoder.take().text.toString('utf8');
    expect(text).toBe(`"${long}","${quoted.replace('"', '""')}",${'1'.repeat(80)}\n`);
  });

  it("sends binary fields as '\\xHH' escapes", () => {
    const transcoder = new CsvRowTranscoder(['binary']);
    transcoder.add(...whole(rowPacket([Buffer.from([0x00, 0x22, 0xff])])));
    expect(transcoder.take().text.toString('utf8')).toBe('"\\x00\\x22\\xff"\n');
  });

  it('reports the greatest value of the watermark field per batch', () => {
    const transcoder = new CsvRowTranscoder(['plain', 'plain'], 1);
    for (const [id, at] of [
      ['1', '2025-01-02 03:04:05.000001'],
      ['2', '2025-01-03 00:00:00.000000'],
      ['3', null],
      ['4', '2025-01-02 23:59:59.999999'],
    ] as const) {
      transcoder.add(...whole(rowPacket([id, at])));
    }
    expect(transcoder.take().newest).toBe('2025-01-03 00:00:00.000000');
    transcoder.add(...whole(rowPacket(['5', '2024-12-31 00:00:00.000000'])));
    expect(transcoder.take().newest).toBe('2024-12-31 00:00:00.000000');
  });

  it('refuses a packet that ends before its fields do', () => {
    const transcoder = new CsvRowTranscoder(['plain', 'plain']);
    expect(() => transcoder.add(...whole(rowPacket(['1'])))).toThrow(
      'a row packet ended after 1 of 2 fields',
    );
    const truncated = rowPacket(['12345']).subarray(0, 3);
    expect(() => new CsvRowTranscoder(['plain']).add(...whole(truncated))).toThrow('runs past the end');
  });
});

function whole(packet: Buffer): [Buffer, number, number] {
  return [packet, 0, packet.length];
}
