// Dead letters as JSON files in <data-dir>/dead-letter/, one per failed event record.

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeadLetter, DeadLetterQueue } from '../../ports/dead-letter-queue.js';

export class LocalDeadLetterQueue implements DeadLetterQueue {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'dead-letter');
  }

  async put(letter: DeadLetter): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const file = join(this.folder, `${fileSafe(letter.id)}.json`);
    await writeFile(`${file}.part`, `${JSON.stringify(letter, null, 1)}\n`);
    await rename(`${file}.part`, file);
  }

  async list(): Promise<DeadLetter[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const letters: DeadLetter[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      letters.push(JSON.parse(await readFile(join(this.folder, name), 'utf8')) as DeadLetter);
    }
    return letters;
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.folder, `${fileSafe(id)}.json`), { force: true });
  }
}

function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
