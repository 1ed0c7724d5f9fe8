// Structured logging: one JSON object per event, carrying the run id. Every adapter masks
// card numbers, SSNs and emails in whatever it is given before it writes.

export type LogFields = Readonly<Record<string, unknown>>;

/**
 * @example
 * logger.child({ runId }).info('curate.table.done', { table: 'orders', rowsIn: 1200 });
 */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}
