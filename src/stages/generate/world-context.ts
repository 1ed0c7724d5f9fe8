// The state a generation run shares between its parts: options, the random stream, the
// calendar, catalogue, customers, id sequences, queued versions, and the batches being built
// for the current chunk.

import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import { BatchBuilder } from './batch-builder.js';
import type { CustomerPool } from './customer-pool.js';
import type { GroundTruthTally } from './ground-truth-tally.js';
import type { ProductCatalog } from './product-catalog.js';
import type { SearchVocabulary } from './search-vocabulary.js';
import type { SeededRandom } from './seeded-random.js';
import type { ChunkRange, ShopCalendar } from './shop-calendar.js';
import type { VersionQueue } from './version-queue.js';

/** Options after defaults, as the generator uses them. */
export interface ResolvedWorldOptions {
  readonly orders: number;
  readonly seed: number;
  readonly endDate: string;
  readonly days: number;
  readonly chunks: number;
}

/** Primary keys per table, handed out in order; rows of every kind draw from them. */
export class IdSequences {
  private readonly next = new Map<SourceTableName, number>();

  constructor(start: Partial<Record<SourceTableName, number>> = {}) {
    for (const table of SOURCE_TABLE_NAMES) this.next.set(table, start[table] ?? 1);
  }

  take(table: SourceTableName): number {
    const id = this.next.get(table)!;
    this.next.set(table, id + 1);
    return id;
  }
}

/** Ids that no row ever has: what orphan references point to. */
export const NEVER_A_CUSTOMER = 900_000_000_000;
export const NEVER_AN_ORDER = 800_000_000_000;

export type TableBuilders = Readonly<Record<SourceTableName, BatchBuilder>>;

export function tableBuilders(tally: GroundTruthTally): TableBuilders {
  return Object.fromEntries(SOURCE_TABLE_NAMES.map((t) => [t, new BatchBuilder(t, tally)])) as Record<
    SourceTableName,
    BatchBuilder
  >;
}

/** A clean, ordinary order of the current chunk that dirty children may point to. */
export interface OrderRef {
  readonly orderId: number;
  readonly customerId: number;
  readonly country: number;
  readonly us: number;
}

export interface WorldContext {
  readonly options: ResolvedWorldOptions;
  readonly rng: SeededRandom;
  readonly calendar: ShopCalendar;
  readonly catalog: ProductCatalog;
  readonly pool: CustomerPool;
  readonly vocabulary: SearchVocabulary;
  readonly tally: GroundTruthTally;
  readonly ids: IdSequences;
  readonly versions: VersionQueue;
  /** The chunk being generated and its main batches. */
  chunk: ChunkRange;
  main: TableBuilders;
  /** Ordinary orders of the chunk (a sample), for dirty items and payments to reference. */
  recentOrders: OrderRef[];
  /** Counters for orphan ids. */
  orphans: { customers: number; orders: number };
}
