// A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must
// be a HELP, a TYPE, or a sample of a declared family, with valid names, escaped label values
// and numeric values; a violation throws with the line it is on.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'summary' | 'histogram' | 'untyped';
  help?: string;
  readonly samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ['counter', 'gauge', 'summary', 'histogram', 'untyped'] as const;

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const lines = text.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    const fail = (why: string) => {
      throw new Error(`line ${i + 1} ${JSON.stringify(line)}: ${why}`);
    };
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword !== 'HELP' && keyword !== 'TYPE') continue; // a plain comment
      if (!name || !METRIC_NAME.test(name)) fail('bad metric name');
      if (keyword === 'TYPE') {
        const type = rest.join(' ') as Family['type'];
        if (!TYPES.includes(type)) fail(`unknown type ${type}`);
        const existing = families.get(name!);
        if (existing && (existing.samples.length > 0 || existing.type !== 'untyped'))
          fail('TYPE repeated or after samples');
        families.set(name!, { name: name!, type, help: existing?.help, samples: [] });
      } else {
        const family = families.get(name!) ?? { name: name!, type: 'untyped' as const, samples: [] };
        if (family.help !== undefined) fail('HELP repeated');
        family.help = rest.join(' ');
        families.set(name!, family);
      }
      continue;
    }
    const sample = parseSample(line, fail);
    const family = familyOf(families, sample.name);
    if (!family) fail(`sample of undeclared family ${sample.name}`);
    family!.samples.push(sample);
  }
  return families;
}

function familyOf(families: Map<string, Family>, sampleName: string): Family | undefined {
  const exact = families.get(sampleName);
  if (exact) return exact;
  for (const suffix of ['_sum', '_count', '_bucket']) {
    if (!sampleName.endsWith(suffix)) continue;
    const family = families.get(sampleName.slice(0, -suffix.length));
    if (family && (family.type === 'summary' || family.type === 'histogram')) return family;
  }
  return undefined;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (!name) fail('no metric name');
  let rest = line.slice(name!.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/.exec(rest);
      if (!label || !LABEL_NAME.test(label[1]!)) fail(`bad label at ${JSON.stringify(rest)}`);
      if (label![1]! in labels) fail(`label ${label![1]} repeated`);
      labels[label![1]!] = label![2]!.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(label![0].length);
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) fail('labels must be separated by commas');
    }
    rest = rest.slice(1);
  }
  const parts = rest.trim().split(/\s+/);
  if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) fail('expected " value [timestamp]"');
  const text = parts[0]!;
  const value =
    text === '+Inf' ? Number.POSITIVE_INFINITY : text === '-Inf' ? Number.NEGATIVE_INFINITY : Number(text);
  if (text === '' || (Number.isNaN(value) && text !== 'NaN')) fail(`value ${text} is not a number`);
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) fail('timestamp must be an integer');
  return { name: name!, labels, value };
}

/** The value of the one sample with these labels (all given labels must match). */
export function sampleValue(
  families: Map<string, Family>,
  sampleName: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  const family = familyOf(families, sampleName);
  const matching = family?.samples.filter(
    (s) => s.name === sampleName && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (!matching || matching.length === 0) return undefined;
  if (matching.length > 1)
    throw new Error(`${matching.length} samples of ${sampleName} match ${JSON.stringify(labels)}`);
  return matching[0]!.value;
}
