// Quoting for SQL that the stage builds from column names and values found in files: names
// and values from data are never pasted into SQL unquoted.

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function literalList(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}
