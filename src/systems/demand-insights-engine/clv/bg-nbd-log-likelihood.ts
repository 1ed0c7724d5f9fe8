// BG/NBD likelihood of Fader, Hardie & Lee (2005), eq. 6, in the log-sum form of lifetimes'
// BetaGeoFitter so that long-lived, frequent customers do not underflow.

import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerSummary } from './summarise-transactions.js';

/** Purchase rate ~ Gamma(r, α); dropout probability after each purchase ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** The part of a customer summary that the purchase model sees. */
export type PurchaseHistory = Pick<CustomerSummary, 'frequency' | 'recency' | 'T'>;

/** Total log-likelihood of `customers`; −∞ when a parameter is not positive. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly PurchaseHistory[]): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  const logAlpha = Math.log(alpha);
  const betaAB = betaln(a, b);
  const logA = Math.log(a);

  // The gamma/beta terms depend on the frequency alone, and frequencies repeat a lot.
  const termsByFrequency = new Map<number, number>();
  const frequencyTerms = (x: number): number => {
    let terms = termsByFrequency.get(x);
    if (terms === undefined) {
      terms = gammaln(r + x) - gammaln(r) + r * logAlpha + betaln(a, b + x) - betaAB;
      termsByFrequency.set(x, terms);
    }
    return terms;
  };

  const { frequencies, tIndex, txIndex, distinctT, distinctTx } = compiled(customers);
  // Ages and last-purchase times repeat (whole days): one log per distinct value, not per customer.
  const logAlphaT = distinctT.map((T) => Math.log(alpha + T));
  const logAlphaTx = distinctTx.map((tx) => Math.log(alpha + tx));
  const logDropoutByFrequency = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < frequencies.length; i++) {
    const x = frequencies[i]!;
    const aliveAtT = -(r + x) * logAlphaT[tIndex[i]!]!;
    let mixture = aliveAtT;
    if (x > 0) {
      let logDropout = logDropoutByFrequency.get(x);
      if (logDropout === undefined) {
        logDropout = logA - Math.log(b + x - 1);
        logDropoutByFrequency.set(x, logDropout);
      }
      mixture = logAddExp(aliveAtT, logDropout - (r + x) * logAlphaTx[txIndex[i]!]!);
    }
    total += frequencyTerms(x) + mixture;
  }
  return total;
}

interface CompiledHistories {
  readonly frequencies: Float64Array;
  readonly tIndex: Uint32Array;
  readonly txIndex: Uint32Array;
  readonly distinctT: Float64Array;
  readonly distinctTx: Float64Array;
}

// A fit evaluates the likelihood hundreds of times over the same array: compile it once.
const compiledHistories = new WeakMap<readonly PurchaseHistory[], CompiledHistories>();

function compiled(customers: readonly PurchaseHistory[]): CompiledHistories {
  let histories = compiledHistories.get(customers);
  if (histories === undefined) {
    const t = indexed(customers.map((c) => c.T));
    const tx = indexed(customers.map((c) => c.recency));
    histories = {
      frequencies: Float64Array.from(customers, (c) => c.frequency),
      tIndex: t.index,
      txIndex: tx.index,
      distinctT: t.distinct,
      distinctTx: tx.distinct,
    };
    compiledHistories.set(customers, histories);
  }
  return histories;
}

function indexed(values: readonly number[]): { index: Uint32Array; distinct: Float64Array } {
  const positions = new Map<number, number>();
  const index = new Uint32Array(values.length);
  values.forEach((value, i) => {
    let position = positions.get(value);
    if (position === undefined) {
      position = positions.size;
      positions.set(value, position);
    }
    index[i] = position;
  });
  return { index, distinct: Float64Array.from(positions.keys()) };
}

function logAddExp(u: number, v: number): number {
  const max = Math.max(u, v);
  return max === Number.NEGATIVE_INFINITY ? max : max + Math.log1p(Math.exp(Math.min(u, v) - max));
}
