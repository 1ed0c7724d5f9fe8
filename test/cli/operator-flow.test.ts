import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dlqCommand } from '../../src/cli/commands/dlq-command.js';
import { replayCommand } from '../../src/cli/commands/replay-command.js';
import { runCommand } from '../../src/cli/commands/run-command.js';
import { runsCommand } from '../../src/cli/commands/runs-command.js';
import { statusCommand } from '../../src/cli/commands/status-command.js';
import type { LakeStatus } from '../../src/runtime/lake-status.js';
import type { RunRecord } from '../../src/runtime/run-record.js';
import {
  cleanRun,
  curatedState,
  tempFolder,
  testLakeEnv,
  wholeSecondLandings,
} from '../support/lake-state.js';
import { createTestLake, putRaw, TEST_HMAC_KEY } from '../support/raw-fixtures.js';
import { runCli } from '../support/run-cli.js';
import { order } from '../support/source-rows.js';

const BROKEN = 'orders/dt=2026-01-11/b.parquet';

describe('an operator breaks a raw file, finds it, fixes it and redrives it', () => {
  let dataDir: string;
  let freshDir: string;
  const lake = (args: string[]) => [...args, '--data-dir', dataDir];

  beforeAll(async () => {
    dataDir = await tempFolder('shoplake-operator-');
    freshDir = await tempFolder('shoplake-operator-fresh-');
    vi.stubEnv('SHOPLAKE_HMAC_KEY', TEST_HMAC_KEY);
    vi.stubEnv('SHOPLAKE_MEMORY_LIMIT', '1GB');
    vi.stubEnv('SHOPLAKE_THREADS', '2');
    const test = await createTestLake(dataDir);
    await putRaw(test, 'orders', 'orders/dt=2026-01-10/a.parquet', [order(1), order(2)]);
    await test.close();
    // Broken on purpose: cut short, as a failed upload leaves it.
    await mkdir(dirname(join(dataDir, 'raw', BROKEN)), { recursive: true });
    await writeFile(join(dataDir, 'raw', BROKEN), 'PAR1 this upload was cut short');
    await wholeSecondLandings(dataDir);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(dataDir, { recursive: true, force: true });
    await rm(freshDir, { recursive: true, force: true });
  });

  it('walks through run → status → dlq list/show → fix → redrive → status, converging with a clean run', async () => {
    const run = await runCli(runCommand(), lake(['--no-publish']));
    expect(run.code).toBe(3);
    expect(run.out).toContain('went to the dead-letter area');

    const status = await runCli(statusCommand(), lake([]));
    expect(status.code).toBe(0);
    expect(status.out).toContain('! 1 dead letter(s)');
    expect(status.out).toContain(BROKEN);
    expect(status.out).toContain('is not a readable Parquet file');
    expect(status.out).toMatch(/curated\.customers .*STALE/);

    const listed = JSON.parse((await runCli(dlqCommand(), ['list', ...lake(['--json'])])).out) as {
      id: string;
      key: string;
      code: string;
      object: string;
      runId: string;
    }[];
    expect(listed).toEqual([
      expect.objectContaining({ key: BROKEN, code: 'object_corrupt', object: 'unchanged' }),
    ]);
    const id = listed[0]!.id;
    const shown = await runCli(dlqCommand(), ['show', id, ...lake([])]);
    expect(shown.out).toContain(`shoplake dlq redrive ${id}`);
    expect(shown.out).toContain('object now:  unchanged');

    // The failing run is in the run history, and its log lines carry its id.
    const failed = JSON.parse(
      (await runCli(runsCommand(), lake(['--outcome', 'failed', '--json']))).out,
    ) as RunRecord[];
    expect(failed).toEqual([
      expect.objectContaining({ runId: listed[0]!.runId, stage: 'raw-to-curated', table: 'orders' }),
    ]);
    const detail = JSON.parse((await runCli(runsCommand(), [failed[0]!.runId, ...lake(['--json'])])).out) as {
      logs: { runId: string; event: string }[];
    };
    expect(detail.logs.map((l) => l.event)).toEqual(
      expect.arrayContaining(['curate.table.done', 'dispatch.dead_lettered']),
    );
    expect(detail.logs.every((l) => l.runId === failed[0]!.runId)).toBe(true);

    // The fix: a good copy at the same key.
    const test = await createTestLake(dataDir);
    await putRaw(test, 'orders', BROKEN, [
      order(2, { status: 'shipped', updated_at: '2026-01-11 09:00:00' }),
      order(3),
    ]);
    await test.close();
    await wholeSecondLandings(dataDir);
    const changed = JSON.parse((await runCli(dlqCommand(), ['list', ...lake(['--json'])])).out) as {
      object: string;
    }[];
    expect(changed[0]?.object).toBe('changed');

    const redrive = await runCli(dlqCommand(), ['redrive', id, ...lake(['--no-publish'])]);
    expect(redrive.code).toBe(0);
    expect(redrive.out).toContain(`ok      ${id}  ${BROKEN}`);

    const after = JSON.parse((await runCli(statusCommand(), lake(['--json']))).out) as LakeStatus;
    expect(after.deadLetters).toEqual([]);
    expect(after.tables.find((t) => t.zone === 'curated' && t.table === 'orders')).toMatchObject({
      rows: 3,
      stale: false,
    });
    expect(after.recentRuns[0]).toMatchObject({
      trigger: BROKEN,
      outcome: 'succeeded',
      rowsIn: 2,
      rowsKept: 2,
    });
    const redriven = JSON.parse(
      (await runCli(runsCommand(), lake(['--table', 'orders', '--json']))).out,
    ) as RunRecord[];
    expect(redriven.map((r) => r.cause)).toEqual(['redrive', 'event']);

    // Curated is what a clean run over the fixed raw zone gives.
    expect(await curatedState(testLakeEnv(dataDir))).toEqual(await cleanRun(dataDir, freshDir));

    // Every log line of the pipeline commands carries a run id.
    const logs = (await readdir(join(dataDir, 'logs'))).filter((f) => f.endsWith('.jsonl'));
    const lines = (await Promise.all(logs.map((f) => readFile(join(dataDir, 'logs', f), 'utf8'))))
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { command: string; runId?: string });
    const pipelineLines = lines.filter((l) => l.command === 'run' || l.command === 'dlq redrive');
    expect(pipelineLines.length).toBeGreaterThan(4);
    expect(pipelineLines.filter((l) => !l.runId)).toEqual([]);
  });

  it('explains every operations command with --help', () => {
    const dlq = dlqCommand();
    expect(dlq.commands.map((c) => c.name())).toEqual(['list', 'show', 'redrive', 'discard']);
    for (const command of [runsCommand(), replayCommand(), ...dlq.commands]) {
      expect(command.description().length).toBeGreaterThan(20);
      expect(command.helpInformation()).toContain('--data-dir');
    }
  });
});
