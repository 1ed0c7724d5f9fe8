// The shapes the shoplake HTTP API answers with, as the dashboard reads them. Declared here
// rather than imported from the server, so the bundle never pulls in server code.

/** One value of a SQL answer: BIGINT and DECIMAL arrive as strings, dates as ISO text. */
export type Cell = string | number | boolean | null;

export interface SqlColumn {
  readonly name: string;
  readonly type: string;
}

/** POST /api/query */
export interface QueryAnswer {
  readonly columns: readonly SqlColumn[];
  readonly rows: readonly (readonly Cell[])[];
  readonly rowCount: number;
  readonly truncated: boolean;
  readonly limit: number;
  readonly tables: readonly string[];
  readonly elapsedMs: number;
}

/** A row of a SQL answer keyed by column name. */
export type Row = Readonly<Record<string, Cell>>;

/** POST /api/ask */
export interface AskAnswer {
  readonly question: string;
  readonly status: 'answered' | 'refused';
  readonly intent: string;
  readonly metric?: string;
  readonly dimensions: readonly string[];
  readonly filters: readonly { readonly field: string; readonly op: string; readonly value: string }[];
  readonly period?: { readonly from: string; readonly to: string; readonly label: string };
  readonly sql?: string;
  readonly columns: readonly SqlColumn[];
  readonly rows: readonly (readonly Cell[])[];
  readonly answer: string;
  readonly chart?: AnswerChart;
  readonly suggestions: readonly string[];
  readonly elapsedMs: number;
  readonly source: 'semantic-layer' | 'llm';
}

export interface AnswerChart {
  readonly type: 'line' | 'bar' | 'number' | 'table';
  readonly x?: string;
  readonly y: readonly string[];
  readonly series?: string;
}

/** GET /api/ask/suggestions */
export interface AskSuggestions {
  readonly suggestions: readonly string[];
}

/** GET /api/status */
export interface LakeStatus {
  readonly generatedAt: string;
  readonly tables: readonly TableFreshness[];
  readonly handlers: readonly HandlerStats[];
  readonly recentRuns: readonly RunRecord[];
  readonly quarantineByRule: readonly {
    readonly table: string;
    readonly rule: string;
    readonly rows: number;
  }[];
  readonly deadLetters: readonly DeadLetter[];
}

export interface TableFreshness {
  readonly zone: 'curated' | 'prod';
  readonly system?: string;
  readonly table: string;
  readonly rows: number;
  readonly version: number;
  readonly lastCommitAt: string | null;
  readonly quarantineRows?: number;
  readonly stale: boolean;
  readonly maxAgeHours: number;
  readonly ageHours: number | null;
}

export interface HandlerStats {
  readonly handler: string;
  readonly invocations: number;
  readonly errors: number;
  readonly retries: number;
  readonly throttles: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
}

export interface RunRecord {
  readonly runId: string;
  readonly stage: string;
  readonly trigger: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly outcome: 'succeeded' | 'failed' | 'retried';
  readonly rowsIn: number;
  readonly rowsKept: number;
  readonly rowsRejected: number;
  readonly duplicates: number;
  readonly error?: string;
}

export interface DeadLetter {
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  readonly error: string;
  readonly failedAt: string;
  readonly attempts: number;
}

/** The error body every API route answers with. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
