// The fraud rules: each is a SQL condition over a payment's features, the pattern it stands
// for, a prior strength (how likely a payment is fraud when only this rule fires; rules
// combine as independent evidence) and a reason a person can read. Adding a rule: one entry.

export const FRAUD_PATTERNS = [
  'card_testing',
  'velocity_card',
  'velocity_device',
  'geo_mismatch',
  'new_account_high_value',
  'anomaly',
  'model',
] as const;
export type FraudPatternName = (typeof FRAUD_PATTERNS)[number];

export interface FraudRule {
  readonly name: string;
  readonly pattern: FraudPatternName;
  /** Over the columns of cg_payment_features. */
  readonly condition: string;
  readonly strength: number;
  /** A SQL string expression for the reason, naming the evidence. */
  readonly reason: string;
  /** What groups this rule's payments into one alert. */
  readonly alertKey: 'payment_id' | 'card_token' | 'device_id' | 'ip_token' | 'order_id';
}

const burst = 'greatest(device_burst, card_burst, order_attempts)';
const burstDeclines = 'greatest(device_burst_declines, card_burst_declines, order_declines)';

export const FRAUD_RULES: readonly FraudRule[] = [
  {
    name: 'card_testing',
    pattern: 'card_testing',
    condition: `${burst} >= 4 AND (${burstDeclines} >= 2 OR amount_ratio < 0.25)`,
    strength: 0.9,
    reason: `'card testing: ' || ${burst} || ' attempts within minutes on one card, device or order, ' || ${burstDeclines} || ' declined'`,
    alertKey: 'order_id',
  },
  {
    name: 'card_many_customers',
    pattern: 'velocity_card',
    condition: 'card_customers >= 3',
    strength: 0.85,
    reason: `'velocity: card used by ' || card_customers || ' customers within 30 days'`,
    alertKey: 'card_token',
  },
  {
    name: 'device_many_customers',
    pattern: 'velocity_device',
    condition: 'device_customers >= 3 OR ip_customers >= 3',
    strength: 0.8,
    reason: `'velocity: device or IP shared by ' || greatest(device_customers, ip_customers) || ' customers within 7 days'`,
    alertKey: 'device_id',
  },
  {
    name: 'device_many_cards',
    pattern: 'velocity_device',
    condition: `greatest(device_cards, ip_cards) >= 4 AND NOT (${burst} >= 4)`,
    strength: 0.6,
    reason: `'velocity: ' || greatest(device_cards, ip_cards) || ' cards on one device or IP within 7 days'`,
    alertKey: 'device_id',
  },
  {
    name: 'billing_country_mismatch',
    pattern: 'geo_mismatch',
    condition: 'billing_mismatch = 1 AND card_present = 0',
    strength: 0.45,
    reason: `'geography: billing country ' || billing_country || ' differs from shipping country ' || ship_country`,
    alertKey: 'payment_id',
  },
  {
    name: 'unusual_ship_country',
    pattern: 'geo_mismatch',
    condition: 'ship_abroad = 1 AND ship_country_share < 0.34 AND card_present = 0',
    strength: 0.45,
    reason: `'geography: shipped to ' || ship_country || ', unusual for a customer from ' || home_country`,
    alertKey: 'payment_id',
  },
  {
    name: 'new_account_high_value',
    pattern: 'new_account_high_value',
    condition: 'first_order = 1 AND account_age_hours < 24 AND amount_ratio >= 3',
    strength: 0.6,
    reason: `'new account: first order ' || round(account_age_hours, 1) || ' h after sign-up, ' || round(amount_ratio, 1) || '× the usual amount'`,
    alertKey: 'payment_id',
  },
];
