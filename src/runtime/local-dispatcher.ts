// Routes bucket events to Lambda-shaped handlers in-process, as S3 notifications, SQS FIFO
// and Lambda do in AWS: records of one group (a table) never run concurrently and queue up
// into the next invocation as one batch; failed records are retried with backoff and then
// dead-lettered; a coalescing route runs at most once more after the run in progress, so a
// burst of events costs at most two downstream runs. Every invocation is reported with what an
// operator needs to see: duration, failures, retries, records held back (throttled) and why.

import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { objectRefOf } from '../core/s3-event.js';
import { errorMessage } from '../core/shoplake-error.js';
import type { DeadLetterQueue } from '../ports/dead-letter-queue.js';
import type { Logger } from '../ports/logger.js';
import { maskFreeText } from '../stages/curate/masking/mask-free-text.js';
import type { HoldReason, InvocationFailure, InvocationRecord } from './invocation-record.js';
import { localLambdaContext } from './lambda-context.js';
import { PeakMemory } from './metrics/peak-memory.js';
import { newRunId } from './run-id.js';

export interface HandlerOutcome {
  /** Records that failed; the rest succeeded. */
  readonly batchItemFailures?: readonly {
    readonly itemIdentifier: string;
    readonly error?: string;
    readonly code?: string;
    readonly retryable?: boolean;
  }[];
}

export interface Route {
  readonly name: string;
  /** Whether this route takes a record (bucket name and decoded key). */
  readonly matches: (bucketName: string, key: string) => boolean;
  readonly handler: (event: S3Event, context: Context) => Promise<HandlerOutcome | undefined | void>;
  /** 'batch': serialise per group, batch queued records. 'coalesce': one run at a time, bursts collapse. */
  readonly mode: 'batch' | 'coalesce';
  /** Serialisation group of a record in batch mode (e.g. the table). */
  readonly groupOf?: (key: string) => string;
  readonly maxBatch?: number;
}

export interface DispatcherOptions {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly deadLetters: DeadLetterQueue;
  readonly logger: Logger;
  /**
   * Invocations running at once across all groups. Each opens its own engine with its own
   * memory cap, so on one machine this bounds memory; in AWS each Lambda has its own.
   */
  readonly maxConcurrency?: number;
  /** Called after every invocation (run records, progress). */
  readonly onInvocation?: (invocation: InvocationRecord) => void | Promise<void>;
}

export interface RouteStats {
  invocations: number;
  records: number;
  failures: number;
  retries: number;
  deadLettered: number;
  throttled: number;
  totalMs: number;
  maxMs: number;
}

interface Pending {
  readonly record: S3EventRecord;
  readonly attempt: number;
  /** Set once the record had to wait: the first reason it waited for. */
  heldBy?: HoldReason;
}

interface Group {
  queue: Pending[];
  running: boolean;
  /** Coalescing routes: one more run is owed after the current one. */
  owed: boolean;
  /** Coalescing routes: events folded into the owed run, by why they could not run themselves. */
  coalesced: Record<HoldReason, number>;
}

