// Customers as the CRM exports them: names, emails, phones, an SSN for some, birth date,
// address, CRM hint. A few move (a newer version of the row later); a few have an email the
// validator warns about. Names, IP and device follow from seeds kept in the pool.

import { columnSlots, emptyRow, type MutableRow } from './column-slots.js';
import { CumulativeSampler } from './cumulative-sampler.js';
import { type SecretKind, segmentHint, ssnText } from './free-text.js';
import { FIRST_NAMES, LAST_NAMES } from './person-names.js';
import type { SeededRandom } from './seeded-random.js';
import { formatTimestamp, US_PER_DAY } from './timestamp-text.js';
import type { TimedState } from './version-queue.js';
import type { WorldContext } from './world-context.js';
import { COUNTRIES, COUNTRIES_BY_REGION, REGION_PROFILES, REGIONS } from './world-geography.js';

export const CUSTOMER = columnSlots('customers', [
  'customer_id',
  'email',
  'first_name',
  'last_name',
  'phone',
  'ssn',
  'date_of_birth',
  'country',
  'region',
  'city',
  'postal_code',
  'segment_hint',
  'created_at',
  'updated_at',
]);

const countryPickers = COUNTRIES_BY_REGION.map(
  (indexes) => new CumulativeSampler(indexes.map((i) => COUNTRIES[i]!.share)),
);

export function regionOfCountry(country: number): number {
  return COUNTRIES[country]!.region;
}

export function pickCountry(region: number, rng: SeededRandom): number {
  return COUNTRIES_BY_REGION[region]![countryPickers[region]!.sample(rng)]!;
}

export function personName(country: number, seed: number): { first: string; last: string } {
  const region = regionOfCountry(country);
  return { first: FIRST_NAMES[region]![seed & 15]!, last: LAST_NAMES[region]![(seed >>> 4) & 15]! };
}

const HOLDERS = new Map<number, string>();

/** 'First Last' as on a card; one string per name (there are few), shared by all payments. */
export function holderName(country: number, seed: number): string {
  const key = regionOfCountry(country) * 256 + (seed & 255);
  let holder = HOLDERS.get(key);
  if (holder === undefined) {
    const { first, last } = personName(country, seed);
    holder = `${first} ${last}`;
    HOLDERS.set(key, holder);
  }
  return holder;
}

export function ipAddress(country: number, seed: number): string {
  return `${COUNTRIES[country]!.ipOctet}.${(seed >>> 8) & 255}.${(seed >>> 16) & 255}.${1 + ((seed >>> 24) % 254)}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 'd-' and ten hex digits: short enough for V8 to keep it as one flat string. */
export function deviceId(seed: number): string {
  return `d-${HEX[seed >>> 24]}${HEX[(seed >>> 16) & 255]}${HEX[(seed >>> 8) & 255]}${HEX[seed & 255]}${HEX[Math.imul(seed, 0x9e3779b1) >>> 24]}`;
}

/** Emails the validator warns about: no @, two of them, or a domain without a dot. */
export function brokenEmail(email: string, rng: SeededRandom): string {
  const [user, domain] = email.split('@') as [string, string];
  return rng.pick([
    `${user}.${domain}`,
    `${user}@@${domain}`,
    `${user}@localhost`,
    `${user}@${user}@${domain}`,
    `${user}@${domain.split('.')[0]}`,
  ]);
}

export interface CustomerRowOptions {
  readonly id: number;
  readonly country: number;
  readonly nameSeed: number;
  readonly createdUs: number;
  /** Plant secrets and odd casing: only on rows that are expected in curated. */
  readonly planted: boolean;
}

/** A clean customer row (dirty-row makers start from it too). */
export function customerRow(ctx: WorldContext, options: CustomerRowOptions): MutableRow {
  const { rng } = ctx;
  const country = COUNTRIES[options.country]!;
  const seed = options.nameSeed;
  const { first, last } = personName(options.country, seed);
  const n = (seed >>> 16) % 1000;
  const user = [
    `${first}.${last}${n}`,
    `${first[0]}${last}`,
    `${first}_${last}${n % 100}`,
    `${first}${last}${n}`,
  ][(seed >>> 8) & 3]!;
  const row = emptyRow('customers');
  row[CUSTOMER.customer_id] = options.id;
  row[CUSTOMER.email] =
    `${user.toLowerCase()}@${country.emailDomains[(seed >>> 12) % country.emailDomains.length]}`;
  row[CUSTOMER.first_name] = first;
  row[CUSTOMER.last_name] = last;
  if (rng.chance(0.85))
    row[CUSTOMER.phone] =
      `${country.phonePrefix} ${rng.between(200, 999)} ${rng.between(100, 999)} ${rng.between(1000, 9999)}`;
  if (rng.chance(0.3)) {
    row[CUSTOMER.ssn] = ssnText(rng);
    if (options.planted) ctx.tally.ssn();
  }
  const createdYear = new Date(options.createdUs / 1000).getUTCFullYear();
  if (rng.chance(0.85)) {
    row[CUSTOMER.date_of_birth] =
      `${createdYear - rng.between(18, 75)}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
  }
  // Codes a validator accepts after trim + upper-case; the world's first customer surely has one.
  row[CUSTOMER.country] =
    options.planted && options.id === 1
      ? country.code.toLowerCase()
      : options.planted && rng.chance(0.005)
        ? rng.pick([country.code.toLowerCase(), `${country.code.toLowerCase()} `])
        : country.code;
  row[CUSTOMER.region] = REGIONS[country.region]!;
  row[CUSTOMER.city] = rng.pick(country.cities);
  row[CUSTOMER.postal_code] = postalCode(country.postal, rng);
  if (rng.chance(0.12)) {
    const kind: SecretKind | undefined =
      options.planted && rng.chance(0.03) ? rng.pick(['pan', 'ssn', 'email'] as const) : undefined;
    const hint = segmentHint(rng, kind);
    row[CUSTOMER.segment_hint] = hint.text;
    if (options.planted) ctx.tally.freeText('customers.segment_hint', hint);
  }
  row[CUSTOMER.created_at] = formatTimestamp(options.createdUs);
  row[CUSTOMER.updated_at] = row[CUSTOMER.created_at]!;
  return row;
}

