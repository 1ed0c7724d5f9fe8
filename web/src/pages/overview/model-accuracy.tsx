// How good the models are, in the figures each system publishes: forecast backtest (MASE and
// interval coverage on the total), churn AUC on a later holdout, fraud score AUC vs chargebacks.

import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { Panel } from '../../components/panel.js';
import { StatRow, StatTile, type Tone } from '../../components/stat-tile.js';
import { Loaded } from '../../components/state-views.js';
import { formatDecimal, formatShare, num } from '../../format.js';
import { modelName } from '../../model-names.js';

const BACKTEST_SQL = `
SELECT model, mase, smape, coverage_80, coverage_95, is_chosen, holdout_days, folds
FROM market_intelligence_hub.forecast_backtest
WHERE series = 'total'`;

const CHURN_SQL = `
SELECT metric, value FROM demand_insights_engine.churn_model
WHERE metric IN ('auc_holdout', 'brier_holdout', 'customers_holdout')`;

const FRAUD_SQL = `
SELECT metric, value FROM compliance_guardian.fraud_model
WHERE metric IN ('fraud_score_auc_vs_chargebacks', 'chargeback_model_auc_holdout', 'rule_score_auc_vs_chargebacks', 'chargebacks')`;

export function ModelAccuracy() {
  const backtest = useRows(BACKTEST_SQL);
  const churn = useRows(CHURN_SQL);
  const fraud = useRows(FRAUD_SQL);
  return (
    <Panel
      id="model-accuracy"
      title="Model accuracy"
      description="Measured on data the models did not train on."
      wide
    >
      <StatRow>
        <Loaded value={backtest} what="the forecast backtest" isEmpty={(r) => r.length === 0}>
          {(rows) => <ForecastTiles rows={rows} />}
        </Loaded>
        <Loaded value={churn} what="the churn model" isEmpty={(r) => r.length === 0}>
          {(rows) => {
            const m = metrics(rows);
            return (
              <StatTile
                label="Churn model AUC"
                value={formatDecimal(m.auc_holdout ?? null, 3)}
                detail={`on ${formatDecimal(m.customers_holdout ?? null, 0)} later customers · Brier ${formatDecimal(m.brier_holdout ?? null, 3)}`}
                tone={aucTone(m.auc_holdout)}
              />
            );
          }}
        </Loaded>
        <Loaded value={fraud} what="the fraud model" isEmpty={(r) => r.length === 0}>
          {(rows) => {
            const m = metrics(rows);
            return (
              <>
                <StatTile
                  label="Fraud score AUC"
                  value={formatDecimal(m.fraud_score_auc_vs_chargebacks ?? null, 3)}
                  detail={`vs ${formatDecimal(m.chargebacks ?? null, 0)} chargebacks · rules alone ${formatDecimal(m.rule_score_auc_vs_chargebacks ?? null, 3)}`}
                  tone={aucTone(m.fraud_score_auc_vs_chargebacks)}
                />
                <StatTile
                  label="Chargeback model AUC"
                  value={
                    m.chargeback_model_auc_holdout === undefined
                      ? 'not trained'
                      : formatDecimal(m.chargeback_model_auc_holdout, 3)
                  }
                  detail="newest 30% of payments, held out"
                  tone={aucTone(m.chargeback_model_auc_holdout)}
                />
              </>
            );
          }}
        </Loaded>
      </StatRow>
    </Panel>
  );
}

function ForecastTiles({ rows }: { rows: readonly Row[] }) {
  const chosen = rows.find((r) => r.is_chosen === true) ?? rows[0];
  const naive = rows.find((r) => r.model === 'seasonal_naive');
  const mase = num(chosen?.mase);
  const naiveMase = num(naive?.mase);
  const gain = mase !== null && naiveMase ? 1 - mase / naiveMase : null;
  return (
    <>
      <StatTile
        label="Forecast error (MASE, total)"
        value={formatDecimal(mase, 2)}
        detail={`${modelName(chosen?.model)}${gain !== null ? `, ${formatShare(gain, 0)} better than seasonal naive` : ''}`}
        tone={mase === null ? 'neutral' : mase < 1 ? 'good' : 'warn'}
      />
      <StatTile
        label="Interval coverage"
        value={`${formatShare(chosen?.coverage_80 ?? null, 0)} / ${formatShare(chosen?.coverage_95 ?? null, 0)}`}
        detail={`of actual days inside the 80% / 95% bands, ${formatDecimal(chosen?.holdout_days ?? null, 0)} backtest days`}
      />
    </>
  );
}

function metrics(rows: readonly Row[]): Record<string, number | undefined> {
  return Object.fromEntries(rows.map((r) => [String(r.metric), num(r.value) ?? undefined]));
}

function aucTone(auc: number | undefined): Tone {
  if (auc === undefined) return 'neutral';
  return auc >= 0.75 ? 'good' : auc >= 0.6 ? 'warn' : 'bad';
}
