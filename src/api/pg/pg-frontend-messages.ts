// The client's side of the Postgres wire protocol (v3), decoded with bounds checks: a
// malformed message is a `PgProtocolError`, never a crash or a read past the end.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

export type FrontendMessage =
  | { readonly type: 'query'; readonly sql: string }
  | {
      readonly type: 'parse';
      readonly statement: string;
      readonly sql: string;
      readonly parameterTypes: readonly number[];
    }
  | {
      readonly type: 'bind';
      readonly portal: string;
      readonly statement: string;
      readonly parameterFormats: readonly number[];
      readonly parameters: readonly (Buffer | null)[];
      readonly resultFormats: readonly number[];
    }
  | { readonly type: 'describe'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly type: 'execute'; readonly portal: string; readonly maxRows: number }
  | { readonly type: 'close'; readonly target: 'S' | 'P'; readonly name: string }
  | { readonly type: 'sync' }
  | { readonly type: 'flush' }
  | { readonly type: 'terminate' }
  | { readonly type: 'password'; readonly password: string }
  | { readonly type: 'unsupported'; readonly code: string };

/** The message breaks the protocol; the connection cannot go on. */
export class PgProtocolError extends Error {
  override readonly name = 'PgProtocolError';
}

/** Decodes one whole typed message (type byte, length, body). */
export function decodeFrontendMessage(data: Uint8Array): FrontendMessage {
  const reader = new Reader(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  const code = String.fromCharCode(reader.byte());
  const length = reader.int32();
  if (length !== data.byteLength - 1) throw new PgProtocolError('message length does not match its header');
  const message = decodeBody(code, reader);
  if (!reader.atEnd()) throw new PgProtocolError(`message ${code} has trailing bytes`);
  return message;
}

function decodeBody(code: string, reader: Reader): FrontendMessage {
  switch (code) {
    case 'Q':
      return { type: 'query', sql: reader.cstring() };
    case 'P': {
      const statement = reader.cstring();
      const sql = reader.cstring();
      const parameterTypes = reader.repeat(() => reader.int32());
      return { type: 'parse', statement, sql, parameterTypes };
    }
    case 'B': {
      const portal = reader.cstring();
      const statement = reader.cstring();
      const parameterFormats = reader.repeat(() => reader.int16());
      const parameters = reader.repeat(() => {
        const size = reader.int32();
        return size === -1 ? null : reader.bytes(size);
      });
      const resultFormats = reader.repeat(() => reader.int16());
      return { type: 'bind', portal, statement, parameterFormats, parameters, resultFormats };
    }
    case 'D':
      return { type: 'describe', target: reader.target(), name: reader.cstring() };
    case 'E':
      return { type: 'execute', portal: reader.cstring(), maxRows: reader.int32() };
    case 'C':
      return { type: 'close', target: reader.target(), name: reader.cstring() };
    case 'S':
      return { type: 'sync' };
    case 'H':
      return { type: 'flush' };
    case 'X':
      return { type: 'terminate' };
    case 'p':
      return { type: 'password', password: reader.cstring() };
    default:
      // Function calls and COPY data have no place in a read-only endpoint; the body is skipped.
      reader.skipRest();
      return { type: 'unsupported', code };
  }
}

class Reader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  byte(): number {
    this.need(1);
    return this.buffer.readUInt8(this.offset++);
  }

  int16(): number {
    this.need(2);
    const value = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  int32(): number {
    this.need(4);
    const value = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  bytes(size: number): Buffer {
    if (size < 0) throw new PgProtocolError(`negative length ${size}`);
    this.need(size);
    const value = this.buffer.subarray(this.offset, this.offset + size);
    this.offset += size;
    return value;
  }

  cstring(): string {
    const end = this.buffer.indexOf(0, this.offset);
    if (end === -1) throw new PgProtocolError('string without its terminating NUL');
    const value = this.buffer.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return value;
  }

  target(): 'S' | 'P' {
    const target = String.fromCharCode(this.byte());
    if (target !== 'S' && target !== 'P') throw new PgProtocolError(`"${target}" is neither S nor P`);
    return target;
  }

  /** A count (int16) followed by that many items. */
  repeat<T>(item: () => T): T[] {
    const count = this.int16();
    if (count < 0) throw new PgProtocolError(`negative count ${count}`);
    return Array.from({ length: count }, item);
  }

  skipRest(): void {
    this.offset = this.buffer.length;
  }

  atEnd(): boolean {
    return this.offset === this.buffer.length;
  }

  private need(size: number): void {
    if (this.offset + size > this.buffer.length) throw new PgProtocolError('message ends too early');
  }
}
