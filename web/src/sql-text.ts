// Writing values into the dashboard's SQL: the only values are ones the lake itself gave us
// (series names, categories), quoted so that a quote in one cannot end the literal.

/** `O'Brien` → `'O''Brien'`. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
