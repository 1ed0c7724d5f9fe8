// JSON log lines on stdout, which Lambda ships to CloudWatch. Like the file logger, every
// string passes through the free-text masker and field redaction first.

import type { LogFields, Logger } from '../../ports/logger.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';
import { redactDeep } from '../../stages/curate/masking/redact-deep.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Readonly<Record<Level, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * @example
 * createStdoutLogger('info', { handler: 'raw-to-curated' }).info('curate.table.done', { table: 'orders' });
 */
export function createStdoutLogger(level: Level, bindings: LogFields = {}): Logger {
  const write = (at: Level, event: string, fields: LogFields = {}) => {
    if (RANK[at] < RANK[level]) return;
    const line = {
      time: new Date().toISOString(),
      level: at,
      event: maskFreeText(event),
      ...(redactDeep(bindings) as object),
      ...(redactDeep(fields) as object),
    };
    process.stdout.write(`${JSON.stringify(line, errorsAsJson)}\n`);
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    child: (more) => createStdoutLogger(level, { ...bindings, ...more }),
  };
}

function errorsAsJson(_key: string, value: unknown): unknown {
  if (value instanceof Error && !('toJSON' in value)) {
    return { name: value.name, message: maskFreeText(value.message) };
  }
  return value;
}
