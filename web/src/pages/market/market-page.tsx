// Market intelligence: the forecast of a chosen series (kept in the URL) and the trends.

import { PageHeader } from '../../components/page-header.js';
import { type HashLocation, setParams } from '../../router.js';
import { ForecastPanel } from './forecast-panel.js';
import { TrendsPanels } from './trends-panel.js';

export function MarketPage({ location }: { location: HashLocation }) {
  const series = location.params.get('series') ?? 'total';
  return (
    <>
      <PageHeader title="Market intelligence">
        Daily revenue forecasts for the whole shop, each category and each region, and how sales are trending.
      </PageHeader>
      <div class="grid">
        <ForecastPanel series={series} onSeries={(s) => setParams('/market', { series: s })} />
        <TrendsPanels />
      </div>
    </>
  );
}
