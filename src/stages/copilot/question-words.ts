// A question as words: normalised (lower-case, hyphens and apostrophes folded, dates kept
// whole), with the original spelling beside each word for the cases where case matters
// ("DE" is Germany, "de" is not), and the small words that carry no meaning of their own.

export interface Word {
  /** Lower-case, as matched against the vocabulary. */
  readonly text: string;
  /** As typed (after normalisation), to tell "US" from "us". */
  readonly raw: string;
}

export interface QuestionText {
  readonly words: readonly Word[];
  /** Texts the question put in quotes ('yoga mat'), lower-case, spaces collapsed. */
  readonly quoted: readonly string[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

/** Splits a question into words; quoted texts are taken out whole. */
export function questionText(question: string): QuestionText {
  const quoted: string[] = [];
  let text = question.replace(/[\u2018\u2019\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e]/g, '"');
  text = text.replace(/"([^"]{1,120})"|(?<![a-z0-9])'([^']{1,120})'(?![a-z0-9])/gi, (_m, a, b) => {
    quoted.push(collapse(String(a ?? b).toLowerCase()));
    return ' ';
  });
  text = text
    .replace(/[\u2013\u2014\u2212]/g, ' - ')
    .replace(/(?<=[A-Za-z])'s\b/g, '')
    .replace(/(?<=[A-Za-z])'(?=[A-Za-z])/g, '')
    .replace(/\be-mail/gi, 'email')
    .replace(/\bvs\./gi, 'vs')
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/(?<=[A-Za-z])[-/](?=[A-Za-z])/g, ' ')
    .replace(/(?<=\d)-(?=[A-Za-z])/g, ' ')
    .replace(/(?<=[A-Za-z])-(?=\d)/g, ' ');
  const words: Word[] = [];
  for (const piece of text.split(/\s+/)) {
    const token = piece.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    if (token === '') continue;
    if (ISO_DAY.test(token) || ISO_MONTH.test(token)) {
      words.push({ text: token, raw: token });
      continue;
    }
    for (const part of token.split(/[^A-Za-z0-9]+/)) {
      if (part !== '') words.push({ text: part.toLowerCase(), raw: part });
    }
  }
  return { words, quoted };
}

/** Normalises a vocabulary phrase the way questions are normalised. */
export function phraseWords(phrase: string): string[] {
  return questionText(phrase).words.map((w) => w.text);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
};

/** 5 for "5" or "five"; undefined for anything else. */
export function numberOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d{1,4}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/**
 * Words that carry no meaning for the query: question words, pronouns, auxiliaries, politeness
 * and presentation requests. Anything not here and not in the vocabulary makes the copilot
 * refuse rather than guess what it meant.
 */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  `a an the of in on at for to from into during over across within with and or per each every by
   what whats which who how much many is are was were be been being am do does did done have has had
   having get got getting we our us ours i me my you your it its they their them this that these those
   there here show shows showing give gives giving list tell let see view display report provide
   please can could would should will shall may might must kindly just also only now currently current
   total overall all whole entire sum amount number count value values figure figures numbers stats
   statistics data metric metrics kpi kpis info information look looks looking like break down broken
   breakdown split splits grouped group sorted sort rank ranked ranking ranks order ordered
   shop store business company so far yet still as well about approximately roughly exactly
   level levels make made generate generated bring brought earn earned achieve achieved record
   recorded happen happened perform performed performance doing go went going come came
   globally worldwide everywhere combined altogether together our latest recent
   return returned returns yield yielded yields give gave
   people bought buy buys buying purchased purchase ordered something anything stuff generates
   generating drives drove driving brings bringing makes making earns earning came comes coming
   flagged marked scored seeing saw overview summary up far between`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Verbs that point at revenue when no metric is named ("what did we sell in EMEA?"). */
export const REVENUE_VERBS: ReadonlySet<string> = new Set(['sell', 'sells', 'sold', 'selling']);

/** Words that turn a count into a rate ("zero-result searches" → "share of zero-result searches"). */
export const RATE_WORDS: ReadonlySet<string> = new Set([
  'rate',
  'rates',
  'share',
  'percentage',
  'percent',
  'ratio',
  'proportion',
  'fraction',
]);
