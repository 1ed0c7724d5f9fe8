// JSON logs through pino, to a file per day under <data-dir>/logs/. Every string in every
// record (message, fields, error text and stack) passes through the free-text masker first.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { LogFields, Logger } from '../../ports/logger.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';
import { redactDeep } from '../../stages/curate/masking/redact-deep.js';

class PinoLogger implements Logger {
  constructor(private readonly base: pino.Logger) {}
  debug(event: string, fields: LogFields = {}): void {
    this.base.debug(redactDeep(fields) as object, maskFreeText(event));
  }
  info(event: string, fields: LogFields = {}): void {
    this.base.info(redactDeep(fields) as object, maskFreeText(event));
  }
  warn(event: string, fields: LogFields = {}): void {
    this.base.warn(redactDeep(fields) as object, maskFreeText(event));
  }
  error(event: string, fields: LogFields = {}): void {
    this.base.error(redactDeep(fields) as object, maskFreeText(event));
  }
  child(bindings: LogFields): Logger {
    return new PinoLogger(this.base.child(redactDeep(bindings) as object));
  }
}

export interface FileLoggerOptions {
  readonly dataDir: string;
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  /** Synchronous writes: the CLI exits right after its work and must not lose lines. */
  readonly sync?: boolean;
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const folder = join(options.dataDir, 'logs');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `shoplake-${new Date().toISOString().slice(0, 10)}.jsonl`);
  return jsonLogger(options.level, pino.destination({ dest: file, mkdir: true, sync: options.sync ?? true }));
}

/**
 * JSON lines on stdout, which Lambda ships to CloudWatch; same fields and redaction as the file logger.
 *
 * @example
 * createStdoutLogger('info').child({ handler: 'raw-to-curated' }).info('curate.table.done', { table: 'orders' });
 */
export function createStdoutLogger(level: FileLoggerOptions['level']): Logger {
  return jsonLogger(level, pino.destination({ dest: 1, sync: true }));
}

function jsonLogger(level: FileLoggerOptions['level'], destination: pino.DestinationStream): Logger {
  const base = pino(
    {
      level,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return new PinoLogger(base);
}

/** A logger that drops everything (for tests that do not look at logs). */
export function createSilentLogger(): Logger {
  return new PinoLogger(pino({ level: 'silent' }));
}
