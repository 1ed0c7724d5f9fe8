#!/usr/bin/env node
// The `shoplake` command line: one sub-command per job, each with --help.

import { Command } from 'commander';
import { askCommand } from './commands/ask-command.js';
import { catalogCommand } from './commands/catalog-command.js';
import { dlqCommand } from './commands/dlq-command.js';
import { exportCommand } from './commands/export-command.js';
import { generateCommand } from './commands/generate-command.js';
import { publishCommand } from './commands/publish-command.js';
import { queryCommand } from './commands/query-command.js';
import { replayCommand } from './commands/replay-command.js';
import { runCommand } from './commands/run-command.js';
import { runsCommand } from './commands/runs-command.js';
import { seedMysqlCommand } from './commands/seed-mysql-command.js';
import { serveCommand } from './commands/serve-command.js';
import { startCommand } from './commands/start-command.js';

import { statusCommand } from './commands/status-command.js';

const program = new Command('shoplake')
  .description('Event-driven e-commerce data lake: raw → curated → prod, on folders + DuckDB or on AWS.')
  .version('0.1.0')
  .showHelpAfterError()

  .addCommand(startCommand())
  .addCommand(generateCommand())
  .addCommand(runCommand())
  .addCommand(publishCommand())
  .addCommand(seedMysqlCommand())
  .addCommand(exportCommand())
  .addCommand(catalogCommand())
  .addCommand(queryCommand())
  .addCommand(askCommand())
  .addCommand(serveCommand())
  .addCommand(statusCommand())
  .addCommand(runsCommand())
  .addCommand(replayCommand())
  .addCommand(dlqCommand());

await program.parseAsync(process.argv);
