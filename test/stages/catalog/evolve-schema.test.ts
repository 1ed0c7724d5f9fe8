import { describe, expect, it } from 'vitest';
import type { CatalogColumn, CatalogFile } from '../../../src/ports/catalog.js';
import { evolveSchema } from '../../../src/stages/catalog/evolve-schema.js';

function file(key: string, columns: [string, string][]): CatalogFile {
  const cols: CatalogColumn[] = columns.map(([name, type]) => ({ name, type }));
  return { key, etag: key, size: 1, rows: 1, lastModified: '2026-01-01T00:00:00.000Z', columns: cols };
}

describe('evolveSchema', () => {
  const v1 = evolveSchema(
    undefined,
    [
      file('a', [
        ['id', 'BIGINT'],
        ['name', 'VARCHAR'],
      ]),
    ],
    [],
    'T1',
  );

  it('starts a table at version 1 with every column added', () => {
    expect(v1.versions).toMatchObject([
      { version: 1, seenAt: 'T1', added: ['id', 'name'], compatible: true },
    ]);
    expect(v1.newVersion?.version).toBe(1);
    expect(v1.issues).toEqual([]);
  });

  it('keeps the version when nothing changed', () => {
    const same = evolveSchema(
      v1,
      [
        file('b', [
          ['id', 'BIGINT'],
          ['name', 'VARCHAR'],
        ]),
      ],
      [],
      'T2',
    );
    expect(same.newVersion).toBeUndefined();
    expect(same.versions).toHaveLength(1);
  });

  it('flags a removed column as an incompatible version until the next change', () => {
    const v2 = evolveSchema(v1, [file('b', [['id', 'BIGINT']])], [], 'T2');
    expect(v2.newVersion).toMatchObject({ version: 2, removed: ['name'], compatible: false });
    expect(v2.issues).toMatchObject([{ kind: 'column_removed', column: 'name', seenAt: 'T2' }]);
    const v3 = evolveSchema(
      { ...v2 },
      [
        file('c', [
          ['id', 'BIGINT'],
          ['email', 'VARCHAR'],
        ]),
      ],
      [],
      'T3',
    );
    expect(v3.newVersion).toMatchObject({ version: 3, added: ['email'], compatible: true });
    expect(v3.issues).toEqual([]);
    expect(v3.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('keeps the first type when files disagree, and flags the conflict', () => {
    const mixed = evolveSchema(
      v1,
      [
        file('a', [
          ['id', 'BIGINT'],
          ['name', 'VARCHAR'],
        ]),
        file('b', [['id', 'VARCHAR']]),
      ],
      [],
      'T2',
    );
    expect(mixed.columns).toEqual(v1.columns);
    expect(mixed.newVersion).toBeUndefined();
    expect(mixed.issues).toMatchObject([
      { kind: 'type_conflict', column: 'id', types: ['BIGINT', 'VARCHAR'] },
    ]);
  });

  it('keeps the last schema of a table whose files are all gone or unreadable', () => {
    const empty = evolveSchema(v1, [], [{ key: 'a', error: 'not parquet' }], 'T2');
    expect(empty.columns).toEqual(v1.columns);
    expect(empty.versions).toEqual(v1.versions);
    expect(empty.issues).toMatchObject([{ kind: 'unreadable_file', column: 'a' }]);
  });
});
