import { describe, expect, it } from 'vitest';
import { bindParameters, parameterCount } from './pg-parameters.js';
import { PG_OID } from './pg-types.js';

const text = (...values: (string | null)[]) => values.map((v) => (v === null ? null : Buffer.from(v)));

describe('bound parameters', () => {
  it('counts placeholders outside strings, quoted names, dollar quotes and comments', () => {
    expect(
      parameterCount('select $1, \'$2\', "$3", $$ $4 $$, $tag$ $5 $tag$ -- $6\n /* $7 /* $8 */ */ , $2'),
    ).toBe(2);
    expect(parameterCount('select a$1 from t')).toBe(0);
  });

  it('writes values as typed literals that cannot end their quotes', () => {
    const sql = 'select * from t where a = $1 and b = $2 and c = $3 and d -$4';
    const bound = bindParameters(
      sql,
      text("O'Brien'; drop table x --", '2026-01-02', null, '-5'),
      [0, PG_OID.date, 0, PG_OID.int8],
      [],
    );
    expect(bound).toBe(
      "select * from t where a = 'O''Brien''; drop table x --' and b = CAST('2026-01-02' AS DATE) and c = NULL and d -(-5)",
    );
  });

  it('decodes binary integers, floats and booleans', () => {
    const int4 = Buffer.alloc(4);
    int4.writeInt32BE(42);
    const float8 = Buffer.alloc(8);
    float8.writeDoubleBE(0.5);
    const bound = bindParameters(
      'select $1, $2, $3',
      [int4, float8, Buffer.from([1])],
      [PG_OID.int4, PG_OID.float8, PG_OID.bool],
      [1],
    );
    expect(bound).toBe("select (42), CAST('0.5' AS DOUBLE), CAST('true' AS BOOLEAN)");
  });

  it('refuses a statement that uses more values than were bound', () => {
    expect(() => bindParameters('select $1, $2', text('a'), [], [])).toThrow(/uses \$2 but only 1/);
  });
});
