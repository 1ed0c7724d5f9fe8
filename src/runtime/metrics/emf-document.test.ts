import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../run-record.js';
import { EMF_NAMESPACE, emfDocument, writeEmf } from './emf-document.js';
import { RUN_METRICS } from './run-metrics.js';

// The CloudWatch embedded metric format specification, as checks: the root holds `_aws` with
// a millisecond Timestamp and MetricDirectives; each directive has a Namespace, DimensionSets
// of at most 30 root members holding strings, and at most 100 MetricDefinitions whose Name is
// a root member holding a number (or up to 100 numbers) and whose Unit is one CloudWatch knows.
const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

function emfProblems(line: string): string[] {
  const problems: string[] = [];
  const doc = JSON.parse(line) as Record<string, unknown>;
  const aws = doc._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (!aws || typeof aws !== 'object') return ['no _aws metadata'];
  if (!Number.isInteger(aws.Timestamp) || (aws.Timestamp as number) < 1e12)
    problems.push('Timestamp is not epoch ms');
  if (!Array.isArray(aws.CloudWatchMetrics) || aws.CloudWatchMetrics.length === 0)
    return [...problems, 'no MetricDirective'];
  for (const directive of aws.CloudWatchMetrics as Record<string, unknown>[]) {
    const extra = Object.keys(directive).filter((k) => !['Namespace', 'Dimensions', 'Metrics'].includes(k));
    if (extra.length > 0) problems.push(`directive has unknown members ${extra}`);
    const ns = directive.Namespace;
    if (typeof ns !== 'string' || ns.length < 1 || ns.length > 255) problems.push('bad Namespace');
    if (!Array.isArray(directive.Dimensions)) problems.push('Dimensions is not an array');
    for (const set of (directive.Dimensions as unknown[]) ?? []) {
      if (!Array.isArray(set) || set.length > 30)
        problems.push('a DimensionSet is not an array of at most 30');
      for (const name of set as unknown[])
        if (typeof name !== 'string' || typeof doc[name] !== 'string' || (doc[name] as string).length > 1024)
          problems.push(`dimension ${String(name)} has no string root member`);
    }
    const metrics = directive.Metrics as Record<string, unknown>[];
    if (!Array.isArray(metrics) || metrics.length > 100)
      problems.push('Metrics is not an array of at most 100');
    for (const metric of metrics ?? []) {
      const value = doc[metric.Name as string];
      const numeric =
        typeof value === 'number' ||
        (Array.isArray(value) && value.length <= 100 && value.every((v) => typeof v === 'number'));
      if (typeof metric.Name !== 'string' || !numeric)
        problems.push(`metric ${String(metric.Name)} has no numeric root member`);
      if (metric.Unit !== undefined && !UNITS.has(metric.Unit as string))
        problems.push(`unit ${String(metric.Unit)}`);
    }
  }
  if (Buffer.byteLength(line) > 256 * 1024) problems.push('larger than 256 KB');
  return problems;
}

const run: RunRecord = {
  runId: 'b3f2c1d0-1111-2222-3333-444455556666',
  stage: 'raw-to-curated',
  table: 'payments',
  trigger: 'payments/dt=2026-01-11/4111111111111111.parquet',
  objects: 3,
  cause: 'event',
  attempt: 2,
  startedAt: '2026-01-11T10:00:00.000Z',
  endedAt: '2026-01-11T10:00:02.500Z',
  durationMs: 2500,
  outcome: 'retried',
  failures: [
    { key: 'payments/dt=2026-01-11/b.parquet', code: 'transient_io', error: 'slow down', fate: 'retry' },
  ],
  error: 'slow down',
  held: { serialisation: 1, concurrency: 2 },
  queueDepth: 0,
  peakRssBytes: 512 * 2 ** 20,
  bytesIn: 3000,
  bytesOut: 9000,
  rowsIn: 120,
  rowsOut: 100,
  rowsRejected: 20,
  duplicates: 4,
};

describe('emfDocument', () => {
  it('writes one line that follows the embedded metric format specification', () => {
    let written = '';
    writeEmf(run, (line) => {
      written += line;
    });
    expect(written.endsWith('\n')).toBe(true);
    expect(written.trimEnd().includes('\n')).toBe(false);
    expect(emfProblems(written)).toEqual([]);
  });

  it('carries every run metric per handler and per table, with the run values', () => {
    const doc = emfDocument(run);
    const [directive] = (doc._aws as { CloudWatchMetrics: Record<string, unknown>[] }).CloudWatchMetrics;
    expect(directive).toMatchObject({
      Namespace: EMF_NAMESPACE,
      Dimensions: [['handler'], ['handler', 'table']],
    });
    expect((directive!.Metrics as { Name: string }[]).map((m) => m.Name)).toEqual(
      RUN_METRICS.map((m) => m.name),
    );
    expect(doc).toMatchObject({
      handler: 'raw-to-curated',
      table: 'payments',
      Invocations: 1,
      Errors: 1,
      Retries: 1,
      DeadLettered: 0,
      Throttles: 3,
      Duration: 2500,
      RowsIn: 120,
      RowsOut: 100,
      RowsRejected: 20,
      BytesOut: 9000,
      PeakMemory: 512 * 2 ** 20,
    });
    expect((doc._aws as { Timestamp: number }).Timestamp).toBe(Date.parse(run.endedAt));
  });

  it('masks what it copies from the run and has only the handler dimension without a table', () => {
    const { table: _, ...publish } = run;
    const doc = emfDocument({ ...publish, stage: 'curated-to-prod' });
    expect(JSON.stringify(doc)).not.toContain('4111111111111111');
    expect(
      (doc._aws as { CloudWatchMetrics: { Dimensions: unknown }[] }).CloudWatchMetrics[0]!.Dimensions,
    ).toEqual([['handler']]);
    expect(emfProblems(JSON.stringify(doc))).toEqual([]);
  });
});
