// A session's named prepared statements, or its portals: the unnamed one ('') is replaced at
// will, a named one must be closed before its name is used again (as in Postgres), and their
// number is capped so a client cannot grow a session's memory without bound.

import { ShoplakeError } from '../../core/shoplake-error.js';

export class PgNamedStore<T> {
  private readonly items = new Map<string, T>();

  /** `what` names the items in errors, e.g. "prepared statement". */
  constructor(
    private readonly what: string,
    private readonly max: number,
  ) {}

  /** Throws `not_found` for a name never stored (or closed). */
  get(name: string): T {
    const item = this.items.get(name);
    if (item === undefined) {
      throw new ShoplakeError('not_found', `The ${this.what} "${name}" does not exist.`, {
        retryable: false,
      });
    }
    return item;
  }

  /** Throws for a named item that exists already, or when the cap is reached. */
  put(name: string, item: T): void {
    if (name !== '' && this.items.has(name)) {
      throw new ShoplakeError(
        'invalid_argument',
        `The ${this.what} "${name}" already exists; close it first.`,
        {
          retryable: false,
        },
      );
    }
    if (!this.items.has(name) && this.items.size >= this.max) {
      throw new ShoplakeError(
        'payload_too_large',
        `Too many ${this.what}s on this connection; close some first.`,
        {
          retryable: false,
        },
      );
    }
    this.items.set(name, item);
  }

  delete(name: string): void {
    this.items.delete(name);
  }

  clear(): void {
    this.items.clear();
  }
}
