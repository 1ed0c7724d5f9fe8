// The numeric view of a payment that the chargeback model and the isolation forest learn
// from: counts on a log scale, capped, so that one extreme burst does not dominate.

export interface FraudModelFeature {
  readonly name: string;
  /** Over the columns of cg_payment_features. */
  readonly sql: string;
}

export const FRAUD_MODEL_FEATURES: readonly FraudModelFeature[] = [
  { name: 'log_amount_ratio', sql: 'ln(coalesce(amount_ratio, 1) + 0.01)' },
  { name: 'declined', sql: 'declined' },
  { name: 'log_order_attempts', sql: 'ln(order_attempts)' },
  { name: 'log_burst', sql: 'ln(greatest(device_burst, card_burst))' },
  { name: 'log_burst_declines', sql: 'ln(1 + greatest(device_burst_declines, card_burst_declines))' },
  { name: 'log_card_customers', sql: 'ln(card_customers)' },
  { name: 'log_device_cards', sql: 'ln(least(greatest(device_cards, ip_cards, 1), 50))' },
  { name: 'log_device_customers', sql: 'ln(least(greatest(device_customers, ip_customers, 1), 50))' },
  { name: 'card_present', sql: 'card_present' },
  { name: 'billing_mismatch', sql: 'billing_mismatch' },
  { name: 'ship_abroad', sql: 'ship_abroad' },
  { name: 'ship_country_share', sql: 'ship_country_share' },
  { name: 'log_account_age_hours', sql: 'ln(1 + coalesce(account_age_hours, 10000))' },
  { name: 'first_order', sql: 'coalesce(first_order, 0)' },
];

export function fraudFeatureSelectSql(): string {
  return FRAUD_MODEL_FEATURES.map((f) => `CAST(${f.sql} AS DOUBLE) AS ${f.name}`).join(', ');
}

export function fraudFeatureRow(row: Readonly<Record<string, unknown>>): number[] {
  return FRAUD_MODEL_FEATURES.map((f) => Number(row[f.name] ?? 0));
}
