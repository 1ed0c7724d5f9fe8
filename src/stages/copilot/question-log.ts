// The copilot's question log: one JSON line per question (asked_at, question, intent, sql, rows,
// latency_ms, status) under curated `_copilot_log/`, where retail-copilot reads it into
// copilot_queries and copilot_patterns. Questions are masked before they get here. Writes are
// atomic objects; questions that arrive while one is being written go together in the next.

import { randomUUID } from 'node:crypto';
import { CURATED } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { COPILOT_LOG_PREFIX } from '../../systems/retail-copilot/copilot-log.js';
import { maskFreeText } from '../curate/masking/mask-free-text.js';

export const QUESTION_LOG_STATUSES = ['answered', 'refused', 'failed'] as const;
export type QuestionLogStatus = (typeof QUESTION_LOG_STATUSES)[number];

export interface QuestionLogEntry {
  /** ISO time the question arrived. */
  readonly asked_at: string;
  readonly question: string;
  readonly intent: string;
  readonly sql: string | null;
  readonly rows: number;
  readonly latency_ms: number;
  readonly status: QuestionLogStatus;
}

/**
 * Appends entries to the lake. `record` resolves once its entry is stored.
 *
 * @example
 * await log.record({ asked_at: new Date().toISOString(), question, intent: 'metric_total', sql, rows: 1, latency_ms: 12, status: 'answered' });
 */
export class QuestionLog {
  private pending: { entry: QuestionLogEntry; done: () => void; failed: (e: unknown) => void }[] = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly store: ObjectStore) {}

  record(entry: QuestionLogEntry): Promise<void> {
    // Masked again here: whatever the caller did, no clear card number reaches the lake.
    const safe: QuestionLogEntry = {
      ...entry,
      question: maskFreeText(entry.question),
      sql: entry.sql === null ? null : maskFreeText(entry.sql),
    };
    return new Promise<void>((done, failed) => {
      this.pending.push({ entry: safe, done, failed });
      this.writing ??= this.drain();
    });
  }

  /** Resolves when everything recorded so far is stored. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.write(batch.map((b) => b.entry));
          for (const b of batch) b.done();
        } catch (error: unknown) {
          for (const b of batch) b.failed(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(entries: readonly QuestionLogEntry[]): Promise<void> {
    const first = entries[0]?.asked_at ?? new Date().toISOString();
    const stamp = first.replace(/[-:.]/g, '').replace('T', '-').slice(0, 18);
    const key = `${COPILOT_LOG_PREFIX}dt=${first.slice(0, 10)}/${stamp}-${randomUUID().slice(0, 8)}.jsonl`;
    await this.store.put(CURATED, key, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
  }
}
