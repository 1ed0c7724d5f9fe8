// The baseline every model has to beat: tomorrow is the same weekday last week. Its forecast
// variance grows with the number of seasons ahead (Hyndman & Athanasopoulos, FPP3 §5.5).

import { type ForecastModel, gaussianForecast } from './forecast-model.js';

export function seasonalNaive(period: number): ForecastModel {
  return {
    name: 'seasonal_naive',
    minHistory: period + 1,
    forecast(history, horizon) {
      const n = history.length;
      let squares = 0;
      for (let t = period; t < n; t++) squares += ((history[t] ?? 0) - (history[t - period] ?? 0)) ** 2;
      const sigma = Math.sqrt(squares / Math.max(1, n - period));
      const point: number[] = [];
      const sd: number[] = [];
      for (let h = 1; h <= horizon; h++) {
        const seasonsAhead = Math.floor((h - 1) / period);
        point.push(history[n - period * (seasonsAhead + 1) + h - 1] ?? 0);
        sd.push(sigma * Math.sqrt(seasonsAhead + 1));
      }
      return gaussianForecast(point, sd);
    },
  };
}
