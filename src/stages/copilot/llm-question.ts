// Asks the configured language model for SQL when the semantic layer cannot read a question.
// The model sees table and column names (no data), the lake's latest day and the metric
// definitions; it must answer with JSON. What it writes is only a draft: the copilot runs it
// through the SQL guard and words the answer from the rows itself.

import { errorMessage } from '../../core/shoplake-error.js';
import type { CatalogSnapshot } from '../../ports/catalog.js';
import type { LlmProvider } from '../../ports/llm.js';
import { isIsoDay } from './calendar-dates.js';
import type { LakeFacts } from './lake-facts.js';
import { METRICS } from './semantic-metrics.js';

export type LlmDraft =
  | { readonly sql: string; readonly from?: string; readonly to?: string }
  | { readonly refusal: string };

const RULES = `You translate an e-commerce analyst's question into ONE DuckDB SELECT statement.
Rules:
- Read only the tables listed below, always as schema.table. One statement, no semicolon, no DDL or DML.
- Never select card numbers, card tokens, SSNs, emails, phone numbers, names, addresses or IP tokens: refuse instead.
- Relative dates ("yesterday", "last month") are anchored at the LATEST DAY given below, not at today's date.
- Prefer the prod tables (market_intelligence_hub, global_market_pulse, demand_insights_engine, compliance_guardian, retail_copilot) over curated ones when they hold the answer.
- Round money to 2 decimals and rates to 4.
- If the question cannot be answered from these tables, refuse; never invent numbers.
Reply with JSON only, no prose: {"sql": "SELECT ...", "from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} (from/to: the days the answer covers, when it has such days), or {"refuse": "why"}.`;

/** The model's draft: SQL with the days it claims to cover, or its refusal. */
export async function draftWithLlm(
  llm: LlmProvider,
  question: string,
  facts: LakeFacts,
  catalog: CatalogSnapshot,
  timeoutMs: number,
): Promise<LlmDraft> {
  const reply = await llm.complete(
    [
      { role: 'system', content: `${RULES}\n\n${context(facts, catalog)}` },
      { role: 'user', content: question },
    ],
    { timeoutMs, maxTokens: 800 },
  );
  return parseDraft(reply);
}

function context(facts: LakeFacts, catalog: CatalogSnapshot): string {
  const latest = facts.ranges.sales?.anchor ?? 'unknown';
  const definitions = Object.values(METRICS)
    .filter((m) => m.family === 'sales' || m.family === 'fraud')
    .map((m) => `- ${m.label}: ${m.definition}`)
    .join('\n');
  const tables = catalog.tables
    .map(
      (t) =>
        `${t.schema}.${t.name}(${t.columns
          .filter((c) => !c.name.startsWith('_'))
          .map((c) => `${c.name} ${c.type}`)
          .join(', ')})`,
    )
    .join('\n');
  return `LATEST DAY: ${latest}\nDefinitions:\n${definitions}\nTables:\n${tables}`;
}

/** Reads the model's JSON (inside a code fence or prose, if it added one). */
export function parseDraft(reply: string): LlmDraft {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start === -1 || end <= start) return { refusal: 'the language model did not answer with JSON' };
  let value: unknown;
  try {
    value = JSON.parse(reply.slice(start, end + 1));
  } catch (error: unknown) {
    return { refusal: `the language model's answer is not valid JSON (${errorMessage(error)})` };
  }
  const draft = value as { sql?: unknown; refuse?: unknown; from?: unknown; to?: unknown };
  if (typeof draft.refuse === 'string' && draft.refuse.trim() !== '')
    return { refusal: `the language model could not answer it either: ${draft.refuse.trim()}` };
  if (typeof draft.sql !== 'string' || draft.sql.trim() === '')
    return { refusal: 'the language model gave no SQL' };
  const sql = draft.sql.trim().replace(/;\s*$/, '');
  const from = typeof draft.from === 'string' && isIsoDay(draft.from) ? draft.from : undefined;
  const to = typeof draft.to === 'string' && isIsoDay(draft.to) ? draft.to : undefined;
  return from && to ? { sql, from, to } : { sql };
}
