// The question log against the real local store: one JSON-lines object per write, in the
// columns retail-copilot reads, masked, with concurrent questions batched.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATED } from '../../../src/core/zones.js';
import { QuestionLog, type QuestionLogEntry } from '../../../src/stages/copilot/question-log.js';
import { COPILOT_LOG_PREFIX } from '../../../src/systems/retail-copilot/copilot-log.js';
import { createTestLake, type TestLake } from '../../support/raw-fixtures.js';

function entry(question: string, at = '2026-10-31T10:00:00.000Z'): QuestionLogEntry {
  return {
    asked_at: at,
    question,
    intent: 'metric_total',
    sql: 'SELECT 1',
    rows: 1,
    latency_ms: 12,
    status: 'answered',
  };
}

async function logLines(lake: TestLake): Promise<{ keys: string[]; lines: QuestionLogEntry[] }> {
  const keys: string[] = [];
  const lines: QuestionLogEntry[] = [];
  for await (const object of lake.store.list(CURATED, COPILOT_LOG_PREFIX)) {
    keys.push(object.key);
    const text = Buffer.from(await lake.store.get(CURATED, object.key)).toString('utf8');
    for (const line of text.trim().split('\n')) lines.push(JSON.parse(line) as QuestionLogEntry);
  }
  return { keys, lines };
}

describe('QuestionLog', () => {
  let lake: TestLake;
  beforeAll(async () => {
    lake = await createTestLake();
  });
  afterAll(async () => {
    await lake.close();
  });

  it('writes each question as JSON lines under curated _copilot_log/, by day', async () => {
    const log = new QuestionLog(lake.store);
    await log.record(entry('revenue last month'));
    const { keys, lines } = await logLines(lake);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^_copilot_log\/dt=2026-10-31\/20261031-100000000-[0-9a-f]{8}\.jsonl$/);
    expect(lines).toEqual([entry('revenue last month')]);
  });

  it('masks a card number in the question and the SQL even when the caller did not', async () => {
    const log = new QuestionLog(lake.store);
    await log.record({ ...entry('spend of 4111 1111 1111 1111?'), sql: "SELECT '4111111111111111'" });
    const text = JSON.stringify((await logLines(lake)).lines);
    expect(text).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    expect(text).toContain('[card ****1111]');
  });

  it('batches questions that arrive while a write is running, and loses none', async () => {
    const before = await logLines(lake);
    const log = new QuestionLog(lake.store);
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.record(entry(`question ${i}`))));
    await log.flush();
    const after = await logLines(lake);
    expect(after.lines.length - before.lines.length).toBe(40);
    expect(after.keys.length - before.keys.length).toBeLessThan(40);
  });
});
