// Rows change after they were exported (an order ships, a payment is charged back, a customer
// moves): each export carries the latest state as of its chunk's end. The queue holds the
// later states until their chunk; a few arrive late, after a newer one, in a re-export.

import type { SourceTableName } from '../../core/source-tables.js';
import type { MutableRow } from './column-slots.js';
import type { SeededRandom } from './seeded-random.js';
import type { ChunkRange } from './shop-calendar.js';

export interface PendingVersion {
  readonly table: SourceTableName;
  readonly row: MutableRow;
  /** Delivered in a re-export batch, after a newer version: a stale version arriving late. */
  readonly late: boolean;
  /** A chargeback of this fraudulent payment_id: it becomes a label once exported. */
  readonly chargebackOf?: number;
}

export interface TimedState {
  /** When this state began; its row's updated_at. */
  readonly us: number;
  /** The row in this state, built only if it gets exported (most intermediate states do not). */
  readonly build: () => MutableRow;
  readonly chargebackOf?: number;
  /** Learnt from another feed (a chargeback): always exported after the entity's first export. */
  readonly separate?: boolean;
}

/** Share of entities with two later exports whose older one comes late. */
const LATE_SHARE = 0.08;

export class VersionQueue {
  private readonly due = new Map<number, PendingVersion[]>();

  constructor(private readonly chunks: readonly ChunkRange[]) {}

  /** Versions to export in `chunk`, removed from the queue. */
  take(chunk: number): PendingVersion[] {
    const versions = this.due.get(chunk) ?? [];
    this.due.delete(chunk);
    return versions;
  }

  /**
   * The state to export now, in `chunk`, of an entity whose states are in time order; the later
   * states are queued, one per chunk in which the entity changed (the latest of that chunk).
   */
  exportTimeline(
    table: SourceTableName,
    states: readonly TimedState[],
    chunk: ChunkRange,
    rng: SeededRandom,
  ): MutableRow {
    let current = 0;
    while (
      current + 1 < states.length &&
      states[current + 1]!.us < chunk.endUs &&
      !states[current + 1]!.separate
    )
      current++;
    const planned: { chunk: number; state: TimedState }[] = [];
    for (let i = current + 1; i < states.length; i++) {
      const state = states[i]!;
      const at = this.chunkOf(state.us) === chunk.index ? chunk.index + 1 : this.chunkOf(state.us);
      if (at >= this.chunks.length) break;
      if (at < 0) break;
      const last = planned[planned.length - 1];
      if (last && last.chunk === at) last.state = state;
      else planned.push({ chunk: at, state });
    }
    planned.forEach((plan, i) => {
      const next = planned[i + 1];
      const late = next !== undefined && next.chunk + 1 < this.chunks.length && rng.chance(LATE_SHARE);
      this.schedule(late ? next.chunk + 1 : plan.chunk, {
        table,
        row: plan.state.build(),
        late,
        ...(plan.state.chargebackOf === undefined ? {} : { chargebackOf: plan.state.chargebackOf }),
      });
    });
    return states[current]!.build();
  }

  /** The chunk whose export first sees time `us`; -1 after the last export. */
  chunkOf(us: number): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.chunks[mid]!.endUs > us) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.chunks.length ? lo : -1;
  }

  private schedule(chunk: number, version: PendingVersion): void {
    const list = this.due.get(chunk);
    if (list) list.push(version);
    else this.due.set(chunk, [version]);
  }
}
