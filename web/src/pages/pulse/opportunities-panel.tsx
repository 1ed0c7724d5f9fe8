// Market opportunities: the matrix (growth against penetration, sized by revenue) and the
// ranked list with each score's rationale, per country or per region.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { growthCeiling, opportunityChart } from '../../charts/opportunity-chart.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { SelectField } from '../../components/select-field.js';
import { Loaded } from '../../components/state-views.js';
import { formatGrowth, formatMoney, num } from '../../format.js';
import { sqlString } from '../../sql-text.js';
import { marketName } from '../overview/headline-cards.js';

export function OpportunitiesPanels(props: { level: string; onLevel: (level: string) => void }) {
  const rows = useRows(`
SELECT level, region, country, category, opportunity_score, revenue, growth_pct, penetration,
  size_score, growth_score, penetration_score, rationale
FROM global_market_pulse.market_opportunities
WHERE level = ${sqlString(props.level)}
ORDER BY opportunity_score DESC`);
  const picker = (
    <SelectField
      id="level-picker"
      label="Markets"
      value={props.level}
      options={[
        { value: 'country', label: 'Countries' },
        { value: 'region', label: 'Regions' },
      ]}
      onChange={props.onLevel}
    />
  );
  return (
    <>
      <Panel
        id="opportunity-matrix"
        title="Opportunity matrix"
        description="Each bubble a category in one market: up = growing faster, left = under-penetrated, bigger = more revenue. Top-left is the sweet spot."
        actions={picker}
        wide
      >
        <Loaded value={rows} what="market opportunities" isEmpty={(r) => r.length === 0}>
          {(r) => <Matrix rows={r} />}
        </Loaded>
      </Panel>
      <Panel
        id="opportunities"
        title="Opportunities ranked"
        description="Score of 100 from market size, growth and room to grow."
        wide
      >
        <Loaded value={rows} what="market opportunities" isEmpty={(r) => r.length === 0}>
          {(r) => (
            <DataTable
              caption="Market opportunities ranked"
              columns={[
                {
                  key: 'opportunity_score',
                  label: 'Score',
                  numeric: true,
                  format: (v) => num(v)?.toFixed(1) ?? '–',
                },
                { key: 'category', label: 'Market', format: (_, row) => marketName(row) },
                { key: 'revenue', label: 'Revenue, 12 m', numeric: true, format: (v) => formatMoney(v) },
                { key: 'growth_pct', label: 'Growth', numeric: true, format: (v) => formatGrowth(v) },
                {
                  key: 'penetration',
                  label: 'Penetration',
                  numeric: true,
                  format: (v) => `${num(v)?.toFixed(2) ?? '–'}×`,
                },
                {
                  key: 'rationale',
                  label: 'Why',
                  format: (v) => <span class="reason">{String(v ?? '')}</span>,
                },
              ]}
              rows={r}
              fileName={`opportunities-${props.level}.csv`}
              pageSize={10}
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function Matrix({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(() => opportunityChart(rows), [rows]);
  const ceiling = growthCeiling(rows.map((r) => num(r.growth_pct) ?? 0));
  const capped = rows.filter((r) => (num(r.growth_pct) ?? 0) > ceiling).length;
  const best = rows[0];
  const label = best
    ? `Opportunity matrix of ${rows.length} markets. Best: ${marketName(best)} with score ${num(best.opportunity_score)?.toFixed(1)}, growth ${formatGrowth(best.growth_pct)}, penetration ${num(best.penetration)?.toFixed(2)}.`
    : 'Opportunity matrix';
  return (
    <>
      <ChartView config={config} label={label} size="large" />
      {capped ? (
        <p class="muted chart-note">
          ▲ on the top edge: {capped} {capped === 1 ? 'market grows' : 'markets grow'} faster than{' '}
          {formatGrowth(ceiling)}; hover for the figure.
        </p>
      ) : null}
      {best ? (
        <p class="callout">
          <strong>Best opportunity: {marketName(best)}</strong> (score{' '}
          {num(best.opportunity_score)?.toFixed(1)}). {String(best.rationale ?? '')}
        </p>
      ) : null}
    </>
  );
}
