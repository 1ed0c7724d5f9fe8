// The demo shop's history as a stream of export batches, chunk by chunk in time order:
// deterministic for a seed, with memory bounded by one chunk plus compact per-customer and
// per-product state. The ground truth is complete once the stream has been read to the end.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../core/source-tables.js';
import { type BatchShape, PLAIN_SHAPE, randomShape } from './batch-shaping.js';
import { ChunkExporter } from './chunk-exporter.js';
import { CustomerFactory } from './customer-factory.js';
import { CustomerPool } from './customer-pool.js';
import { DirtPlanter } from './dirt-planter.js';
import type { GroundTruth } from './ground-truth.js';
import { GroundTruthTally } from './ground-truth-tally.js';
import { OrderGenerator } from './order-generator.js';
import { ProductCatalog } from './product-catalog.js';
import { generateSearches } from './search-generator.js';
import { SearchVocabulary } from './search-vocabulary.js';
import { SeededRandom } from './seeded-random.js';
import { ShopCalendar } from './shop-calendar.js';
import { dateOfEpochDay } from './timestamp-text.js';
import { VersionQueue } from './version-queue.js';
import type { WorldBatch } from './world-batch.js';
import {
  IdSequences,
  type ResolvedWorldOptions,
  type TableBuilders,
  tableBuilders,
  type WorldContext,
} from './world-context.js';

export interface GenerateWorldOptions {
  /** Clean orders in the whole history (the curated orders table will hold exactly this many). */
  readonly orders: number;
  /** Same seed and options ⇒ the same batches, byte for byte. */
  readonly seed: number;
  /** Last day of history, 'YYYY-MM-DD'. Default '2026-10-31'. */
  readonly endDate?: string;
  /** Days of history. Default 730. */
  readonly days?: number;
  /** Export chunks (slices of days). Default clamp(round(orders / 25000), 6, 200). */
  readonly batches?: number;
}

const EARLY_TABLES: readonly SourceTableName[] = ['products'];
const ORDER_TABLES: readonly SourceTableName[] = ['customers', 'orders', 'order_items', 'payments'];

/** Columns that surely arrive as text in the second chunk, so that every world has drift. */
const FIRST_DRIFT: Partial<Record<SourceTableName, readonly string[]>> = {
  orders: ['order_ts', 'total_amount'],
  order_items: ['quantity'],
  payments: ['amount', 'customer_id'],
};

/** Worlds up to this many orders also get their expected curated keys written out. */
export const KEYS_FILE_MAX_ORDERS = 200_000;

