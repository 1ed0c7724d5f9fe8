// Reads one numeric setting of a system's `settings`, falling back to its default and clamping
// to the range the system can work with.

export function numberSetting(
  settings: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = settings[key];
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
