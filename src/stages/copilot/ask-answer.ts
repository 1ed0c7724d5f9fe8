// The copilot's answer, as `POST /api/ask` returns it and `shoplake ask --json` prints it. The
// shape is fixed: the dashboard renders it field by field.

export const ASK_STATUSES = ['answered', 'refused'] as const;
export type AskStatus = (typeof ASK_STATUSES)[number];

export const ASK_INTENTS = [
  'metric_total',
  'metric_by_dimension',
  'metric_trend',
  'top_n',
  'comparison',
  'unknown',
] as const;
export type AskIntent = (typeof ASK_INTENTS)[number];

export type AskCell = string | number | boolean | null;

export interface AskFilter {
  readonly field: string;
  /** `=`, `!=`, `in` or `not in` (`value` then lists the values, comma-separated). */
  readonly op: string;
  readonly value: string;
}

export interface AskPeriod {
  /** First day covered, YYYY-MM-DD. */
  readonly from: string;
  /** Last day covered, YYYY-MM-DD. */
  readonly to: string;
  /** What was asked and the dates, e.g. 'last 30 days (2026-10-02 – 2026-10-31)'. */
  readonly label: string;
}

export interface AskChart {
  readonly type: 'line' | 'bar' | 'number' | 'table';
  readonly x?: string;
  readonly y: readonly string[];
  readonly series?: string;
}

export interface AskAnswer {
  /** The question as asked, card numbers, SSNs and emails masked. */
  readonly question: string;
  /** `refused` is an honest "I can't answer that": no numbers, a reason and suggestions. */
  readonly status: AskStatus;
  readonly intent: string;
  /** The semantic-layer metric, e.g. 'revenue'. */
  readonly metric?: string;
  readonly dimensions: readonly string[];
  readonly filters: readonly AskFilter[];
  readonly period?: AskPeriod;
  /** Exactly the SQL that ran. */
  readonly sql?: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly AskCell[])[];
  /** One paragraph in words; states the dates covered, or for a refusal why. */
  readonly answer: string;
  readonly chart?: AskChart;
  /** Questions the copilot can answer (always some on a refusal). */
  readonly suggestions: readonly string[];
  readonly elapsedMs: number;
  readonly source: 'semantic-layer' | 'llm';
}