export function resolveWorldOptions(options: GenerateWorldOptions): ResolvedWorldOptions {
  const { orders, seed } = options;
  const endDate = options.endDate ?? '2026-10-31';
  const days = options.days ?? 730;
  const invalid = (what: string): never => {
    throw new ShoplakeError('invalid_argument', `Invalid world option: ${what}.`, { retryable: false });
  };
  if (!Number.isSafeInteger(orders) || orders < 1)
    invalid(`orders must be a positive integer, got ${orders}`);
  if (!Number.isSafeInteger(seed) || seed < 0) invalid(`seed must be a non-negative integer, got ${seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(Date.parse(endDate)))
    invalid(`endDate must be YYYY-MM-DD, got ${endDate}`);
  if (!Number.isSafeInteger(days) || days < 7) invalid(`days must be an integer of at least 7, got ${days}`);
  const chunks = options.batches ?? Math.min(200, Math.max(6, Math.round(orders / 25_000)));
  if (!Number.isSafeInteger(chunks) || chunks < 1)
    invalid(`batches must be a positive integer, got ${chunks}`);
  return { orders, seed, endDate, days, chunks: Math.min(chunks, days) };
}

/** A world being generated: read `batches()` once, then ask for the ground truth. */
export class WorldGenerator {
  readonly options: ResolvedWorldOptions;
  private readonly ctx: WorldContext;
  private started = false;
  private finished = false;

  constructor(options: GenerateWorldOptions) {
    this.options = resolveWorldOptions(options);
    const { orders, seed } = this.options;
    const rng = new SeededRandom(seed);
    const calendar = new ShopCalendar(this.options);
    const catalog = new ProductCatalog(
      Math.min(6000, Math.max(1500, Math.round(1200 + orders / 800))),
      calendar,
      new SeededRandom(seed, 2),
    );
    const tally = new GroundTruthTally(orders <= KEYS_FILE_MAX_ORDERS);
    this.ctx = {
      options: this.options,
      rng,
      calendar,
      catalog,
      pool: new CustomerPool(),
      vocabulary: new SearchVocabulary(catalog, new SeededRandom(seed, 3)),
      tally,
      ids: new IdSequences({ products: catalog.count + 1 }),
      versions: new VersionQueue(calendar.chunks),
      chunk: calendar.chunks[0]!,
      main: tableBuilders(tally),
      recentOrders: [],
      orphans: { customers: 0, orders: 0 },
    };
  }

  get chunkCount(): number {
    return this.ctx.calendar.chunks.length;
  }

  *batches(): Generator<WorldBatch> {
    if (this.started)
      throw new ShoplakeError(
        'invalid_argument',
        'A world can be read only once; create another WorldGenerator.',
        { retryable: false },
      );
    this.started = true;
    const { ctx } = this;
    const { calendar, rng, tally } = ctx;
    const customers = new CustomerFactory(ctx);
    const orders = new OrderGenerator(ctx, customers);
    const exporter = new ChunkExporter(ctx);
    const dirt = new DirtPlanter(ctx);
    let handMade: TableBuilders = tableBuilders(tally);
    const last = calendar.chunks.length - 1;
    // Hand-made batches about three times in history, re-exports about eight: few small files.
    const handMadeStride = Math.max(1, Math.round(calendar.chunks.length / 3));
    const reexportStride = Math.max(3, Math.round(calendar.chunks.length / 8));
    for (const chunk of calendar.chunks) {
      ctx.chunk = chunk;
      ctx.main = tableBuilders(tally);
      const shapes = this.shapes(chunk.index);
      const handMadeDue = chunk.index % handMadeStride === handMadeStride - 1 || chunk.index === last;
      if (chunk.index === 0) customers.seedBase();
      for (const row of ctx.catalog.listedIn(chunk)) ctx.main.products.fresh(row);
      for (const row of ctx.catalog.changesIn(chunk, rng)) ctx.main.products.version(row);
      for (const due of ctx.versions.take(chunk.index)) {
        if (due.late) {
          exporter.resendLate(due.table, due.row, due.chargebackOf);
          continue;
        }
        ctx.main[due.table].version(due.row);
        if (due.chargebackOf !== undefined) tally.chargeback(due.chargebackOf);
      }
      // Products (which items refer to) and search events (which nothing refers to) go out
      // first, so their rows are not kept (and copied by the collector) while orders are made.
      dirt.plant(EARLY_TABLES, handMade, handMadeDue);
      yield* exporter.regularBatches(chunk, ctx.main, shapes, ['products']);
      generateSearches(ctx);
      dirt.plant(['search_events'], handMade, handMadeDue);
      yield* exporter.regularBatches(chunk, ctx.main, shapes, ['search_events']);
      orders.generateChunk();
      dirt.plantOrphans();
      dirt.plant(ORDER_TABLES, handMade, handMadeDue);
      yield* exporter.regularBatches(chunk, ctx.main, shapes, ORDER_TABLES);
      if (chunk.index > 0 && (chunk.index % reexportStride === reexportStride - 1 || chunk.index === last))
        yield* exporter.reexportBatches(chunk);
      if (handMadeDue) {
        yield* exporter.handMadeBatches(chunk, handMade);
        handMade = tableBuilders(tally);
      }
    }
    this.finished = true;
  }

  /** The ground truth of everything emitted; only complete after `batches()` has run out. */
  groundTruth(): GroundTruth {
    if (!this.finished)
      throw new ShoplakeError('invalid_argument', 'Read all batches before asking for the ground truth.', {
        retryable: false,
      });
    const { calendar, pool, tally } = this.ctx;
    let regular = 0;
    for (let c = 0; c < pool.count; c++) if (pool.slot[c]! >= 0) regular++;
    return tally.result(
      {
        seed: this.options.seed,
        orders: this.options.orders,
        days: this.options.days,
        chunks: calendar.chunks.length,
        startDate: dateOfEpochDay(calendar.startEpochDay),
        endDate: this.options.endDate,
      },
      { droppedOutCustomerIds: [...pool.droppedOut].sort((a, b) => a - b), regularCustomers: regular },
    );
  }

  /** Expected curated primary keys per table, ascending; undefined for worlds above KEYS_FILE_MAX_ORDERS. */
  expectedKeys(): Readonly<Record<SourceTableName, readonly number[]>> | undefined {
    return this.finished ? this.ctx.tally.sortedKeys() : undefined;
  }

  /** Regular batches keep the schema in the first chunk; later some drift (and one of each kind surely does). */
  private shapes(chunk: number): Record<SourceTableName, BatchShape> {
    const { rng } = this.ctx;
    return Object.fromEntries(
      SOURCE_TABLE_NAMES.map((table) => {
        if (chunk === 0) return [table, PLAIN_SHAPE];
        const shape = randomShape(table, rng, {
          ...(chunk === 1 && FIRST_DRIFT[table] ? { text: FIRST_DRIFT[table] } : {}),
          extras: chunk === 2 && (table === 'orders' || table === 'customers' || table === 'search_events'),
        });
        return [table, shape.textColumns.length === 0 && shape.extras.length === 0 ? PLAIN_SHAPE : shape];
      }),
    ) as Record<SourceTableName, BatchShape>;
  }
}

/** The world's batches for a seed: `for (const batch of generateWorld({ orders: 5000, seed: 7 }))`. */
export function generateWorld(options: GenerateWorldOptions): Generator<WorldBatch> {
  return new WorldGenerator(options).batches();
}
