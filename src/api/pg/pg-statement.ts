// Tells what a statement from a Postgres client is: session housekeeping that drivers and BI
// tools send (SET, SHOW, BEGIN, DISCARD, `SELECT version()`), answered by the session and
// never executed, or a query for the guard. Only a whole, single statement of an exact form
// counts as housekeeping; anything else, stacked statements included, goes to the guard.

export type PgStatement =
  | { readonly kind: 'empty' }
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'set'; readonly name: string; readonly value: string }
  | { readonly kind: 'reset'; readonly name: string | undefined }
  | { readonly kind: 'show'; readonly name: string }
  | { readonly kind: 'transaction'; readonly tag: 'BEGIN' | 'COMMIT' | 'ROLLBACK' | 'SET' }
  | { readonly kind: 'discard' }
  | { readonly kind: 'deallocate'; readonly name: string | undefined }
  | { readonly kind: 'identity'; readonly function: IdentityFunction };

export const IDENTITY_FUNCTIONS = [
  'version',
  'current_database',
  'current_catalog',
  'current_schema',
  'current_user',
  'session_user',
  'user',
] as const;
export type IdentityFunction = (typeof IDENTITY_FUNCTIONS)[number];

// A quoted string ('' inside), or a list of words, numbers and "quoted" names.
const VALUE = String.raw`'(?:[^']|'')*'|[\w.+\-:/"$]+(?:\s*,\s*[\w.+\-:/"$]+)*`;
const NAME = String.raw`[A-Za-z_][\w.]*`;

const FORMS: readonly [RegExp, (m: RegExpExecArray) => PgStatement][] = [
  [
    new RegExp(String.raw`^SET\s+(?:SESSION\s+|LOCAL\s+)?TIME\s+ZONE\s+(${VALUE})$`, 'i'),
    (m) => ({ kind: 'set', name: 'timezone', value: unquote(m[1]) }),
  ],
  [
    new RegExp(String.raw`^SET\s+(?:SESSION\s+|LOCAL\s+)?NAMES\s+(${VALUE})$`, 'i'),
    (m) => ({ kind: 'set', name: 'client_encoding', value: unquote(m[1]) }),
  ],
  [
    /^SET\s+(?:SESSION\s+CHARACTERISTICS\s+AS\s+)?TRANSACTION\s+(?!.*\bREAD\s+WRITE\b)[\w\s,]+$/i,
    () => ({ kind: 'transaction', tag: 'SET' }),
  ],
  [
    new RegExp(String.raw`^SET\s+(?:SESSION\s+|LOCAL\s+)?(${NAME})\s*(?:=|\s+TO\s+|\s)\s*(${VALUE})$`, 'i'),
    (m) => ({ kind: 'set', name: m[1] ?? '', value: unquote(m[2]) }),
  ],
  [/^RESET\s+ALL$/i, () => ({ kind: 'reset', name: undefined })],
  [new RegExp(String.raw`^RESET\s+(${NAME})$`, 'i'), (m) => ({ kind: 'reset', name: m[1] })],
  [/^SHOW\s+TRANSACTION\s+ISOLATION\s+LEVEL$/i, () => ({ kind: 'show', name: 'transaction_isolation' })],
  [/^SHOW\s+TIME\s+ZONE$/i, () => ({ kind: 'show', name: 'timezone' })],
  [new RegExp(String.raw`^SHOW\s+(${NAME})$`, 'i'), (m) => ({ kind: 'show', name: m[1] ?? '' })],
  [
    /^(?:BEGIN|START)(?:\s+(?:WORK|TRANSACTION))?(?!.*\bREAD\s+WRITE\b)(?:\s+[\w\s,]+)?$/i,
    () => ({ kind: 'transaction', tag: 'BEGIN' }),
  ],
  [/^(?:COMMIT|END)(?:\s+(?:WORK|TRANSACTION))?$/i, () => ({ kind: 'transaction', tag: 'COMMIT' })],
  [/^(?:ROLLBACK|ABORT)(?:\s+(?:WORK|TRANSACTION))?$/i, () => ({ kind: 'transaction', tag: 'ROLLBACK' })],
  [/^DISCARD\s+(?:ALL|PLANS|SEQUENCES|TEMP|TEMPORARY)$/i, () => ({ kind: 'discard' })],
  [/^DEALLOCATE\s+(?:PREPARE\s+)?ALL$/i, () => ({ kind: 'deallocate', name: undefined })],
  [
    new RegExp(String.raw`^DEALLOCATE\s+(?:PREPARE\s+)?(${NAME}|"[^"]+")$`, 'i'),
    (m) => ({ kind: 'deallocate', name: (m[1] ?? '').replace(/^"|"$/g, '') }),
  ],
  [
    new RegExp(String.raw`^SELECT\s+(?:pg_catalog\.)?(${IDENTITY_FUNCTIONS.join('|')})\s*(?:\(\s*\))?$`, 'i'),
    (m) => ({ kind: 'identity', function: (m[1] ?? '').toLowerCase() as IdentityFunction }),
  ],
];

/** Classifies one Query or Parse text. */
export function classifyStatement(sql: string): PgStatement {
  const core = withoutEdges(sql);
  if (core === '') return { kind: 'empty' };
  for (const [form, build] of FORMS) {
    const match = form.exec(core);
    if (match) return build(match);
  }
  return { kind: 'query', sql };
}

/** The text without leading and trailing whitespace, comments and semicolons. */
function withoutEdges(sql: string): string {
  let text = sql;
  for (;;) {
    const before = text;
    text = text
      .replace(/^\s+|\s+$/g, '')
      .replace(/;+$/, '')
      .replace(/^--[^\n]*(\n|$)/, '')
      .replace(/^\/\*(?:[^*]|\*(?!\/))*\*\//, '');
    // A trailing line comment: only when nothing quoted could contain the dashes.
    if (!/['"]/.test(text)) text = text.replace(/--[^\n]*$/, '');
    if (text === before) return text;
  }
}

function unquote(value: string | undefined): string {
  const text = value ?? '';
  return text.startsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}
