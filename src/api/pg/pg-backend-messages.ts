// The server's side of the Postgres wire protocol (v3): each function builds one message as
// bytes, so a whole answer can be written to the socket at once.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

import type { PgType } from './pg-types.js';

/** Builds a message body field by field. */
class Body {
  private readonly parts: Buffer[] = [];

  int8(value: number): this {
    return this.add(Buffer.from([value]));
  }

  int16(value: number): this {
    const buffer = Buffer.alloc(2);
    buffer.writeInt16BE(value);
    return this.add(buffer);
  }

  int32(value: number): this {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32BE(value);
    return this.add(buffer);
  }

  cstring(text: string): this {
    // A NUL inside would end the string early and desynchronise the client.
    return this.add(Buffer.from(`${text.replace(/\0/g, '')}\0`, 'utf8'));
  }

  add(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  message(type: string): Buffer {
    const body = Buffer.concat(this.parts);
    const header = Buffer.alloc(5);
    header.write(type, 0, 'latin1');
    header.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([header, body]);
  }
}

export type TransactionStatus = 'I' | 'T' | 'E';

export const authenticationOk = (): Buffer => new Body().int32(0).message('R');

export const authenticationMd5 = (salt: Uint8Array): Buffer =>
  new Body().int32(5).add(Buffer.from(salt)).message('R');

export const parameterStatus = (name: string, value: string): Buffer =>
  new Body().cstring(name).cstring(value).message('S');

export const backendKeyData = (processId: number, secret: number): Buffer =>
  new Body().int32(processId).int32(secret).message('K');

export const readyForQuery = (status: TransactionStatus): Buffer =>
  new Body().add(Buffer.from(status, 'latin1')).message('Z');

export interface PgField {
  readonly name: string;
  readonly type: PgType;
  /** 0 text, 1 binary. */
  readonly format: 0 | 1;
}

export function rowDescription(fields: readonly PgField[]): Buffer {
  const body = new Body().int16(fields.length);
  for (const field of fields) {
    // No table OID or column number: answers are computed, not rows of a Postgres table.
    body.cstring(field.name).int32(0).int16(0);
    body.int32(field.type.oid).int16(field.type.size).int32(field.type.modifier).int16(field.format);
  }
  return body.message('T');
}

/** One row; a null cell is SQL NULL (length -1). */
export function dataRow(cells: readonly (Buffer | null)[]): Buffer {
  const body = new Body().int16(cells.length);
  for (const cell of cells) {
    if (cell === null) body.int32(-1);
    else body.int32(cell.length).add(cell);
  }
  return body.message('D');
}

export const commandComplete = (tag: string): Buffer => new Body().cstring(tag).message('C');
export const emptyQueryResponse = (): Buffer => new Body().message('I');
export const parseComplete = (): Buffer => new Body().message('1');
export const bindComplete = (): Buffer => new Body().message('2');
export const closeComplete = (): Buffer => new Body().message('3');
export const noData = (): Buffer => new Body().message('n');
export const portalSuspended = (): Buffer => new Body().message('s');

export const parameterDescription = (oids: readonly number[]): Buffer => {
  const body = new Body().int16(oids.length);
  for (const oid of oids) body.int32(oid);
  return body.message('t');
};

export interface PgErrorFields {
  readonly severity: 'ERROR' | 'FATAL' | 'WARNING' | 'NOTICE';
  /** SQLSTATE, e.g. `42501`. */
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
}

export const errorResponse = (fields: PgErrorFields): Buffer => noticeBody(fields).message('E');
export const noticeResponse = (fields: PgErrorFields): Buffer => noticeBody(fields).message('N');

function noticeBody(fields: PgErrorFields): Body {
  const body = new Body();
  // `S` is localised in real servers, `V` never is; clients read either.
  body.add(Buffer.from('S')).cstring(fields.severity);
  body.add(Buffer.from('V')).cstring(fields.severity);
  body.add(Buffer.from('C')).cstring(fields.code);
  body.add(Buffer.from('M')).cstring(fields.message);
  if (fields.detail) body.add(Buffer.from('D')).cstring(fields.detail);
  if (fields.hint) body.add(Buffer.from('H')).cstring(fields.hint);
  return body.int8(0);
}
