// `shoplake catalog`: crawls curated and prod buckets, registers the catalog in the lake and
// prints the tables SQL can read, with new schema versions and issues.

import Table from 'cli-table3';
import { Command } from 'commander';
import { action, commandContext, withGlobalOptions } from '../cli-context.js';
import { cliSqlServices, engineOption } from '../cli-sql-services.js';

export function catalogCommand(): Command {
  return withGlobalOptions(new Command('catalog'))
    .description(
      'Crawl the curated and prod buckets into the catalog (with --engine athena: on S3, registered into Glue) and list the tables SQL can read',
    )
    .option('--json', 'print the whole catalog and crawl report as JSON')
    .addOption(engineOption())
    .action(
      action(
        async (options: {
          dataDir?: string;
          config?: string;
          json?: boolean;
          engine?: 'duckdb' | 'athena';
        }) => {
          const { services, crawl, catalogPlace } = cliSqlServices(
            commandContext(options, 'catalog'),
            options.engine,
          );
          const report = await crawl().finally(() => services.sql.close());
          if (options.json) {
            process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
            return 0;
          }
          const table = new Table({
            head: [
              'table',
              'source',
              'schema v',
              'columns',
              'rows',
              'files',
              'size',
              'partitions',
              'last update',
              'issues',
            ],
            style: { head: [], border: [] },
          });
          for (const t of report.snapshot.tables)
            table.push([
              `${t.schema}.${t.name}`,
              t.source,
              t.schemaVersion,
              t.columns.length,
              t.rows.toLocaleString('en-US'),
              t.files.length,
              formatBytes(t.bytes),
              t.partitions.map((p) => `${p.column} (${p.valueCount})`).join(', ') || '-',
              t.lastUpdated.replace('T', ' ').slice(0, 19),
              t.issues.length || '',
            ]);
          const out = [
            report.snapshot.tables.length > 0
              ? table.toString()
              : 'No tables yet: `shoplake run` fills curated, the prod systems fill their buckets.',
            `Catalog: ${catalogPlace}, ${report.filesInspected} new file(s) read in ${report.elapsedMs} ms.`,
          ];
          for (const { table: name, version } of report.newVersions) {
            const what = version.version === 1 ? 'first seen' : describeChange(version);
            out.push(`new schema version: ${name} v${version.version} (${what})`);
          }
          for (const t of report.snapshot.tables)
            for (const issue of t.issues) out.push(`ISSUE ${t.schema}.${t.name}: ${issue.message}`);
          for (const problem of report.problems) out.push(`problem: ${problem}`);
          process.stdout.write(`${out.join('\n')}\n`);
          return 0;
        },
      ),
    );
}

function describeChange(version: {
  added: readonly string[];
  removed: readonly string[];
  typeChanges: readonly { column: string; from: string; to: string }[];
  compatible: boolean;
}): string {
  const parts = [
    ...version.added.map((c) => `+${c}`),
    ...version.removed.map((c) => `-${c}`),
    ...version.typeChanges.map((c) => `${c.column}: ${c.from} → ${c.to}`),
  ];
  return `${parts.join(', ')}${version.compatible ? '' : '; INCOMPATIBLE'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
