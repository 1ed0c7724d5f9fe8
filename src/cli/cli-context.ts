// What every command needs: the validated config from file, environment and flags, the
// environment's adapters, a JSON file logger, and one way to report errors to a person.

import { type Command, InvalidArgumentError } from 'commander';
import { createFileLogger } from '../adapters/pino/pino-logger.js';
import { loadConfig, type ShoplakeConfig } from '../config/load-config.js';
import { errorMessage, ShoplakeError } from '../core/shoplake-error.js';
import type { Logger } from '../ports/logger.js';
import { createLocalEnvironment, type LocalEnvironment } from '../runtime/local-environment.js';
import { maskFreeText } from '../stages/curate/masking/mask-free-text.js';

export interface GlobalOptions {
  readonly config?: string;
  readonly dataDir?: string;
}

/** Adds the options every command takes. */
export function withGlobalOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'lake folder (raw/, curated/, prod/, logs/); default ./shoplake-data or SHOPLAKE_DATA_DIR',
    )
    .option('--config <file>', 'config file (JSON); default ./shoplake.config.json when present');
}

export function configFrom(options: GlobalOptions): ShoplakeConfig {
  return loadConfig({
    configFile: options.config,
    overrides: options.dataDir ? { dataDir: options.dataDir } : {},
  });
}

export interface CommandContext {
  readonly config: ShoplakeConfig;
  readonly env: LocalEnvironment;
  readonly logger: Logger;
}

export function commandContext(options: GlobalOptions, command: string): CommandContext {
  const config = configFrom(options);
  const env = createLocalEnvironment(config);
  const logger = createFileLogger({ dataDir: config.dataDir, level: config.logLevel }).child({ command });
  return { config, env, logger };
}

/** Wraps a command action: errors become one clear line on stderr and exit code 1. */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<number | undefined | void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await run(...args);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (error) {
      const message = maskFreeText(errorMessage(error));
      process.stderr.write(`shoplake: ${message}\n`);
      if (!(error instanceof ShoplakeError) && process.env.SHOPLAKE_DEBUG)
        process.stderr.write(`${maskFreeText(String((error as Error).stack))}\n`);
      process.exitCode = 1;
    }
  };
}

export function positiveInt(name: string): (value: string) => number {
  return optionParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new ShoplakeError(
        'invalid_argument',
        `${name} must be a whole number of at least 1, not "${value}".`,
        { retryable: false },
      );
    }
    return n;
  });
}

/**
 * An option's parser whose ShoplakeError becomes commander's "invalid argument" error: options
 * are parsed before `action` runs, so the error must be one commander reports (one line, exit 1).
 */
export function optionParser<T>(parse: (value: string) => T): (value: string) => T {
  return (value: string) => {
    try {
      return parse(value);
    } catch (error: unknown) {
      if (error instanceof ShoplakeError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}
