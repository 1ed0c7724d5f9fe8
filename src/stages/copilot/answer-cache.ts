// Answers the semantic layer already gave, kept per question: the same question over the same
// lake gets the same SQL and rows, so a repeat skips parsing, planning and the engine. An entry
// holds only while the lake facts and every table its SQL read are unchanged.

import type { CatalogSnapshot } from '../../ports/catalog.js';
import type { AskAnswer } from './ask-answer.js';
import { tablesFingerprint } from './copilot-sql.js';
import type { LakeFacts } from './lake-facts.js';

interface Entry {
  readonly answer: AskAnswer;
  readonly facts: LakeFacts;
  readonly tables: string;
}

/** A least-recently-used map from question to answer, checked against the lake on every hit. */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 500) {}

  /** The kept answer to `question`, if the lake it came from is unchanged. */
  get(question: string, facts: LakeFacts, catalog: CatalogSnapshot): AskAnswer | undefined {
    const key = keyOf(question);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.facts !== facts || entry.tables !== tablesFingerprint(catalog, entry.answer.sql ?? '')) {
      this.entries.delete(key);
      return undefined;
    }
    // Least recently used goes first: a hit moves to the back.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.answer;
  }

  set(question: string, answer: AskAnswer, facts: LakeFacts, catalog: CatalogSnapshot): void {
    if (this.maxEntries === 0) return;
    const key = keyOf(question);
    this.entries.delete(key);
    this.entries.set(key, { answer, facts, tables: tablesFingerprint(catalog, answer.sql ?? '') });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value ?? '');
  }
}

// Case and spacing do not change what a question means to the parser.
function keyOf(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').trim();
}
