// A run's metrics as CloudWatch Embedded Metric Format: one JSON log line with an `_aws` key
// that CloudWatch Logs turns into metrics (namespace Shoplake, per handler and per table),
// with the run's id, outcome and trigger beside them for Logs Insights. Same numbers as
// `/metrics` and `shoplake status`: all come from `runMetricValues`.

import { redactDeep } from '../../stages/curate/masking/redact-deep.js';
import type { RunRecord } from '../run-record.js';
import { RUN_METRICS, runMetricValues } from './run-metrics.js';

export const EMF_NAMESPACE = 'Shoplake';

/**
 * @example
 * process.stdout.write(`${JSON.stringify(emfDocument(run))}\n`);
 * // {"_aws":{"Timestamp":1767225600000,"CloudWatchMetrics":[{"Namespace":"Shoplake","Dimensions":[["handler"],["handler","table"]],"Metrics":[{"Name":"Invocations","Unit":"Count"},...]}]},"handler":"raw-to-curated","table":"orders","Invocations":1,...}
 */
export function emfDocument(run: RunRecord, namespace = EMF_NAMESPACE): Record<string, unknown> {
  const values = runMetricValues(run);
  const document = {
    _aws: {
      Timestamp: Date.parse(run.endedAt),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: run.table === undefined ? [['handler']] : [['handler'], ['handler', 'table']],
          Metrics: RUN_METRICS.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    handler: run.stage,
    ...(run.table === undefined ? {} : { table: run.table }),
    runId: run.runId,
    outcome: run.outcome,
    trigger: run.trigger,
    ...Object.fromEntries(RUN_METRICS.map((m) => [m.name, values[m.field]])),
  };
  return redactDeep(document) as Record<string, unknown>;
}

/** Writes the run's EMF line to stdout, where Lambda ships it to CloudWatch Logs. */
export function writeEmf(
  run: RunRecord,
  write: (line: string) => void = (line) => process.stdout.write(line),
): void {
  write(`${JSON.stringify(emfDocument(run))}\n`);
}
