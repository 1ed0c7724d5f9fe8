import { describe, expect, it } from 'vitest';
import { ClvFitError } from './clv-fit-error.js';
import type { ClvTransaction } from './summarise-transactions.js';
import { summariseTransactions } from './summarise-transactions.js';

const row = (customerId: string, isoDate: string, amount: number): ClvTransaction => ({
  customerId,
  date: new Date(`${isoDate}T00:00:00Z`),
  amount,
});
const observationEnd = new Date('2024-01-29T00:00:00Z');

describe('summariseTransactions', () => {
  it('counts repeat purchase days, in weeks from the first purchase', () => {
    const [alice] = summariseTransactions(
      [row('alice', '2024-01-01', 10), row('alice', '2024-01-08', 20), row('alice', '2024-01-22', 40)],
      { observationEnd },
    );
    expect(alice).toEqual({ customerId: 'alice', frequency: 2, recency: 3, T: 4, monetary: 30 });
  });

  it('merges purchases on the same day into one transaction with their summed value', () => {
    const [bob] = summariseTransactions(
      [row('bob', '2024-01-01', 5), row('bob', '2024-01-15', 7), row('bob', '2024-01-15', 8)],
      { observationEnd },
    );
    expect(bob).toMatchObject({ frequency: 1, recency: 2, monetary: 15 });
  });

  it('leaves the first purchase out of the monetary value, and gives 0 to one-off customers', () => {
    const summaries = summariseTransactions(
      [row('carol', '2024-01-01', 1000), row('carol', '2024-01-02', 10), row('dan', '2024-01-10', 99)],
      { observationEnd },
    );
    expect(summaries.map((s) => s.monetary)).toEqual([10, 0]);
    expect(summaries[1]).toMatchObject({ customerId: 'dan', frequency: 0, recency: 0 });
  });

  it('ignores purchases after observationEnd and customers who only bought after it', () => {
    const summaries = summariseTransactions(
      [
        row('erin', '2024-01-01', 10),
        row('erin', '2024-01-29', 10),
        row('erin', '2024-01-30', 10),
        row('frank', '2024-02-01', 10),
      ],
      { observationEnd },
    );
    expect(summaries).toEqual([{ customerId: 'erin', frequency: 1, recency: 4, T: 4, monetary: 10 }]);
  });

  it('measures time in the requested unit', () => {
    const [alice] = summariseTransactions([row('alice', '2024-01-01', 10), row('alice', '2024-01-08', 20)], {
      observationEnd,
      timeUnitDays: 1,
    });
    expect(alice).toMatchObject({ recency: 7, T: 28 });
  });

  it('rejects a row with an invalid date, naming its index', () => {
    const run = () =>
      summariseTransactions(
        [row('a', '2024-01-01', 1), { customerId: 'b', date: new Date('nope'), amount: 1 }],
        { observationEnd },
      );
    expect(run).toThrow(ClvFitError);
    expect(run).toThrow(
      expect.objectContaining({
        reason: 'invalid_transaction',
        context: expect.objectContaining({ index: 1 }),
      }),
    );
  });

  it('rejects a non-positive time unit', () => {
    expect(() => summariseTransactions([], { observationEnd, timeUnitDays: 0 })).toThrow(
      expect.objectContaining({ reason: 'invalid_options' }),
    );
  });
});
