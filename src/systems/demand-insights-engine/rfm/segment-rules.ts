// The named RFM segments as a rule table over the 1–5 quintile scores: the first rule whose
// ranges hold names the customer. Every (r, f, m) cell is covered; the segment test walks
// all 125. Recency and frequency decide, as in the classic R×F grid; monetary only separates
// the big spenders we can't lose from the merely at-risk.

export const SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New Customers',
  'At Risk',
  "Can't Lose Them",
  'Hibernating',
  'Lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

type ScoreRange = readonly [min: number, max: number];

export interface SegmentRule {
  readonly segment: Segment;
  readonly r: ScoreRange;
  readonly f: ScoreRange;
  readonly m: ScoreRange;
  readonly why: string;
}

const ANY: ScoreRange = [1, 5];

/** Read top to bottom; the first match wins. */
export const SEGMENT_RULES: readonly SegmentRule[] = [
  { segment: 'Champions', r: [5, 5], f: [4, 5], m: ANY, why: 'bought very recently and buy often' },
  { segment: 'Loyal', r: [3, 4], f: [4, 5], m: ANY, why: 'buy often, fairly recently' },
  {
    segment: "Can't Lose Them",
    r: [1, 2],
    f: [4, 5],
    m: [4, 5],
    why: 'frequent big spenders who have not been back for long',
  },
  { segment: 'At Risk', r: [1, 2], f: [3, 5], m: ANY, why: 'used to buy regularly, not lately' },
  { segment: 'New Customers', r: [4, 5], f: [1, 1], m: ANY, why: 'first purchase was recent' },
  {
    segment: 'Potential Loyalists',
    r: [3, 5],
    f: [2, 3],
    m: ANY,
    why: 'recent, a few purchases: could become loyal',
  },
  { segment: 'Lost', r: [1, 1], f: [1, 2], m: ANY, why: 'one or two purchases, long ago' },
  { segment: 'Hibernating', r: [2, 3], f: [1, 2], m: ANY, why: 'few purchases, a while ago' },
];

export interface RfmScores {
  readonly r: number;
  readonly f: number;
  readonly m: number;
}

const within = (value: number, [min, max]: ScoreRange): boolean => value >= min && value <= max;

export function segmentFor(scores: RfmScores): Segment {
  const rule = SEGMENT_RULES.find(
    (rule) => within(scores.r, rule.r) && within(scores.f, rule.f) && within(scores.m, rule.m),
  );
  if (!rule)
    throw new RangeError(
      `No RFM segment covers r=${scores.r} f=${scores.f} m=${scores.m}: scores run from 1 to 5.`,
    );
  return rule.segment;
}

/** The same rules as a SQL CASE over integer columns r_score, f_score, m_score. */
export function segmentCaseSql(): string {
  const between = (column: string, [min, max]: ScoreRange) => `${column} BETWEEN ${min} AND ${max}`;
  const whens = SEGMENT_RULES.map(
    (rule) =>
      `WHEN ${between('r_score', rule.r)} AND ${between('f_score', rule.f)} AND ${between('m_score', rule.m)} THEN '${rule.segment.replace(/'/g, "''")}'`,
  );
  return `CASE ${whens.join(' ')} END`;
}
