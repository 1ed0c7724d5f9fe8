// Trains a binary gradient-boosted-trees classifier with Yggdrasil Decision Forests (Google's
// YDF, its wasm build: default hyper-parameters, i.e. up to 300 trees of depth 6, shrinkage
// 0.1, early stopping on a 10% validation split) and reads the trees back for scoring and
// explanations in JS. Each training runs in its own worker thread: it takes seconds of one
// core, so two trainings use both cores and the event loop stays free meanwhile.

import { ShoplakeError } from '../../../../core/shoplake-error.js';
import { resolvedPackage, runEvalWorker } from '../../../../runtime/eval-worker.js';
import type { BoostedTrees } from './boosted-trees.js';
import { readYdfBoostedTrees } from './ydf-model-files.js';

export interface TrainingColumns {
  /** One array per feature, all of the labels' length. */
  readonly features: Readonly<Record<string, readonly number[]>>;
  readonly labels: readonly boolean[];
}

export interface FitOptions {
  /** Rows (features by name) that YDF itself should score too, e.g. to check our reading of its trees. */
  readonly predictOn?: Readonly<Record<string, readonly number[]>>;
}

export interface FittedTrees {
  /** The model, whose logit is the log-odds of a true label. */
  readonly model: BoostedTrees;
  /** YDF's own P(true label) for `predictOn`, when asked. */
  readonly ydfProbabilities?: readonly number[];
}

const LABEL = '__label';
const POSITIVE = 'yes';
const NEGATIVE = 'no';

// Plain JS, so the worker needs no TypeScript loader and no bundling: ydf-training is loaded
// from the path this module resolves.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const YDFTraining = require(workerData.modulePath);
(async () => {
  const ydf = await YDFTraining({ print() {}, printErr() {} });
  const model = new ydf.GradientBoostedTreesLearner(workerData.label, 'CLASSIFICATION').train(workerData.data);
  try {
    const classes = model.getLabelClasses();
    const predictions = workerData.predictOn ? Array.from(model.predict(workerData.predictOn)) : undefined;
    model.internalModel.save('/model');
    const files = {};
    for (const name of ydf.FS.readdir('/model')) {
      if (name !== '.' && name !== '..') files[name] = ydf.FS.readFile('/model/' + name);
    }
    parentPort.postMessage({ files, classes, predictions });
  } finally {
    model.unload();
  }
})().catch((error) => {
  parentPort.postMessage({ error: error instanceof Error ? error.message : 'a wasm exception (' + String(error) + ')' });
});
`;

interface WorkerAnswer {
  readonly files?: Record<string, Uint8Array>;
  readonly classes?: string[];
  readonly predictions?: number[];
  readonly error?: string;
}

/** @throws {ShoplakeError} when YDF cannot train (e.g. one class only) or its model cannot be read. */
export async function fitBoostedTrees(
  columns: TrainingColumns,
  options: FitOptions = {},
): Promise<FittedTrees> {
  const n = columns.labels.length;
  for (const [name, values] of Object.entries(columns.features)) {
    if (values.length !== n) throw new Error(`feature ${name} has ${values.length} values for ${n} labels`);
    // The JS API sends NaN as a number that every split sends one way, not as "missing".
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) throw new Error(`feature ${name} has a missing or infinite value in row ${bad + 1}`);
  }
  const answer = await runEvalWorker<WorkerAnswer>(WORKER_SOURCE, {
    modulePath: resolvedPackage('ydf-training'),
    label: LABEL,
    data: { ...columns.features, [LABEL]: columns.labels.map((label) => (label ? POSITIVE : NEGATIVE)) },
    predictOn: options.predictOn,
  }).catch(
    (error: unknown): WorkerAnswer => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  if (answer.error !== undefined || answer.files === undefined) {
    throw new ShoplakeError(
      'handler_failed',
      `YDF could not train the model on ${n} rows: ${answer.error ?? 'no model came back'}`,
      {
        retryable: false,
      },
    );
  }
  const trees = readYdfBoostedTrees(new Map(Object.entries(answer.files)));
  const model = trees.positiveClass === POSITIVE ? trees : negated(trees, POSITIVE);
  // YDF's predictions are P(its second label class).
  const ydfPositive = answer.classes?.[1];
  const ydfProbabilities = answer.predictions?.map((p) => (ydfPositive === POSITIVE ? p : 1 - p));
  return { model, ydfProbabilities };
}

// The same model seen from the other class: every output changes sign.
function negated(model: BoostedTrees, positiveClass: string): BoostedTrees {
  return {
    ...model,
    positiveClass,
    initialLogit: -model.initialLogit,
    trees: model.trees.map((tree) => ({ ...tree, expected: tree.expected.map((value) => -value) })),
  };
}
