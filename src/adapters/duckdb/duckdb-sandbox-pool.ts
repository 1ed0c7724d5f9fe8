// Keeps the sandboxes of recently queried table sets open, so a query pays for a connection
// rather than a whole new database. A sandbox is found by exactly the tables it serves
// (names, files, columns): a new commit names new files and gets a new sandbox, and the
// least recently used ones close once no query is running in them. A sandbox over files that
// were only downloaded for one query (a remote store) is closed right after it.

import { randomUUID } from 'node:crypto';
import { access, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineOptions } from '../../ports/engine.js';
import type { SqlTableSource } from '../../ports/sql-engine.js';
import { DuckDbSandbox } from './duckdb-sandbox.js';

interface Slot {
  readonly sandbox: Promise<DuckDbSandbox>;
  users: number;
  lastUsed: number;
  retired: boolean;
}

export interface SandboxPoolOptions extends EngineOptions {
  /** Sandboxes kept open at most (default 32; an idle one holds a few MB). */
  readonly maxSandboxes?: number;
  /** A sandbox unused this long is closed (default 10 minutes). */
  readonly idleMs?: number;
}

export class DuckDbSandboxPool {
  private readonly slots = new Map<string, Slot>();
  private readonly root: string;
  private readonly sweeper: NodeJS.Timeout;
  private cleaned: Promise<void> | undefined;

  constructor(private readonly options: SandboxPoolOptions) {
    // Each engine has its own folder: two processes on one lake never touch each other's files.
    this.root = join(options.spillDir, 'sandboxes', `${process.pid}-${randomUUID().slice(0, 8)}`);
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.idleMs(), 60_000));
    this.sweeper.unref();
  }

  /** Runs `use` with the sandbox for exactly `tables`, opening it if needed. */
  async with<T>(tables: readonly SqlTableSource[], use: (sandbox: DuckDbSandbox) => Promise<T>): Promise<T> {
    const key = JSON.stringify(
      tables.map((t) => [
        t.schema,
        t.name,
        t.paths,
        t.hivePartitioning,
        t.columns.map((c) => [c.name, c.type]),
      ]),
    );
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { sandbox: this.open(tables), users: 0, lastUsed: Date.now(), retired: false };
      this.slots.set(key, slot);
    }
    // Map order is recency order: the slot moves to the end.
    this.slots.delete(key);
    this.slots.set(key, slot);
    slot.users += 1;
    try {
      const sandbox = await slot.sandbox.catch((error: unknown) => {
        // A sandbox that failed to open is forgotten, so the next query tries again.
        if (this.slots.get(key) === slot) this.slots.delete(key);
        throw error;
      });
      return await use(sandbox);
    } finally {
      slot.users -= 1;
      slot.lastUsed = Date.now();
      // Files a remote store downloaded for this query are gone now: so is the use of keeping it.
      if (slot.users === 0 && !(await firstFilesExist(tables)) && this.slots.get(key) === slot) {
        this.slots.delete(key);
        void this.retire(slot);
      }
      this.evict();
    }
  }

  /** Closes every sandbox (waiting for none: call it once queries are done). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const slots = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(slots.map((slot) => this.retire(slot)));
    await rm(this.root, { recursive: true, force: true });
  }

  private async open(tables: readonly SqlTableSource[]): Promise<DuckDbSandbox> {
    this.cleaned ??= this.removeLeftovers();
    await this.cleaned;
    return DuckDbSandbox.create(join(this.root, randomUUID().slice(0, 8)), tables, this.options);
  }

  private evict(): void {
    const max = this.options.maxSandboxes ?? 32;
    for (const [key, slot] of this.slots) {
      if (this.slots.size <= max) break;
      if (slot.users > 0) continue;
      this.slots.delete(key);
      void this.retire(slot);
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, slot] of this.slots) {
      if (slot.users === 0 && now - slot.lastUsed > this.idleMs()) {
        this.slots.delete(key);
        void this.retire(slot);
      }
    }
  }

  private async retire(slot: Slot): Promise<void> {
    if (slot.retired) return;
    slot.retired = true;
    const sandbox = await slot.sandbox.catch(() => undefined);
    await sandbox?.close();
  }

  private idleMs(): number {
    return this.options.idleMs ?? 10 * 60_000;
  }

  // Folders of engines whose process is gone (a crash or a kill) are removed once.
  private async removeLeftovers(): Promise<void> {
    const parent = join(this.options.spillDir, 'sandboxes');
    await mkdir(parent, { recursive: true });
    for (const name of await readdir(parent)) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
        await rm(join(parent, name), { recursive: true, force: true });
      }
    }
  }
}

async function firstFilesExist(tables: readonly SqlTableSource[]): Promise<boolean> {
  for (const table of tables) {
    const first = table.paths[0];
    if (
      first !== undefined &&
      !(await access(first).then(
        () => true,
        () => false,
      ))
    )
      return false;
  }
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
