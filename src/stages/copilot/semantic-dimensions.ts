// The dimensions of the semantic layer: what an answer can be broken down or filtered by,
// and the words analysts use for each. Phrases are lower-case words separated by one space.

export const DIMENSION_NAMES = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'category',
  'region',
  'country',
  'channel',
  'segment',
  'risk_level',
  'product',
  'customer',
  'search_term',
  'status',
] as const;
export type DimensionName = (typeof DIMENSION_NAMES)[number];

export type TimeDimension = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const TIME_DIMENSIONS: readonly DimensionName[] = ['day', 'week', 'month', 'quarter', 'year'];

/** Whether `d` buckets time. */
export function isTimeDimension(d: DimensionName): d is TimeDimension {
  return TIME_DIMENSIONS.includes(d);
}

export interface DimensionDef {
  readonly name: DimensionName;
  /** How the answer names it: 'region', 'risk level'. */
  readonly label: string;
  readonly plural: string;
  /** Words that ask to break the answer down by this dimension ("by region", "regions"). */
  readonly phrases: readonly string[];
  /** Words that name the dimension beside one of its values ("the EMEA region"). */
  readonly nouns: readonly string[];
}

export const DIMENSIONS: Readonly<Record<DimensionName, DimensionDef>> = {
  day: {
    name: 'day',
    label: 'day',
    plural: 'days',
    phrases: ['day', 'days', 'daily', 'date', 'dates', 'day by day', 'per day', 'each day', 'every day'],
    nouns: [],
  },
  week: {
    name: 'week',
    label: 'week',
    plural: 'weeks',
    phrases: ['week', 'weeks', 'weekly', 'week by week', 'per week', 'each week', 'every week'],
    nouns: [],
  },
  month: {
    name: 'month',
    label: 'month',
    plural: 'months',
    phrases: ['month', 'months', 'monthly', 'month by month', 'per month', 'each month', 'every month'],
    nouns: [],
  },
  quarter: {
    name: 'quarter',
    label: 'quarter',
    plural: 'quarters',
    phrases: ['quarter', 'quarters', 'quarterly', 'quarter by quarter', 'per quarter', 'each quarter'],
    nouns: [],
  },
  year: {
    name: 'year',
    label: 'year',
    plural: 'years',
    phrases: ['year', 'years', 'yearly', 'annually', 'annual', 'year by year', 'per year', 'each year'],
    nouns: [],
  },
  category: {
    name: 'category',
    label: 'category',
    plural: 'categories',
    phrases: [
      'category',
      'categories',
      'product category',
      'product categories',
      'department',
      'departments',
    ],
    nouns: ['category', 'categories', 'department'],
  },
  region: {
    name: 'region',
    label: 'region',
    plural: 'regions',
    phrases: ['region', 'regions', 'regional', 'geography', 'geographies', 'world region', 'world regions'],
    nouns: ['region'],
  },
  country: {
    name: 'country',
    label: 'country',
    plural: 'countries',
    phrases: ['country', 'countries', 'market', 'markets', 'nation', 'nations'],
    nouns: ['country', 'market'],
  },
  channel: {
    name: 'channel',
    label: 'channel',
    plural: 'channels',
    phrases: ['channel', 'channels', 'sales channel', 'sales channels', 'order channel', 'order channels'],
    nouns: ['channel', 'sales channel'],
  },
  segment: {
    name: 'segment',
    label: 'segment',
    plural: 'segments',
    phrases: [
      'segment',
      'segments',
      'customer segment',
      'customer segments',
      'rfm segment',
      'rfm segments',
      'segmentation',
    ],
    nouns: ['segment', 'customer segment'],
  },
  risk_level: {
    name: 'risk_level',
    label: 'risk level',
    plural: 'risk levels',
    phrases: [
      'risk level',
      'risk levels',
      'risk band',
      'risk bands',
      'risk tier',
      'risk tiers',
      'risk bucket',
      'risk buckets',
      'by risk',
      'per risk',
      'by churn risk',
      'by fraud risk',
    ],
    nouns: ['risk', 'risk level'],
  },
  product: {
    name: 'product',
    label: 'product',
    plural: 'products',
    phrases: ['product', 'products', 'sku', 'skus', 'article', 'articles'],
    nouns: [],
  },
  customer: {
    name: 'customer',
    label: 'customer',
    plural: 'customers',
    phrases: ['customer', 'by customer', 'per customer', 'each customer'],
    nouns: [],
  },
  search_term: {
    name: 'search_term',
    label: 'search term',
    plural: 'search terms',
    phrases: [
      'search term',
      'search terms',
      'search query',
      'search queries',
      'query',
      'queries',
      'keyword',
      'keywords',
      'term',
      'terms',
    ],
    nouns: [],
  },
  status: {
    name: 'status',
    label: 'order status',
    plural: 'order statuses',
    phrases: ['status', 'statuses', 'order status', 'order statuses', 'order state', 'order states'],
    nouns: ['status', 'order status'],
  },
};

/** Names of channels, regions and risk levels as people say them, beside the stored value. */
export const VALUE_ALIASES: Readonly<
  Partial<Record<DimensionName, Readonly<Record<string, readonly string[]>>>>
> = {
  region: {
    EMEA: ['emea', 'europe', 'europe middle east and africa'],
    APAC: ['apac', 'asia pacific', 'asia', 'asia and pacific', 'asia-pacific'],
    LATAM: ['latam', 'latin america', 'south america', 'central and south america'],
    NA: ['north america', 'northern america'],
  },
  channel: {
    web: ['web', 'website', 'web shop', 'webshop', 'the website'],
    mobile: ['mobile', 'app', 'mobile app', 'apps', 'mobile apps'],
    store: ['stores', 'in store', 'in-store', 'retail store', 'retail stores', 'brick and mortar'],
    marketplace: ['marketplace', 'marketplaces', 'third party marketplaces', 'market place'],
  },
  risk_level: {
    high: ['risky', 'highly risky'],
    medium: ['moderate risk', 'mid risk'],
    low: [],
  },
};
