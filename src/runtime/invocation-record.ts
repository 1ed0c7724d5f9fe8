// What the dispatcher (or a Lambda entry point) reports about one handler invocation: the
// raw material of run records and metrics.

/** Why a record waited instead of starting at once. */
export const HOLD_REASONS = ['serialisation', 'concurrency'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface InvocationFailure {
  readonly key: string;
  readonly code: string;
  /** Masked. */
  readonly error: string;
  /** 'retry': queued again; 'dead-letter': given up. */
  readonly fate: 'retry' | 'dead-letter';
}

export interface InvocationRecord {
  readonly runId: string;
  readonly route: string;
  readonly group: string;
  readonly records: number;
  /** Object keys of the records, in event order. */
  readonly keys: readonly string[];
  /** Sum of the records' object sizes (from the event). */
  readonly bytesIn: number;
  readonly attempt: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly failedRecords: number;
  readonly failures: readonly InvocationFailure[];
  /** Records of this invocation that had waited, by why (plus coalesced events for coalescing routes). */
  readonly held: Readonly<Record<HoldReason, number>>;
  /** Records of the same group still queued when this invocation started. */
  readonly queueDepth: number;
  /** Highest process RSS while the handler ran, in bytes (shared with invocations running beside it). */
  readonly peakRssBytes: number;
  /** Masked message when the handler threw (every record failed). */
  readonly error?: string;
  readonly outcome: unknown;
}
