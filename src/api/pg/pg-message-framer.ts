// Cuts the client's byte stream into Postgres messages: the untyped ones before the startup
// (SSL and GSSAPI requests, a cancel request, the startup message itself), then typed ones.
// A message longer than the cap is never buffered: its bytes are skipped and it is reported
// as oversized, in order with the others, so the session can answer it with an error.

/** Request codes of the untyped messages a client may send before its startup message. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_STARTUP_BYTES = 10_000;

export type FramedMessage =
  | { readonly kind: 'ssl-request' }
  | { readonly kind: 'gssenc-request' }
  | { readonly kind: 'cancel'; readonly processId: number; readonly secret: number }
  | { readonly kind: 'startup'; readonly parameters: Readonly<Record<string, string>> }
  | { readonly kind: 'typed'; readonly data: Buffer }
  | { readonly kind: 'oversized'; readonly type: string; readonly bytes: number }
  /** The stream breaks the protocol: nothing after it can be read. */
  | { readonly kind: 'broken'; readonly reason: string };

export class PgMessageFramer {
  private buffered: Buffer = Buffer.alloc(0);
  private skipping = 0;
  private started = false;
  private broken = false;

  constructor(private readonly maxMessageBytes: number) {}

  /** The whole messages that `chunk` completes, in order. */
  feed(chunk: Buffer): FramedMessage[] {
    const messages: FramedMessage[] = [];
    let data = chunk;
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, data.length);
      this.skipping -= skipped;
      data = data.subarray(skipped);
    }
    this.buffered = this.buffered.length === 0 ? data : Buffer.concat([this.buffered, data]);
    while (!this.broken) {
      const message = this.started ? this.typed() : this.untyped();
      if (!message) break;
      messages.push(message);
      if (message.kind === 'broken' || message.kind === 'cancel') this.broken = true;
    }
    return messages;
  }

  private untyped(): FramedMessage | undefined {
    if (this.buffered.length < 8) return undefined;
    const length = this.buffered.readInt32BE(0);
    const code = this.buffered.readInt32BE(4);
    if (length < 8 || length > MAX_STARTUP_BYTES)
      return { kind: 'broken', reason: `invalid startup packet length ${length}` };
    if (this.buffered.length < length) return undefined;
    const body = this.take(length).subarray(8);
    if (code === SSL_REQUEST) return { kind: 'ssl-request' };
    if (code === GSSENC_REQUEST) return { kind: 'gssenc-request' };
    if (code === CANCEL_REQUEST && body.length === 8) {
      return { kind: 'cancel', processId: body.readInt32BE(0), secret: body.readInt32BE(4) };
    }
    if (code !== PROTOCOL_3) {
      return {
        kind: 'broken',
        reason: `unsupported frontend protocol ${code >> 16}.${code & 0xffff}: use protocol 3.0`,
      };
    }
    this.started = true;
    return parameters(body);
  }

  private typed(): FramedMessage | undefined {
    if (this.buffered.length < 5) return undefined;
    const type = String.fromCharCode(this.buffered.readUInt8(0));
    const length = this.buffered.readInt32BE(1);
    if (length < 4) return { kind: 'broken', reason: `invalid length ${length} for message ${type}` };
    if (length - 4 > this.maxMessageBytes) {
      // Skip the body as it arrives instead of keeping it.
      const inBuffer = Math.min(this.buffered.length, length + 1);
      this.take(inBuffer);
      this.skipping = length + 1 - inBuffer;
      return { kind: 'oversized', type, bytes: length + 1 };
    }
    if (this.buffered.length < length + 1) return undefined;
    return { kind: 'typed', data: this.take(length + 1) };
  }

  private take(size: number): Buffer {
    // A copy: the message outlives the buffer it came in.
    const taken = Buffer.from(this.buffered.subarray(0, size));
    this.buffered = this.buffered.subarray(size);
    return taken;
  }
}

// The startup message's body: name/value pairs of NUL-terminated strings, then one more NUL.
function parameters(body: Buffer): FramedMessage {
  const values: Record<string, string> = {};
  const parts = body.toString('utf8').split('\0');
  for (let i = 0; i + 1 < parts.length && parts[i] !== ''; i += 2)
    values[parts[i] ?? ''] = parts[i + 1] ?? '';
  if (!values.user) return { kind: 'broken', reason: 'the startup message names no user' };
  return { kind: 'startup', parameters: values };
}
