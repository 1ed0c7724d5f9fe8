import { describe, expect, it } from 'vitest';
import { PgMessageFramer } from './pg-message-framer.js';

function startup(parameters: Record<string, string>): Buffer {
  const body = Buffer.from(`${Object.entries(parameters).flat().join('\0')}\0\0`);
  const header = Buffer.alloc(8);
  header.writeInt32BE(body.length + 8, 0);
  header.writeInt32BE(196608, 4);
  return Buffer.concat([header, body]);
}

function typed(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function request(code: number, extra: number[] = []): Buffer {
  const buffer = Buffer.alloc(8 + extra.length * 4);
  buffer.writeInt32BE(buffer.length, 0);
  buffer.writeInt32BE(code, 4);
  extra.forEach((value, i) => {
    buffer.writeInt32BE(value, 8 + i * 4);
  });
  return buffer;
}

describe('PgMessageFramer', () => {
  it('cuts requests, the startup and typed messages out of any chunking', () => {
    const stream = Buffer.concat([
      request(80877103),
      startup({ user: 'shoplake', database: 'lake' }),
      typed('Q', Buffer.from('select 1\0')),
      typed('S', Buffer.alloc(0)),
    ]);
    for (const size of [1, 3, 7, stream.length]) {
      const framer = new PgMessageFramer(1024);
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...framer.feed(stream.subarray(i, i + size)));
      expect(
        out.map((m) => m.kind),
        `chunks of ${size}`,
      ).toEqual(['ssl-request', 'startup', 'typed', 'typed']);
      expect(out[1]).toEqual({ kind: 'startup', parameters: { user: 'shoplake', database: 'lake' } });
    }
  });

  it('skips an oversized message without keeping it and goes on after it', () => {
    const framer = new PgMessageFramer(100);
    framer.feed(startup({ user: 'u' }));
    const big = typed('Q', Buffer.alloc(5_000, 0x61));
    const out = [...framer.feed(big.subarray(0, 50)), ...framer.feed(big.subarray(50))];
    out.push(...framer.feed(typed('S', Buffer.alloc(0))));
    expect(out).toEqual([
      { kind: 'oversized', type: 'Q', bytes: 5_005 },
      { kind: 'typed', data: typed('S', Buffer.alloc(0)) },
    ]);
  });

  it('hands over a cancel request and reports a broken stream', () => {
    expect(new PgMessageFramer(100).feed(request(80877102, [7, 9]))).toEqual([
      { kind: 'cancel', processId: 7, secret: 9 },
    ]);
    expect(new PgMessageFramer(100).feed(request(80877104))).toEqual([{ kind: 'gssenc-request' }]);
    const bad = Buffer.alloc(8);
    bad.writeInt32BE(2_000_000_000, 0);
    expect(new PgMessageFramer(100).feed(bad)[0]?.kind).toBe('broken');
    expect(new PgMessageFramer(100).feed(request(131072))[0]).toMatchObject({ kind: 'broken' });
  });
});
