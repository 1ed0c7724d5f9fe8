// The shop's markets: four regions of different size and growth, twelve countries with their
// ISO 3166 codes, ISO 4217 currencies and a fixed FX rate, so amounts look local and stay convertible.

export const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM'] as const;
export type Region = (typeof REGIONS)[number];

export interface RegionProfile {
  readonly name: Region;
  /** Share of orders on the first day of history. */
  readonly share: number;
  /** Yearly growth of demand (0.25 = +25 % a year). */
  readonly growth: number;
  /** Hours added to UTC for the region's shopping day. */
  readonly utcOffset: number;
}

export const REGION_PROFILES: readonly RegionProfile[] = [
  { name: 'NA', share: 0.4, growth: 0.1, utcOffset: -5 },
  { name: 'EMEA', share: 0.33, growth: 0.07, utcOffset: 1 },
  { name: 'APAC', share: 0.17, growth: 0.3, utcOffset: 8 },
  { name: 'LATAM', share: 0.1, growth: 0.42, utcOffset: -4 },
];

export interface Country {
  readonly code: string;
  readonly region: number;
  /** Share of its region's customers. */
  readonly share: number;
  readonly currency: string;
  /** Units of the currency per US dollar (catalogue prices are in USD). */
  readonly perUsd: number;
  readonly taxRate: number;
  readonly phonePrefix: string;
  /** First octet of the shop's customers' IPv4 addresses there. */
  readonly ipOctet: number;
  readonly cities: readonly string[];
  /** Postal code template: 9 → digit, A → letter. */
  readonly postal: string;
  readonly emailDomains: readonly string[];
}

const GLOBAL_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'];

export const COUNTRIES: readonly Country[] = [
  country(
    'US',
    0,
    0.85,
    'USD',
    1,
    0.07,
    '+1',
    73,
    ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Seattle', 'Miami'],
    '99999',
    ['aol.com'],
  ),
  country(
    'CA',
    0,
    0.15,
    'CAD',
    1.36,
    0.13,
    '+1',
    99,
    ['Toronto', 'Vancouver', 'Montreal', 'Calgary'],
    'A9A 9A9',
    ['shaw.ca'],
  ),
  country(
    'GB',
    1,
    0.34,
    'GBP',
    0.79,
    0.2,
    '+44',
    81,
    ['London', 'Manchester', 'Leeds', 'Bristol', 'Glasgow'],
    'AA9 9AA',
    ['btinternet.com'],
  ),
  country(
    'DE',
    1,
    0.3,
    'EUR',
    0.92,
    0.19,
    '+49',
    84,
    ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt'],
    '99999',
    ['web.de', 'gmx.de'],
  ),
  country('FR', 1, 0.22, 'EUR', 0.92, 0.2, '+33', 90, ['Paris', 'Lyon', 'Marseille', 'Toulouse'], '99999', [
    'orange.fr',
  ]),
  country(
    'ES',
    1,
    0.14,
    'EUR',
    0.92,
    0.21,
    '+34',
    88,
    ['Madrid', 'Barcelona', 'Valencia', 'Seville'],
    '99999',
    ['telefonica.net'],
  ),
  country(
    'JP',
    2,
    0.4,
    'JPY',
    150,
    0.1,
    '+81',
    126,
    ['Tokyo', 'Osaka', 'Yokohama', 'Nagoya', 'Sapporo'],
    '999-9999',
    ['yahoo.co.jp'],
  ),
  country('AU', 2, 0.25, 'AUD', 1.52, 0.1, '+61', 101, ['Sydney', 'Melbourne', 'Brisbane', 'Perth'], '9999', [
    'bigpond.com',
  ]),
  country(
    'IN',
    2,
    0.35,
    'INR',
    83,
    0.18,
    '+91',
    117,
    ['Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Pune'],
    '999999',
    ['rediffmail.com'],
  ),
  country(
    'MX',
    3,
    0.4,
    'MXN',
    17.2,
    0.16,
    '+52',
    187,
    ['Mexico City', 'Guadalajara', 'Monterrey', 'Puebla'],
    '99999',
    ['prodigy.net.mx'],
  ),
  country(
    'BR',
    3,
    0.45,
    'BRL',
    5.1,
    0.17,
    '+55',
    177,
    ['Sao Paulo', 'Rio de Janeiro', 'Brasilia', 'Salvador'],
    '99999-999',
    ['uol.com.br'],
  ),
  country('CO', 3, 0.15, 'COP', 3950, 0.19, '+57', 181, ['Bogota', 'Medellin', 'Cali'], '999999', [
    'hotmail.com',
  ]),
];

/** Valid ISO codes outside the shop's markets: billing countries that stand out in fraud. */
export const FOREIGN_COUNTRY_CODES = ['NG', 'RU', 'VN', 'RO', 'UA', 'ID', 'PH', 'KZ'] as const;

/** Indexes of each region's countries. */
export const COUNTRIES_BY_REGION: readonly (readonly number[])[] = REGION_PROFILES.map((_, r) =>
  COUNTRIES.flatMap((c, i) => (c.region === r ? [i] : [])),
);

function country(
  code: string,
  region: number,
  share: number,
  currency: string,
  perUsd: number,
  taxRate: number,
  phonePrefix: string,
  ipOctet: number,
  cities: string[],
  postal: string,
  localMail: string[],
): Country {
  return {
    code,
    region,
    share,
    currency,
    perUsd,
    taxRate,
    phonePrefix,
    ipOctet,
    cities,
    postal,
    emailDomains: [...GLOBAL_MAIL, ...localMail],
  };
}

/** Converts USD cents to the country's currency in cents (whole units for yen). */
export function localCents(usdCents: number, target: Country): number {
  const cents = usdCents * target.perUsd;
  return target.currency === 'JPY' ? Math.round(cents / 100) * 100 : Math.round(cents);
}
