// MSTL (Bandara, Hyndman & Bergmeir 2021) from @bsull/augurs, Grafana's Rust time-series
// library compiled to WASM: STL peels off the weekly season, AutoETS forecasts the rest and
// gives its prediction intervals. The WASM module is instantiated once, synchronously, from
// the file shipped in the package (its default loader uses fetch, which Node cannot do on file:).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initSync, MSTL } from '@bsull/augurs/mstl';
import { type ForecastModel, gaussianForecast } from './forecast-model.js';

let initialised = false;

function ensureWasm(): void {
  if (initialised) return;
  const entry = createRequire(import.meta.url).resolve('@bsull/augurs/mstl');
  initSync({ module: readFileSync(join(dirname(entry), 'mstl_bg.wasm')) });
  initialised = true;
}

export function mstlEts(periods: readonly number[]): ForecastModel {
  const longest = Math.max(...periods);
  return {
    name: 'mstl_ets',
    minHistory: 2 * longest + 2,
    forecast(history, horizon) {
      ensureWasm();
      const model = MSTL.ets(Uint32Array.from(periods));
      try {
        model.fit(Float64Array.from(history));
        const at80 = model.predict(horizon, 0.8);
        const at95 = model.predict(horizon, 0.95);
        if (!at80.intervals || !at95.intervals)
          return gaussianForecast(
            at80.point,
            at80.point.map(() => 0),
          );
        return {
          point: at80.point,
          lower80: at80.intervals.lower,
          upper80: at80.intervals.upper,
          lower95: at95.intervals.lower,
          upper95: at95.intervals.upper,
        };
      } finally {
        model.free();
      }
    },
  };
}
