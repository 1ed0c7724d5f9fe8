// market-intelligence-hub: what sold where (daily_sales), what will sell (sales_forecast with
// its model choice in forecast_backtest) and what is moving (trends).

import type { ProdSystem, SystemOutput } from '../prod-system.js';
import { buildDailySales } from './daily-sales.js';
import { hubSettings } from './hub-settings.js';
import { buildSalesForecast, FORECAST_BACKTEST, SALES_FORECAST } from './sales-forecast.js';
import { createSalesLines } from './sales-lines.js';
import { buildTrends, TRENDS } from './trends.js';

export const marketIntelligenceHub: ProdSystem = {
  name: 'market-intelligence-hub',
  tables: ['daily_sales', SALES_FORECAST, FORECAST_BACKTEST, TRENDS],
  async run(context): Promise<readonly SystemOutput[]> {
    const settings = hubSettings(context.settings);
    await createSalesLines(context);
    const dailySales = await buildDailySales(context);
    const forecast = await buildSalesForecast(context, settings);
    const trends = await buildTrends(context, settings);
    return [dailySales, ...forecast, trends];
  },
};
