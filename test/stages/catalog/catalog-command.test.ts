import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogCommand } from '../../../src/cli/commands/catalog-command.js';
import { createSqlTestLake, type SqlTestLake } from './sql-test-lake.js';

describe('shoplake catalog', () => {
  let lake: SqlTestLake;
  beforeAll(async () => {
    lake = await createSqlTestLake();
  });
  afterAll(() => lake.close());

  async function run(args: string[]): Promise<string> {
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await catalogCommand().parseAsync([...args, '--data-dir', lake.dataDir], { from: 'user' });
    } finally {
      write.mockRestore();
    }
    expect(process.exitCode).toBe(0);
    return out;
  }

  it('prints a table of tables with rows and first versions', async () => {
    const out = await run([]);
    expect(out).toMatch(/curated\.orders\s+│ manifest │ 1\s+│ 6\s+│ 40 /);
    expect(out).toContain('market_intelligence_hub.daily_sales');
    expect(out).toContain('new schema version: curated.orders v1 (first seen)');
  });

  it('prints the crawl report as JSON', async () => {
    const report = JSON.parse(await run(['--json'])) as {
      snapshot: { tables: unknown[] };
      filesInspected: number;
    };
    expect(report.snapshot.tables).toHaveLength(4);
    expect(report.filesInspected).toBe(0);
  });
});