export class LocalDispatcher {
  private readonly groups = new Map<string, Group>();
  private readonly stats = new Map<string, RouteStats>();
  private inFlight = 0;
  /** Groups with work, in the order their work arrived: the next free slot goes to the oldest. */
  private readonly ready: { route: Route; groupName: string; group: Group }[] = [];
  private timers = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly routes: readonly Route[],
    private readonly options: DispatcherOptions,
  ) {
    for (const route of routes)
      this.stats.set(route.name, {
        invocations: 0,
        records: 0,
        failures: 0,
        retries: 0,
        deadLettered: 0,
        throttled: 0,
        totalMs: 0,
        maxMs: 0,
      });
  }

  /** Accepts an S3 event; each record goes to every route that matches it. */
  submit(event: S3Event): void {
    const touched = new Set<Route>();
    for (const record of event.Records) {
      const { bucketName, key } = objectRefOf(record);
      for (const route of this.routes) {
        if (route.matches(bucketName, key)) {
          this.enqueue(route, { record, attempt: 1 }, false);
          touched.add(route);
        }
      }
    }
    // Start work only once the whole event is queued, so its records batch together.
    for (const [id, group] of this.groups) {
      const route = this.routes.find((r) => id.startsWith(`${r.name}\u0000`));
      if (route && touched.has(route)) this.pump(route, id.slice(route.name.length + 1), group);
    }
    this.notifyIfIdle();
  }

  /** Resolves when no handler runs, nothing is queued and no retry is waiting. */
  async drain(): Promise<void> {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  routeStats(): ReadonlyMap<string, Readonly<RouteStats>> {
    return this.stats;
  }

  private enqueue(route: Route, pending: Pending, start = true): void {
    const groupName =
      route.mode === 'coalesce' ? '*' : (route.groupOf?.(objectRefOf(pending.record).key) ?? '*');
    const id = `${route.name}\u0000${groupName}`;
    const group = this.groups.get(id) ?? {
      queue: [],
      running: false,
      owed: false,
      coalesced: { serialisation: 0, concurrency: 0 },
    };
    this.groups.set(id, group);
    if (route.mode === 'coalesce') {
      if (group.running) {
        group.owed = true;
        group.coalesced.serialisation += 1;
      } else {
        // An event already waiting for a slot is folded into this one.
        if (this.ready.some((r) => r.group === group)) group.coalesced.concurrency += group.queue.length;
        group.queue = [pending];
      }
    } else {
      group.queue.push(pending);
    }
    if (start) this.pump(route, groupName, group);
  }

  private pump(route: Route, groupName: string, group: Group): void {
    if (!group.running && group.queue.length > 0 && !this.ready.some((r) => r.group === group)) {
      this.ready.push({ route, groupName, group });
    }
    while (this.inFlight < (this.options.maxConcurrency ?? Number.POSITIVE_INFINITY)) {
      const next = this.ready.shift();
      if (!next) break;
      if (!next.group.running && next.group.queue.length > 0)
        this.start(next.route, next.groupName, next.group);
    }
    this.markHeld();
    this.notifyIfIdle();
  }

  /** Records left waiting: behind their group's running invocation, or for a free slot. */
  private markHeld(): void {
    for (const { group } of this.ready) for (const p of group.queue) p.heldBy ??= 'concurrency';
    for (const group of this.groups.values())
      if (group.running) for (const p of group.queue) p.heldBy ??= 'serialisation';
  }

  private start(route: Route, groupName: string, group: Group): void {
    const batch = group.queue.splice(0, route.maxBatch ?? Number.POSITIVE_INFINITY);
    const held = { ...group.coalesced };
    group.coalesced = { serialisation: 0, concurrency: 0 };
    for (const p of batch) if (p.heldBy) held[p.heldBy] += 1;
    group.running = true;
    this.inFlight += 1;
    void this.invoke(route, groupName, batch, held, group.queue.length).finally(() => {
      group.running = false;
      this.inFlight -= 1;
      if (route.mode === 'coalesce' && group.owed) {
        group.owed = false;
        const last = batch[batch.length - 1]!;
        group.queue.push({ record: last.record, attempt: last.attempt });
      }
      this.pump(route, groupName, group);
    });
  }

  private async invoke(
    route: Route,
    groupName: string,
    batch: Pending[],
    held: Record<HoldReason, number>,
    queueDepth: number,
  ): Promise<void> {
    const runId = newRunId();
    const stats = this.stats.get(route.name)!;
    const attempt = Math.max(...batch.map((p) => p.attempt));
    const started = Date.now();
    const memory = PeakMemory.start();
    let failures: Map<string, { error: string; code: string; retryable: boolean }>;
    let outcome: unknown;
    let invocationError: string | undefined;
    try {
      outcome = await route.handler(
        { Records: batch.map((p) => p.record) },
        localLambdaContext(route.name, runId),
      );
      failures = new Map(
        ((outcome as HandlerOutcome | undefined)?.batchItemFailures ?? []).map((f) => [
          f.itemIdentifier,
          {
            // Masked here too: a handler's message must not carry card data into letters or run history.
            error: maskFreeText(f.error ?? 'failed'),
            code: f.code ?? 'handler_failed',
            retryable: f.retryable ?? true,
          },
        ]),
      );
    } catch (error) {
      invocationError = maskFreeText(errorMessage(error));
      this.options.logger.error('dispatch.invocation.failed', {
        runId,
        route: route.name,
        group: groupName,
        error,
      });
      failures = new Map(
        batch.map((p) => [
          objectRefOf(p.record).key,
          { error: invocationError!, code: 'handler_failed', retryable: true },
        ]),
      );
    }
    const durationMs = Date.now() - started;
    const peakRssBytes = memory.stop();
    stats.invocations += 1;
    stats.records += batch.length;
    stats.throttled += held.serialisation + held.concurrency;
    stats.totalMs += durationMs;
    stats.maxMs = Math.max(stats.maxMs, durationMs);

    const failed: InvocationFailure[] = [];
    for (const pending of batch) {
      const key = objectRefOf(pending.record).key;
      const failure = failures.get(key);
      if (!failure) continue;
      stats.failures += 1;
      const retry = failure.retryable && pending.attempt < this.options.maxAttempts;
      failed.push({ key, code: failure.code, error: failure.error, fate: retry ? 'retry' : 'dead-letter' });
      if (retry) {
        stats.retries += 1;
        this.retryLater(route, { record: pending.record, attempt: pending.attempt + 1 });
      } else {
        stats.deadLettered += 1;
        await this.options.deadLetters.put({
          id: `${runId}-${route.name}-${stats.deadLettered}`,
          handler: route.name,
          record: pending.record,
          error: failure.error,
          code: failure.code,
          attempts: pending.attempt,
          failedAt: new Date().toISOString(),
          runId,
        });
        this.options.logger.warn('dispatch.dead_lettered', {
          runId,
          route: route.name,
          key: objectRefOf(pending.record).key,
          code: failure.code,
          error: failure.error,
          attempts: pending.attempt,
        });
      }
    }
    await this.options.onInvocation?.({
      runId,
      route: route.name,
      group: groupName,
      records: batch.length,
      keys: batch.map((p) => objectRefOf(p.record).key),
      bytesIn: batch.reduce((n, p) => n + (p.record.s3.object.size ?? 0), 0),
      attempt,
      startedAt: new Date(started).toISOString(),
      durationMs,
      failedRecords: failed.length,
      failures: failed,
      held,
      queueDepth,
      peakRssBytes,
      error: invocationError,
      outcome,
    });
  }

  private retryLater(route: Route, pending: Pending): void {
    const delay = this.options.backoffMs * 2 ** (pending.attempt - 2);
    this.timers += 1;
    setTimeout(() => {
      this.timers -= 1;
      this.enqueue(route, pending);
    }, delay);
  }

  private isIdle(): boolean {
    return (
      this.inFlight === 0 &&
      this.timers === 0 &&
      this.ready.length === 0 &&
      [...this.groups.values()].every((g) => g.queue.length === 0 && !g.running)
    );
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
