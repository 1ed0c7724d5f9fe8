// How the copilot is used: questions per intent with latency and failure rate, and the latest
// questions with their status.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { Loaded } from '../../components/state-views.js';
import { formatDateTime, formatInt, formatShare, humanize, num } from '../../format.js';
import { href } from '../../router.js';

const PATTERNS_SQL = `
SELECT intent, questions, avg_latency_ms, p95_latency_ms, failure_rate, avg_rows, example_question, last_asked_at
FROM retail_copilot.copilot_patterns
ORDER BY questions DESC`;

const QUESTIONS_SQL = `
SELECT asked_at, question, intent, status, rows, latency_ms
FROM retail_copilot.copilot_queries
ORDER BY asked_at DESC`;

const NONE_YET = (
  <>
    Nobody has asked the copilot anything yet. <a href={href('/chat')}>Ask it a question</a>; questions are
    analysed here after the next publish.
  </>
);

export function CopilotUsagePanels() {
  const patterns = useRows(PATTERNS_SQL);
  const questions = useRows(QUESTIONS_SQL, 500);
  return (
    <>
      <Panel
        id="copilot-patterns"
        title="Copilot query patterns"
        description="Questions per intent, how fast they were answered and how often they failed."
        wide
      >
        <Loaded value={patterns} what="copilot patterns" isEmpty={(r) => r.length === 0} empty={NONE_YET}>
          {(rows) => (
            <div class="split">
              <IntentChart rows={rows} />
              <DataTable
                caption="Copilot query patterns"
                columns={[
                  { key: 'intent', label: 'Intent', format: (v) => humanize(v) },
                  { key: 'questions', label: 'Questions', numeric: true, format: (v) => formatInt(v) },
                  { key: 'avg_latency_ms', label: 'Avg ms', numeric: true, format: (v) => formatInt(v) },
                  { key: 'p95_latency_ms', label: 'p95 ms', numeric: true, format: (v) => formatInt(v) },
                  { key: 'failure_rate', label: 'Failed', numeric: true, format: (v) => formatShare(v, 0) },
                  { key: 'example_question', label: 'Example' },
                ]}
                rows={rows}
                fileName="copilot-patterns.csv"
              />
            </div>
          )}
        </Loaded>
      </Panel>
      <Panel
        id="copilot-questions"
        title="Latest questions"
        description="What people asked the copilot, newest first."
        wide
      >
        <Loaded value={questions} what="copilot questions" isEmpty={(r) => r.length === 0} empty={NONE_YET}>
          {(rows) => (
            <DataTable
              caption="Latest copilot questions"
              columns={[
                { key: 'asked_at', label: 'Asked', format: (v) => formatDateTime(v) },
                { key: 'question', label: 'Question' },
                { key: 'intent', label: 'Intent', format: (v) => humanize(v) },
                { key: 'status', label: 'Status', format: (v) => <Badge value={v} /> },
                { key: 'rows', label: 'Rows', numeric: true, format: (v) => formatInt(v) },
                { key: 'latency_ms', label: 'ms', numeric: true, format: (v) => formatInt(v) },
              ]}
              rows={rows}
              fileName="copilot-questions.csv"
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function IntentChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(
    () =>
      barChart({
        labels: rows.map((r) => humanize(r.intent)),
        series: [{ label: 'Questions', data: rows.map((r) => num(r.questions)), color: '#4e79a7' }],
        horizontal: true,
      }),
    [rows],
  );
  const text = rows.map((r) => `${humanize(r.intent)}: ${formatInt(r.questions)}`).join('; ');
  return <ChartView config={config} label={`Copilot questions per intent. ${text}.`} size="small" />;
}
