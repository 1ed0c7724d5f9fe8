// What a generated world should turn into, so that the pipeline can be checked against it:
// rows per table after validation and deduplication, rejects and warnings by rule, the
// sensitive values planted, the fraud planted and labelled, and the customers who churned.

import type { SourceTableName } from '../../core/source-tables.js';
import type { ErrorRule, WarnRule } from '../../core/validation-rules.js';

export const FRAUD_PATTERNS = [
  'card_testing',
  'velocity_card',
  'velocity_device',
  'geo_mismatch',
  'new_account_high_value',
] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];

export interface TableGroundTruth {
  /** Every row in every raw batch of the table. */
  readonly rawRows: number;
  /** Distinct primary keys of rows that break no error rule: the curated row count. */
  readonly expectedCuratedRows: number;
  /** Rows that break an error rule (each breaks exactly one), by rule. */
  readonly rejectedByRule: Readonly<Record<ErrorRule, number>>;
  /** Kept incoming rows that break a warn rule, by rule (no such row is ever duplicated). */
  readonly warningsByRule: Readonly<Record<WarnRule, number>>;
  /** Rows identical to another row (within a batch or in a re-export): they collapse. */
  readonly exactDuplicateRows: number;
  /** Distinct older versions of a primary key (smaller updated_at): dedupe drops them. */
  readonly versionDuplicateRows: number;
}

export interface SensitiveCounts {
  readonly pans: number;
  readonly ssns: number;
  readonly emails: number;
}

export interface SensitiveGroundTruth {
  /** Luhn-valid card numbers pasted into free text (contract free-text columns and gift_message). */
  readonly pansInFreeText: number;
  readonly ssnsInFreeText: number;
  readonly emailsInFreeText: number;
  /** payments.card_number values that fail the Luhn check (typos), among expected curated payments. */
  readonly luhnInvalidCardNumbers: number;
  /** payments rows with a card number, among expected curated payments. */
  readonly cardNumbers: number;
  /** customers.ssn values, among expected curated customers. */
  readonly ssns: number;
  /**
   * The same counts per `<table>.<column>`. Contract columns count expected curated rows (a
   * row keeps its free text across versions); extra columns count the cells planted.
   */
  readonly byColumn: Readonly<Record<string, SensitiveCounts>>;
}

export interface FraudGroundTruth {
  /** payment_id of every fraudulent payment, by the pattern that produced it. */
  readonly paymentIdsByPattern: Readonly<Record<FraudPattern, readonly number[]>>;
  /** Fraudulent payments that later got a 'chargeback' version (the only labels a model sees). */
  readonly chargebackPaymentIds: readonly number[];
}

export interface GroundTruth {
  readonly generator: {
    readonly seed: number;
    readonly orders: number;
    readonly days: number;
    readonly chunks: number;
    readonly startDate: string;
    readonly endDate: string;
  };
  readonly endDate: string;
  readonly tables: Readonly<Record<SourceTableName, TableGroundTruth>>;
  readonly batches: { readonly total: number; readonly mysqlUnloadable: number };
  readonly sensitive: SensitiveGroundTruth;
  readonly fraud: FraudGroundTruth;
  readonly churn: {
    /** customer_id of every customer who dropped out after a purchase (BG/NBD-style). */
    readonly droppedOutCustomerIds: readonly number[];
    readonly regularCustomers: number;
  };
  /** Queries shoppers search for that the shop does not sell (results_count 0). */
  readonly demandGaps: readonly { readonly query: string; readonly suggestedCategory: string }[];
  /** Units of each currency per USD, to compare amounts across countries. */
  readonly currencyPerUsd: Readonly<Record<string, number>>;
}
