// Alarms and a dashboard: errors, throttles, duration near the timeout for every function,
// any message in a DLQ (a raw object or commit that could not be processed), and the run
// metrics the handlers report themselves (namespace Shoplake).

import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EMF_NAMESPACE } from '../src/runtime/metrics/emf-document.js';
import { CURATED_TO_PROD, RAW_TO_CURATED } from '../src/runtime/pipeline-routes.js';

export interface MonitoringProps {
  readonly functions: readonly lambda.Function[];
  readonly dlqs: readonly sqs.Queue[];
  readonly timeout: Duration;
  readonly dashboardName: string;
}

export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    const period = Duration.minutes(5);
    for (const fn of props.functions) {
      const name = fn.node.id;
      const alarm = (what: string, metric: cloudwatch.IMetric, threshold: number) =>
        this.alarms.push(
          new cloudwatch.Alarm(this, `${name}-${what}`, {
            metric,
            threshold,
            evaluationPeriods: 1,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
            alarmDescription: `shoplake ${name}: ${what}`,
          }),
        );
      alarm('errors', fn.metricErrors({ period }), 1);
      alarm('throttles', fn.metricThrottles({ period }), 1);
      // 80% of the timeout: the run is about to be cut; raise memory or split the batch.
      alarm(
        'duration',
        fn.metricDuration({ period, statistic: 'Maximum' }),
        (fn.timeout ?? props.timeout).toMilliseconds() * 0.8,
      );
      dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: name,
          left: [
            fn.metricInvocations({ period }),
            fn.metricErrors({ period }),
            fn.metricThrottles({ period }),
          ],
          right: [fn.metricDuration({ period, statistic: 'Maximum' })],
        }),
      );
    }
    // What the handlers report themselves (one EMF line per invocation): rows, failures, memory.
    const reported = (metricName: string, handler: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: EMF_NAMESPACE,
        metricName,
        dimensionsMap: { handler },
        period,
        statistic,
      });
    for (const handler of [RAW_TO_CURATED, CURATED_TO_PROD]) {
      dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${handler}: rows and failures`,
          left: ['RowsIn', 'RowsOut', 'RowsRejected'].map((m) => reported(m, handler)),
          right: ['Retries', 'DeadLettered', 'Errors'].map((m) => reported(m, handler)),
        }),
        new cloudwatch.GraphWidget({
          title: `${handler}: peak memory`,
          left: [reported('PeakMemory', handler, 'Maximum')],
        }),
      );
    }
    for (const dlq of props.dlqs) {
      const depth = dlq.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' });
      this.alarms.push(
        new cloudwatch.Alarm(this, `${dlq.node.id}-depth`, {
          metric: depth,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          alarmDescription: `shoplake: messages in ${dlq.node.id}; see docs/deploy-aws.md (Troubleshoot)`,
        }),
      );
      dashboard.addWidgets(
        new cloudwatch.SingleValueWidget({ title: `${dlq.node.id} depth`, metrics: [depth] }),
      );
    }
  }
}