export function postalCode(template: string, rng: SeededRandom): string {
  let out = '';
  for (const ch of template)
    out += ch === '9' ? String(rng.int(10)) : ch === 'A' ? String.fromCharCode(65 + rng.int(26)) : ch;
  return out;
}

/** Adds customers to the pool and exports their rows in the current chunk's customers batch. */
export class CustomerFactory {
  private badEmailDue = true;

  constructor(private readonly ctx: WorldContext) {}

  /** Customers from before history, enough that day one is not all first-time buyers. */
  seedBase(): void {
    const { calendar, pool, rng } = this.ctx;
    REGION_PROFILES.forEach((_, region) => {
      const target = calendar.trendDemand(0, region);
      while (pool.aliveRate(region) < target)
        this.acquire(region, calendar.dayStartUs(0) - rng.uniform(1, 720) * US_PER_DAY, true);
    });
  }

  /** A new customer of `region` created at `createdUs`; `regular` ones buy again, fraud accounts do not. */
  acquire(
    region: number,
    createdUs: number,
    regular: boolean,
    country = pickCountry(region, this.ctx.rng),
  ): number {
    const { ctx } = this;
    const id = ctx.ids.take('customers');
    const c = ctx.pool.add({ id, country, createdUs, regular }, regionOfCountry, ctx.rng);
    const row = customerRow(ctx, { id, country, nameSeed: ctx.pool.nameSeed[c]!, createdUs, planted: true });
    if (regular && (this.badEmailDue || ctx.rng.chance(0.004))) {
      this.badEmailDue = false;
      row[CUSTOMER.email] = brokenEmail(String(row[CUSTOMER.email]), ctx.rng);
      ctx.main.customers.fresh(row, 'email_format');
      return c;
    }
    const states: TimedState[] = [{ us: createdUs, build: () => row }];
    if (regular && ctx.rng.chance(0.07)) {
      const movedUs = Math.max(createdUs, ctx.calendar.dayStartUs(0)) + ctx.rng.uniform(20, 700) * US_PER_DAY;
      const moved = row.slice();
      const home = COUNTRIES[country]!;
      moved[CUSTOMER.city] = ctx.rng.pick(home.cities);
      moved[CUSTOMER.postal_code] = postalCode(home.postal, ctx.rng);
      moved[CUSTOMER.updated_at] = formatTimestamp(movedUs);
      states.push({ us: movedUs, build: () => moved });
    }
    ctx.main.customers.fresh(ctx.versions.exportTimeline('customers', states, ctx.chunk, ctx.rng));
    return c;
  }
}
