// A table's schema history from one crawl to the next. Columns added make a new compatible
// version; a column removed or changing type makes an incompatible one and raises an issue;
// files that disagree with each other on a type are flagged, never merged into a new type.

import type {
  CatalogColumn,
  CatalogFile,
  CatalogIssue,
  CatalogSchemaVersion,
  CatalogTable,
  CatalogTypeChange,
} from '../../ports/catalog.js';

export interface UnreadableFile {
  readonly key: string;
  readonly error: string;
}

export interface SchemaState {
  readonly columns: readonly CatalogColumn[];
  readonly versions: readonly CatalogSchemaVersion[];
  readonly issues: readonly CatalogIssue[];
  /** The version this crawl added, if any. */
  readonly newVersion: CatalogSchemaVersion | undefined;
  /** Issues not in the previous catalog. */
  readonly newIssues: readonly CatalogIssue[];
}

/** `files` in the order they were written: the first type seen for a column is the table's. */
export function evolveSchema(
  previous: Pick<CatalogTable, 'versions' | 'issues' | 'columns'> | undefined,
  files: readonly CatalogFile[],
  unreadable: readonly UnreadableFile[],
  now: string,
): SchemaState {
  const { columns: found, conflicts } = unionColumns(files);
  const versions = [...(previous?.versions ?? [])];
  const last = versions.at(-1);
  let newVersion: CatalogSchemaVersion | undefined;
  // A table with no readable files keeps its last schema rather than "losing" every column.
  const columns = files.length === 0 && previous ? previous.columns : found;
  if (files.length > 0) {
    newVersion = nextVersion(last, found, now);
    if (newVersion) versions.push(newVersion);
  }
  const current: CatalogIssue[] = [
    ...conflicts.map(({ column, types }) =>
      issue(
        'type_conflict',
        column,
        types,
        now,
        `files of this table disagree on the type of ${column} (${types.join(' vs ')}); the catalog keeps ${types[0]} until the files are rewritten`,
      ),
    ),
    ...unreadable.map(({ key, error }) =>
      issue('unreadable_file', key, [], now, `${key} cannot be read and is left out of the table: ${error}`),
    ),
    ...breakingChangesOf(versions.at(-1)),
  ];
  const before = new Map((previous?.issues ?? []).map((i) => [issueId(i), i]));
  // An issue that was already there keeps the time it was first seen.
  const issues = current.map((i) => before.get(issueId(i)) ?? i);
  return { columns, versions, issues, newVersion, newIssues: issues.filter((i) => !before.has(issueId(i))) };
}

function unionColumns(files: readonly CatalogFile[]): {
  columns: CatalogColumn[];
  conflicts: { column: string; types: string[] }[];
} {
  const columns = new Map<string, CatalogColumn>();
  const types = new Map<string, string[]>();
  for (const file of files) {
    for (const column of file.columns) {
      if (!columns.has(column.name)) columns.set(column.name, column);
      const seen = types.get(column.name) ?? [];
      if (!seen.includes(column.type)) seen.push(column.type);
      types.set(column.name, seen);
    }
  }
  const conflicts = [...types].filter(([, t]) => t.length > 1).map(([column, t]) => ({ column, types: t }));
  return { columns: [...columns.values()], conflicts };
}

function nextVersion(
  last: CatalogSchemaVersion | undefined,
  columns: readonly CatalogColumn[],
  now: string,
): CatalogSchemaVersion | undefined {
  const before = new Map((last?.columns ?? []).map((c) => [c.name, c.type]));
  const after = new Map(columns.map((c) => [c.name, c.type]));
  const added = columns.filter((c) => !before.has(c.name)).map((c) => c.name);
  const removed = [...before.keys()].filter((name) => !after.has(name));
  const typeChanges: CatalogTypeChange[] = [];
  for (const [name, type] of after) {
    const from = before.get(name);
    if (from !== undefined && from !== type) typeChanges.push({ column: name, from, to: type });
  }
  if (last && added.length === 0 && removed.length === 0 && typeChanges.length === 0) return undefined;
  return {
    version: (last?.version ?? 0) + 1,
    seenAt: now,
    columns,
    added,
    removed,
    typeChanges,
    compatible: removed.length === 0 && typeChanges.length === 0,
  };
}

function breakingChangesOf(version: CatalogSchemaVersion | undefined): CatalogIssue[] {
  if (!version || version.compatible) return [];
  return [
    ...version.typeChanges.map((c) =>
      issue(
        'type_change',
        c.column,
        [c.from, c.to],
        version.seenAt,
        `${c.column} changed type from ${c.from} to ${c.to} in schema version ${version.version}; readers expecting ${c.from} may break`,
      ),
    ),
    ...version.removed.map((column) =>
      issue(
        'column_removed',
        column,
        [],
        version.seenAt,
        `${column} disappeared in schema version ${version.version}; readers selecting it will fail`,
      ),
    ),
  ];
}

function issue(
  kind: CatalogIssue['kind'],
  column: string,
  types: readonly string[],
  seenAt: string,
  message: string,
): CatalogIssue {
  return { kind, column, types, seenAt, message };
}

function issueId(i: CatalogIssue): string {
  return `${i.kind}\n${i.column}\n${i.types.join('\n')}`;
}
