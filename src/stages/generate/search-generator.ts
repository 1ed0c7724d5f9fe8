// A chunk's search events: about two per order, in sessions of a few searches, by signed-in
// customers or anonymous visitors; queries from the drifting long tail, typed with typos and
// odd spacing; clicks on a share of searches that found something; now and then a shopper
// pastes an email, card number or SSN into the box.

import { columnSlots, emptyRow } from './column-slots.js';
import { pickCountry } from './customer-factory.js';
import { pastedQuery, type SecretKind } from './free-text.js';
import { typedQuery } from './search-vocabulary.js';
import { dayOfYear, formatTimestamp, US_PER_DAY, US_PER_SECOND } from './timestamp-text.js';
import type { WorldContext } from './world-context.js';
import { COUNTRIES, REGION_PROFILES } from './world-geography.js';

export const SEARCH = columnSlots('search_events', [
  'event_id',
  'session_id',
  'customer_id',
  'event_ts',
  'query_text',
  'results_count',
  'clicked_product_id',
  'country',
  'updated_at',
]);

const SEARCHES_PER_ORDER = 2;

export function generateSearches(ctx: WorldContext): void {
  const { calendar, chunk, rng, pool, catalog, vocabulary } = ctx;
  for (let day = chunk.firstDay; day <= chunk.lastDay; day++) {
    const sampler = vocabulary.samplerAt(calendar.yearsIn(day), dayOfYear(calendar.epochDay(day)));
    const dayStart = calendar.dayStartUs(day);
    for (let region = 0; region < REGION_PROFILES.length; region++) {
      let remaining = Math.round(
        SEARCHES_PER_ORDER * calendar.ordersOn(day, region) * Math.exp(0.05 * rng.normal()),
      );
      while (remaining > 0) {
        const size = Math.min(remaining, 1 + rng.poisson(0.9));
        remaining -= size;
        const customer = rng.chance(0.55) ? pool.pickAlive(region, rng) : -1;
        const signedIn = customer >= 0 && pool.createdUs[customer]! < dayStart;
        const country = signedIn ? pool.country[customer]! : pickCountry(region, rng);
        const session = `s-${rng.hex(10)}`;
        let us = dayStart + rng.next() * (US_PER_DAY - (size + 1) * 90 * US_PER_SECOND);
        for (let i = 0; i < size; i++) {
          us += rng.uniform(3, 90) * US_PER_SECOND;
          const row = emptyRow('search_events');
          row[SEARCH.event_id] = ctx.ids.take('search_events');
          row[SEARCH.session_id] = session;
          row[SEARCH.customer_id] = signedIn ? pool.ids[customer]! : null;
          row[SEARCH.event_ts] = formatTimestamp(us);
          const secret: SecretKind | undefined = rng.chance(0.0006)
            ? rng.pick(['pan', 'ssn', 'email'] as const)
            : undefined;
          if (secret) {
            const text = pastedQuery(rng, secret);
            ctx.tally.freeText('search_events.query_text', text);
            row[SEARCH.query_text] = text.text;
            row[SEARCH.results_count] = 0;
          } else {
            const query = vocabulary.queries[sampler.sample(rng)]!;
            const typed = typedQuery(query, rng);
            row[SEARCH.query_text] = typed.text;
            row[SEARCH.results_count] = typed.results;
            if (typed.results > 0 && query.subcategory >= 0 && rng.chance(0.38)) {
              row[SEARCH.clicked_product_id] = catalog.idOf(
                catalog.pickInSubcategory(query.subcategory, us, rng),
              );
            }
          }
          const code = COUNTRIES[country]!.code;
          row[SEARCH.country] = rng.chance(0.03) ? null : rng.chance(0.003) ? code.toLowerCase() : code;
          row[SEARCH.updated_at] = row[SEARCH.event_ts]!;
          ctx.main.search_events.fresh(row);
        }
      }
    }
  }
}
