// The contract's validation rules as a closed vocabulary. Error rules quarantine a row;
// warn rules keep it and count it.

export const ERROR_RULES = [
  'primary_key',
  'required_or_type',
  'enum_value',
  'amount_range',
  'code_format',
  'event_time_range',
] as const;
export const WARN_RULES = ['email_format', 'orphan_reference', 'total_mismatch'] as const;

export type ErrorRule = (typeof ERROR_RULES)[number];
export type WarnRule = (typeof WARN_RULES)[number];
export type RuleName = ErrorRule | WarnRule;

export const RULE_DESCRIPTIONS: Readonly<Record<RuleName, string>> = {
  primary_key: 'primary key missing or not an integer',
  required_or_type: 'a NOT NULL column missing, or a value that does not parse as its type',
  enum_value: 'enum outside its set after trim + lower-case',
  amount_range: 'quantity <= 0, or a negative price or amount',
  code_format: 'country not two letters or currency not three letters',
  event_time_range: 'event time before 2000-01-01 or more than 1 day after processing',
  email_format: 'email without exactly one @ and a dot in its domain',
  orphan_reference: 'reference to a parent row not seen (yet) in curated',
  total_mismatch: 'abs(subtotal - discount + shipping + tax - total) > 0.01',
};
