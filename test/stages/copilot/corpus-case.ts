// The shape of a corpus entry: a question as an analyst asks it and the answer computed
// independently, or a question that must be refused.

export interface LakeDays {
  /** The latest order day (YYYY-MM-DD). */
  readonly latest: string;
}

export interface AnswerCase {
  readonly question: string | ((days: LakeDays) => string);
  readonly metric: string;
  readonly intent?: string;
  /** Answer columns compared with the expected rows, in this order. */
  readonly columns: readonly string[];
  /** Hand-written SQL returning the expected rows with the same columns. */
  readonly expected: string;
  /** Compare rows in order (rankings, trends); otherwise as sets. */
  readonly ordered?: boolean;
  /** SQL expressions of the first and last day the answer must say it covers. */
  readonly period?: readonly [string, string];
}

export interface RefusalCase {
  readonly question: string;
  /** What the refusal must say. */
  readonly reason: RegExp;
}
