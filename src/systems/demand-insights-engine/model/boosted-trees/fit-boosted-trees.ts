// Trains a binary gradient-boosted-trees classifier with Yggdrasil Decision Forests (Google's
// YDF, its wasm build: default hyper-parameters, i.e. up to 300 trees of depth 6, shrinkage
// 0.1, early stopping on a 10% validation split) and reads the trees back for scoring and
// explanations in JS.

import YDFTraining, { type YdfModel, type YdfModule } from 'ydf-training';
import { ShoplakeError } from '../../../../core/shoplake-error.js';
import type { BoostedTrees } from './boosted-trees.js';
import { readYdfBoostedTrees } from './ydf-model-files.js';

export interface TrainingColumns {
  /** One array per feature, all of the labels' length. */
  readonly features: Readonly<Record<string, readonly number[]>>;
  readonly labels: readonly boolean[];
}

export const LABEL = '__label';
const POSITIVE = 'yes';
const NEGATIVE = 'no';

let loading: Promise<YdfModule> | undefined;
let savedModels = 0;

/** The fitted model, whose logit is the log-odds of a true label. */
export function fitBoostedTrees(columns: TrainingColumns): Promise<BoostedTrees> {
  return withTrainedYdfModel(columns, (model, ydf) => {
    const trees = readSavedModel(ydf, model);
    return trees.positiveClass === POSITIVE ? trees : negated(trees, POSITIVE);
  });
}

/** Trains, hands YDF's own model to `use` (e.g. to compare predictions) and unloads it. */
export async function withTrainedYdfModel<T>(
  columns: TrainingColumns,
  use: (model: YdfModel, ydf: YdfModule) => T,
): Promise<T> {
  const ydf = await ydfModule();
  const n = columns.labels.length;
  for (const [name, values] of Object.entries(columns.features)) {
    if (values.length !== n) throw new Error(`feature ${name} has ${values.length} values for ${n} labels`);
    // The JS API sends NaN as a number that every split sends one way, not as "missing".
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) throw new Error(`feature ${name} has a missing or infinite value in row ${bad + 1}`);
  }
  let model: YdfModel;
  try {
    model = new ydf.GradientBoostedTreesLearner(LABEL, 'CLASSIFICATION').train({
      ...(columns.features as Record<string, number[]>),
      [LABEL]: columns.labels.map((label) => (label ? POSITIVE : NEGATIVE)),
    });
  } catch (error: unknown) {
    throw new ShoplakeError(
      'handler_failed',
      `YDF could not train the model on ${n} rows: ${describe(error)}`,
      {
        retryable: false,
      },
    );
  }
  try {
    return use(model, ydf);
  } finally {
    model.unload();
  }
}

function readSavedModel(ydf: YdfModule, model: YdfModel): BoostedTrees {
  const folder = `/shoplake-model-${++savedModels}`;
  model.internalModel.save(folder);
  const files = new Map<string, Uint8Array>();
  for (const name of ydf.FS.readdir(folder)) {
    if (name === '.' || name === '..') continue;
    files.set(name, ydf.FS.readFile(`${folder}/${name}`));
    ydf.FS.unlink(`${folder}/${name}`);
  }
  ydf.FS.rmdir(folder);
  return readYdfBoostedTrees(files);
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

// The Emscripten module installs process-wide handlers that rethrow every uncaught error and
// unhandled rejection; the host process keeps its own policy, so they are taken back out.
function ydfModule(): Promise<YdfModule> {
  loading ??= (async () => {
    const uncaught = new Set(process.listeners('uncaughtException'));
    const unhandled = new Set(process.listeners('unhandledRejection'));
    try {
      return await YDFTraining({ print: () => {}, printErr: () => {} });
    } finally {
      for (const listener of process.listeners('uncaughtException')) {
        if (!uncaught.has(listener)) process.removeListener('uncaughtException', listener);
      }
      for (const listener of process.listeners('unhandledRejection')) {
        if (!unhandled.has(listener)) process.removeListener('unhandledRejection', listener);
      }
    }
  })();
  return loading;
}

// Emscripten throws C++ exceptions as numbers (pointers into wasm memory): nothing more to say then.
function describe(error: unknown): string {
  return error instanceof Error ? error.message : `a wasm exception (${String(error)})`;
}
