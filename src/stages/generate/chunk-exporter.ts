// Turns one chunk's builders into batches the way a shop's exports arrive: regular batches
// (some with text-typed or extra columns, a few rows twice), re-exports of earlier rows on a
// later day (exact copies and stale versions), and hand-made batches holding the dirt MySQL
// would refuse.

import {
  SOURCE_TABLE_NAMES,
  type SourceTableName,
  tablesInProcessingOrder,
} from '../../core/source-tables.js';
import { BatchBuilder } from './batch-builder.js';
import { type BatchShape, PLAIN_SHAPE, shapeRows } from './batch-shaping.js';
import type { MutableRow } from './column-slots.js';
import { HAND_MADE_TEXT_COLUMNS } from './dirt-variants.js';
import { type SeededRandom, stochasticCount } from './seeded-random.js';
import type { ChunkRange } from './shop-calendar.js';
import type { WorldBatch } from './world-batch.js';
import type { TableBuilders, WorldContext } from './world-context.js';

/** Share of a regular batch's clean rows exported twice in it. */
const COPY_SHARE = 0.002;
/** Share of clean rows that a later re-export sends again. */
const REEXPORT_SHARE = 0.01;

interface Resend {
  readonly row: MutableRow;
  /** Chunk the row was sampled in: a re-export must come on a later day. */
  readonly from: number;
  readonly kind: 'copy' | 'version';
  readonly chargebackOf?: number;
}

const ORDERED: readonly SourceTableName[] = tablesInProcessingOrder().map((t) => t.name);

export class ChunkExporter {
  private readonly resend = new Map<SourceTableName, Resend[]>(SOURCE_TABLE_NAMES.map((t) => [t, []]));

  constructor(private readonly ctx: WorldContext) {}

  /** Queues a stale version for the next re-export. */
  resendLate(table: SourceTableName, row: MutableRow, chargebackOf?: number): void {
    this.resend
      .get(table)!
      .push({ row, from: -1, kind: 'version', ...(chargebackOf === undefined ? {} : { chargebackOf }) });
  }

  /** The regular batches of `tables`, in processing order; their builders are emptied as they go. */
  *regularBatches(
    chunk: ChunkRange,
    main: TableBuilders,
    shapes: Readonly<Record<SourceTableName, BatchShape>>,
    tables: readonly SourceTableName[],
  ): Generator<WorldBatch> {
    const { rng, tally, options } = this.ctx;
    for (const table of ORDERED.filter((t) => tables.includes(t) && main[t].size > 0)) {
      const builder = main[table];
      const shape = shapes[table];
      if (shape === PLAIN_SHAPE) {
        // Geometric gaps between sampled rows: one draw per sampled row, not one per row.
        for (let i = skip(rng); i < builder.copyable.length; i += 1 + skip(rng)) {
          this.resend
            .get(table)!
            .push({ row: builder.rows[builder.copyable[i]!]!, from: chunk.index, kind: 'copy' });
        }
      }
      const { columns, rows } = shapeRows(builder, shape, rng, tally);
      const out = rows === builder.rows ? rows.slice() : rows;
      const copies =
        stochasticCount(rng, builder.copyable.length * COPY_SHARE) || (chunk.index === 0 ? 1 : 0);
      for (let i = 0; i < copies && builder.copyable.length > 0; i++) {
        out.push(out[builder.copyable[rng.int(builder.copyable.length)]!]!);
        tally.copy(table);
      }
      const batch = this.batch(
        table,
        chunk,
        `b${options.seed}-${pad(chunk.index)}-${table}`,
        columns,
        out,
        true,
      );
      // Let the rows go once the consumer is done with the batch.
      builder.clear();
      yield batch;
    }
  }

  /** Rows sampled from earlier chunks and stale versions, sent again on this chunk's day. */
  reexportBatches(chunk: ChunkRange): WorldBatch[] {
    const batches: WorldBatch[] = [];
    for (const table of ORDERED) {
      const pending = this.resend.get(table)!;
      const due = pending.filter((r) => r.from < chunk.index);
      if (due.length === 0) continue;
      this.resend.set(
        table,
        pending.filter((r) => r.from >= chunk.index),
      );
      const builder = new BatchBuilder(table, this.ctx.tally);
      for (const entry of due) {
        if (entry.kind === 'copy') builder.copy(entry.row);
        else builder.version(entry.row);
        if (entry.chargebackOf !== undefined) this.ctx.tally.chargeback(entry.chargebackOf);
      }
      const { columns, rows } = shapeRows(builder, PLAIN_SHAPE, this.ctx.rng, this.ctx.tally);
      batches.push(
        this.batch(
          table,
          chunk,
          `b${this.ctx.options.seed}-${pad(chunk.index)}-${table}-reexport`,
          columns,
          rows,
          true,
        ),
      );
    }
    return batches;
  }

  /** The hand-made batches: key and some typed columns as text, every row breaking one rule. */
  handMadeBatches(chunk: ChunkRange, manual: TableBuilders): WorldBatch[] {
    return ORDERED.filter((table) => manual[table].size > 0).map((table) => {
      const shape: BatchShape = { textColumns: HAND_MADE_TEXT_COLUMNS[table], extras: [] };
      const { columns, rows } = shapeRows(manual[table], shape, this.ctx.rng, this.ctx.tally);
      return this.batch(
        table,
        chunk,
        `b${this.ctx.options.seed}-${pad(chunk.index)}-${table}-manual`,
        columns,
        rows,
        false,
      );
    });
  }

  private batch(
    table: SourceTableName,
    chunk: ChunkRange,
    batchId: string,
    columns: WorldBatch['columns'],
    rows: MutableRow[],
    mysqlLoadable: boolean,
  ): WorldBatch {
    this.ctx.tally.batch(mysqlLoadable);
    return { table, dt: chunk.dt, batchId, columns, rows, mysqlLoadable };
  }
}

function skip(rng: SeededRandom): number {
  return Math.floor(Math.log(1 - rng.next()) / Math.log(1 - REEXPORT_SHARE));
}

function pad(index: number): string {
  return String(index).padStart(4, '0');
}
