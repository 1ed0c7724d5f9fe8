// One copilot answer: the answer in words, the chart it suggests, the rows as a table, and
// the SQL behind it with a copy button. A refusal says why and offers questions it can answer.

import { useMemo, useState } from 'preact/hooks';
import type { AskAnswer, Cell } from '../../api/api-types.js';
import { records } from '../../api/use-api.js';
import { answerChart } from '../../charts/answer-chart.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { formatDecimal, humanize, num } from '../../format.js';

export function AnswerView(props: { answer: AskAnswer; index: number; onAsk: (question: string) => void }) {
  const { answer } = props;
  const rows = useMemo(() => records(answer), [answer]);
  const chart = useMemo(() => answerChart(answer.chart, rows), [answer, rows]);
  const refused = answer.status === 'refused';
  return (
    <div class={refused ? 'answer answer--refused' : 'answer'} data-testid="copilot-answer">
      <p class="answer-meta">
        <Badge value={answer.status} />
        <span>{humanize(answer.intent)}</span>
        {answer.period ? <span>{answer.period.label}</span> : null}
        <span>{formatDecimal(answer.elapsedMs, 0)} ms</span>
        <span>{answer.source === 'llm' ? 'language model' : 'semantic layer'}</span>
      </p>
      <p class="answer-text" data-testid="answer-text">
        {answer.answer}
      </p>
      {answer.chart?.type === 'number' ? <BigNumber answer={answer} /> : null}
      {chart ? <ChartView config={chart} label={`Chart of the answer to: ${answer.question}`} /> : null}
      {rows.length > 0 && !refused ? (
        <DataTable
          caption={`Rows answering: ${answer.question}`}
          columns={answer.columns.map((c) =>
            isNumeric(c.type)
              ? { key: c.name, label: c.name, numeric: true, format: (v) => formatNumber(v) }
              : { key: c.name, label: c.name },
          )}
          rows={rows}
          fileName={`answer-${props.index + 1}.csv`}
          pageSize={10}
        />
      ) : null}
      {answer.sql ? <SqlBlock sql={answer.sql} /> : null}
      {answer.suggestions.length > 0 ? (
        <div class="suggestions">
          <span class="muted">{refused ? 'Try instead:' : 'Related:'}</span>
          {answer.suggestions.map((s) => (
            <button key={s} type="button" class="chip" onClick={() => props.onAsk(s)}>
              {s}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function BigNumber({ answer }: { answer: AskAnswer }) {
  const column = answer.chart?.y[0];
  const at = answer.columns.findIndex((c) => c.name === column);
  const value = at >= 0 ? answer.rows[0]?.[at] : undefined;
  const n = num(value ?? null);
  return (
    <p class="big-number">
      {n === null ? String(value ?? '–') : n.toLocaleString('en-US', { maximumFractionDigits: 2 })}
      <span class="muted"> {column}</span>
    </p>
  );
}

function SqlBlock({ sql }: { sql: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sql);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <details class="sql-block" open>
      <summary>SQL behind this answer</summary>
      <pre>
        <code data-testid="answer-sql">{sql}</code>
      </pre>
      <div class="sql-actions">
        <button type="button" class="button button--small" onClick={() => void copy()}>
          Copy SQL
        </button>
        <span role="status" class="muted">
          {copied === 'copied'
            ? 'Copied.'
            : copied === 'failed'
              ? 'Copy failed: select the text instead.'
              : ''}
        </span>
      </div>
    </details>
  );
}

function formatNumber(value: Cell): string {
  const n = num(value);
  return n === null ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function isNumeric(type: string): boolean {
  return /INT|DOUBLE|FLOAT|DECIMAL|NUMERIC|REAL/i.test(type);
}
