// What shoppers search for: the top queries with click-through and zero-result rates, and the
// demand gaps (queries that find nothing) with the category that would serve them.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { Loaded } from '../../components/state-views.js';
import { formatDay, formatInt, formatShare, humanize, num } from '../../format.js';

const SEARCHES_SQL = `
SELECT query, searches, click_through_rate, zero_result_rate, trend, searches_recent, searches_previous, last_seen
FROM retail_copilot.search_patterns
ORDER BY searches DESC`;

const GAPS_SQL = `
SELECT query, searches, zero_result_searches, zero_result_rate, suggested_category, gap_kind, trend, last_seen
FROM retail_copilot.demand_gaps
ORDER BY zero_result_searches DESC`;

const TOP = 15;

export function SearchPanels() {
  const searches = useRows(SEARCHES_SQL, 2000);
  const gaps = useRows(GAPS_SQL, 2000);
  return (
    <>
      <Panel
        id="top-searches"
        title="Top searches"
        description={`The ${TOP} most searched queries; darker = share that found nothing.`}
      >
        <Loaded
          value={searches}
          what="search patterns"
          isEmpty={(r) => r.length === 0}
          empty="No searches recorded yet."
        >
          {(rows) => <TopSearchesChart rows={rows.slice(0, TOP)} />}
        </Loaded>
      </Panel>
      <Panel
        id="demand-gaps-chart"
        title="Demand gaps"
        description="Searches that found nothing, by query, and the category that would serve them."
      >
        <Loaded
          value={gaps}
          what="demand gaps"
          isEmpty={(r) => r.length === 0}
          empty="No demand gaps: every query found something."
        >
          {(rows) => <GapsChart rows={rows.slice(0, TOP)} />}
        </Loaded>
      </Panel>
      <Panel
        id="search-patterns"
        title="Search patterns"
        description="Every normalised query with its click-through and trend over the last 4 weeks."
        wide
      >
        <Loaded
          value={searches}
          what="search patterns"
          isEmpty={(r) => r.length === 0}
          empty="No searches recorded yet."
        >
          {(rows) => (
            <DataTable
              caption="Search patterns"
              columns={[
                { key: 'query', label: 'Query' },
                { key: 'searches', label: 'Searches', numeric: true, format: (v) => formatInt(v) },
                {
                  key: 'click_through_rate',
                  label: 'Click-through',
                  numeric: true,
                  format: (v) => formatShare(v, 0),
                },
                {
                  key: 'zero_result_rate',
                  label: 'No results',
                  numeric: true,
                  format: (v) => formatShare(v, 0),
                },
                { key: 'searches_recent', label: 'Last 4 wk', numeric: true, format: (v) => formatInt(v) },
                {
                  key: 'searches_previous',
                  label: '4 wk before',
                  numeric: true,
                  format: (v) => formatInt(v),
                },
                { key: 'trend', label: 'Trend', format: (v) => <Badge value={v} /> },
                { key: 'last_seen', label: 'Last seen', format: (v) => formatDay(v, { weekday: false }) },
              ]}
              rows={rows}
              fileName="search-patterns.csv"
            />
          )}
        </Loaded>
      </Panel>
      <Panel
        id="demand-gaps"
        title="Demand gap list"
        description="What shoppers want and the catalogue lacks."
        wide
      >
        <Loaded value={gaps} what="demand gaps" isEmpty={(r) => r.length === 0} empty="No demand gaps.">
          {(rows) => (
            <DataTable
              caption="Demand gaps"
              columns={[
                { key: 'query', label: 'Query' },
                {
                  key: 'zero_result_searches',
                  label: 'Found nothing',
                  numeric: true,
                  format: (v) => formatInt(v),
                },
                { key: 'searches', label: 'Searches', numeric: true, format: (v) => formatInt(v) },
                { key: 'suggested_category', label: 'Suggested category', format: (v) => humanize(v) },
                { key: 'gap_kind', label: 'Kind', format: (v) => humanize(v) },
                { key: 'trend', label: 'Trend', format: (v) => <Badge value={v} /> },
                { key: 'last_seen', label: 'Last seen', format: (v) => formatDay(v, { weekday: false }) },
              ]}
              rows={rows}
              fileName="demand-gaps.csv"
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function TopSearchesChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(() => {
    const total = rows.map((r) => num(r.searches) ?? 0);
    const empty = rows.map((r, i) => Math.round((num(r.zero_result_rate) ?? 0) * (total[i] ?? 0)));
    return barChart({
      labels: rows.map((r) => String(r.query)),
      series: [
        { label: 'Found something', data: total.map((t, i) => t - (empty[i] ?? 0)), color: '#56b4e9' },
        { label: 'Found nothing', data: empty, color: '#0072b2' },
      ],
      horizontal: true,
      stacked: true,
    });
  }, [rows]);
  const text = rows.map((r) => `${r.query}: ${formatInt(r.searches)}`).join('; ');
  return <ChartView config={config} label={`Top searches. ${text}.`} size="large" />;
}

function GapsChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(
    () =>
      barChart({
        labels: rows.map((r) => `${r.query} → ${r.suggested_category ?? '?'}`),
        series: [
          {
            label: 'Searches that found nothing',
            data: rows.map((r) => num(r.zero_result_searches)),
            color: '#d55e00',
          },
        ],
        horizontal: true,
      }),
    [rows],
  );
  const text = rows.map((r) => `${r.query}: ${formatInt(r.zero_result_searches)}`).join('; ');
  return <ChartView config={config} label={`Demand gaps. ${text}.`} size="large" />;
}
