// MySQL text-protocol rows straight to CSV bytes: each field of a row packet is a
// length-prefixed byte string (or 0xFB for NULL) already in the connection's UTF-8, so it is
// copied, quoted, without ever becoming a JS string. Decoding every value into strings and
// encoding them again was most of the export's time. Output follows CSV_CHUNK_DIALECT: NULL
// is an empty unquoted field, text is quoted with quotes doubled; numbers, dates and times
// (never empty, never holding a comma, quote or newline) go unquoted, which the engine's CSV
// reader parses faster.

import type { CsvRowBatch } from '../../stages/export/source-database.js';
import { blobText } from './mysql-column-type.js';

/** text: quoted; binary: as '\xHH' escapes, quoted; plain: as is (numbers, dates, times). */
export type CsvFieldKind = 'text' | 'binary' | 'plain';

const NULL_FIELD = 0xfb;
const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
/** Fields longer than this are copied natively, unless they hold a quote. */
const NATIVE_COPY = 64;

export class CsvRowTranscoder {
  private out = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  private rowEnds: number[] = [];
  private newest: Buffer | undefined;

  private readonly columns: number;

  /**
   * @param fields how each field is written, in order
   * @param newestOf the field whose greatest value (in byte order) the batch reports
   */
  constructor(
    private readonly fields: readonly CsvFieldKind[],
    private readonly newestOf?: number,
  ) {
    this.columns = fields.length;
  }

  get rows(): number {
    return this.rowEnds.length;
  }

  /** Appends the row packet payload `buffer[start, end)` as one CSV line. */
  add(buffer: Buffer, start: number, end: number): void {
    // Worst case: every byte a doubled quote, two quotes and a separator per field.
    this.reserve(2 * (end - start) + 3 * this.columns + 1);
    const out = this.out;
    let at = this.length;
    let p = start;
    for (let field = 0; field < this.columns; field++) {
      if (field > 0) out[at++] = COMMA;
      if (p >= end) throw new Error(`a row packet ended after ${field} of ${this.columns} fields`);
      const first = buffer[p]!;
      if (first === NULL_FIELD) {
        p += 1;
        continue;
      }
      let length: number;
      if (first < 0xfb) {
        length = first;
        p += 1;
      } else if (first === 0xfc) {
        length = buffer.readUInt16LE(p + 1);
        p += 3;
      } else if (first === 0xfd) {
        length = buffer.readUIntLE(p + 1, 3);
        p += 4;
      } else if (first === 0xfe) {
        length = Number(buffer.readBigUInt64LE(p + 1));
        p += 9;
      } else {
        throw new Error(`a row packet holds an invalid length prefix 0x${first.toString(16)}`);
      }
      const fieldEnd = p + length;
      if (fieldEnd > end) throw new Error('a row packet field runs past the end of the packet');
      if (field === this.newestOf) this.keepNewest(buffer, p, fieldEnd);
      const kind = this.fields[field];
      if (kind === 'plain') {
        if (length > NATIVE_COPY) at += buffer.copy(out, at, p, fieldEnd);
        else for (let i = p; i < fieldEnd; i++) out[at++] = buffer[i]!;
      } else if (kind === 'binary') {
        this.length = at;
        this.putQuotedText(blobText(buffer.subarray(p, fieldEnd)));
        at = this.length;
      } else {
        out[at++] = QUOTE;
        if (length > NATIVE_COPY && buffer.subarray(p, fieldEnd).indexOf(QUOTE) < 0) {
          at += buffer.copy(out, at, p, fieldEnd);
        } else {
          for (let i = p; i < fieldEnd; i++) {
            const byte = buffer[i]!;
            out[at++] = byte;
            if (byte === QUOTE) out[at++] = QUOTE;
          }
        }
        out[at++] = QUOTE;
      }
      p = fieldEnd;
    }
    out[at++] = NEWLINE;
    this.length = at;
    this.rowEnds.push(at);
  }

  /** The rows added since the last take, and a fresh start. */
  take(): CsvRowBatch {
    const batch: CsvRowBatch = {
      text: Buffer.from(this.out.subarray(0, this.length)),
      rowEnds: Uint32Array.from(this.rowEnds),
      newest: this.newest?.toString('utf8'),
    };
    this.length = 0;
    this.rowEnds = [];
    this.newest = undefined;
    return batch;
  }

  private putQuoted(buffer: Buffer, from: number, to: number): void {
    this.reserve(2 * (to - from) + 2);
    const out = this.out;
    let at = this.length;
    out[at++] = QUOTE;
    for (let i = from; i < to; i++) {
      const byte = buffer[i]!;
      out[at++] = byte;
      if (byte === QUOTE) out[at++] = QUOTE;
    }
    out[at++] = QUOTE;
    this.length = at;
  }

  private putQuotedText(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.putQuoted(bytes, 0, bytes.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + bytes));
    this.out.copy(grown, 0, 0, this.length);
    this.out = grown;
  }

  // Byte order is time order for the timestamps it serves; a JS loop beats a native call here.
  private keepNewest(buffer: Buffer, from: number, to: number): void {
    const newest = this.newest;
    if (newest !== undefined) {
      const shorter = Math.min(newest.length, to - from);
      let i = 0;
      while (i < shorter && buffer[from + i] === newest[i]) i++;
      const later = i < shorter ? buffer[from + i]! > newest[i]! : to - from > newest.length;
      if (!later) return;
    }
    this.newest = Buffer.from(buffer.subarray(from, to));
  }
}
