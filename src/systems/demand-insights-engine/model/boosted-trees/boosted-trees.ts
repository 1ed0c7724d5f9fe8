// A binary gradient-boosted-trees classifier as flat arrays: its log-odds for a row of
// features, and how much each feature moved that row's log-odds (path attribution: along
// the row's path through every tree, the change of the expected output at each split is
// credited to the split's feature, as treeinterpreter does). Expected outputs are the
// training-cover-weighted means of the leaves below a node, so the bias is the model's
// average output and bias + Σ contributions equals the log-odds exactly.

import { sigmoid } from '../logistic-classifier.js';

export interface BoostedTrees {
  readonly featureNames: readonly string[];
  /** The label value whose probability `probability` gives. */
  readonly positiveClass: string;
  readonly initialLogit: number;
  readonly trees: readonly Tree[];
}

export interface Tree {
  /** Per node: the feature index a split tests, or −1 for a leaf. */
  readonly feature: Int32Array;
  /** Split: the row goes high when value ≥ threshold (float32, as the trainer compared). */
  readonly threshold: Float32Array;
  readonly missingGoesHigh: Uint8Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  /** Leaf: its output; split: the expected output of the leaves below. */
  readonly expected: Float64Array;
  /** Training examples that reached the node. */
  readonly cover: Float64Array;
}

export type TreeNode =
  | { readonly kind: 'leaf'; readonly value: number }
  | {
      readonly kind: 'split';
      readonly feature: number;
      readonly threshold: number;
      readonly missingGoesHigh: boolean;
      readonly lowCover: number;
      readonly highCover: number;
    };

/** Builds one tree from its nodes in pre-order (a split, then its low subtree, then its high one). */
export function buildTree(nextNode: () => TreeNode): Tree {
  const nodes: TreeNode[] = [];
  const low: number[] = [];
  const high: number[] = [];
  const cover: number[] = [];
  const visit = (nodeCover: number): number => {
    const index = nodes.length;
    const node = nextNode();
    nodes.push(node);
    low.push(-1);
    high.push(-1);
    cover.push(nodeCover);
    if (node.kind === 'split') {
      low[index] = visit(node.lowCover);
      high[index] = visit(node.highCover);
      cover[index] = node.lowCover + node.highCover;
    }
    return index;
  };
  visit(Number.NaN);
  const n = nodes.length;
  const tree: Tree = {
    feature: Int32Array.from(nodes, (node) => (node.kind === 'split' ? node.feature : -1)),
    threshold: Float32Array.from(nodes, (node) => (node.kind === 'split' ? node.threshold : 0)),
    missingGoesHigh: Uint8Array.from(nodes, (node) =>
      node.kind === 'split' && node.missingGoesHigh ? 1 : 0,
    ),
    low: Int32Array.from(low),
    high: Int32Array.from(high),
    expected: new Float64Array(n),
    cover: Float64Array.from(cover),
  };
  // Children follow their parent in pre-order, so a backward pass sees them first.
  for (let i = n - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.kind === 'leaf') {
      tree.expected[i] = node.value;
      continue;
    }
    const l = tree.low[i]!;
    const h = tree.high[i]!;
    const total = node.lowCover + node.highCover;
    tree.expected[i] =
      total > 0
        ? (node.lowCover * tree.expected[l]! + node.highCover * tree.expected[h]!) / total
        : (tree.expected[l]! + tree.expected[h]!) / 2;
  }
  return tree;
}

function goesHigh(tree: Tree, node: number, row: ArrayLike<number>): boolean {
  const value = row[tree.feature[node]!];
  if (value === undefined || Number.isNaN(value)) return tree.missingGoesHigh[node] === 1;
  return Math.fround(value) >= tree.threshold[node]!;
}

/** The log-odds of the positive class for one row (features in `featureNames` order). */
export function logitOf(model: BoostedTrees, row: ArrayLike<number>): number {
  let logit = model.initialLogit;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node]! >= 0) node = goesHigh(tree, node, row) ? tree.high[node]! : tree.low[node]!;
    logit += tree.expected[node]!;
  }
  return logit;
}

export function probabilityOf(model: BoostedTrees, row: ArrayLike<number>): number {
  return sigmoid(logitOf(model, row));
}

/** The row's probability and each feature's contribution, from one walk through the trees. */
export function explainedProbabilityOf(
  model: BoostedTrees,
  row: ArrayLike<number>,
): { probability: number; contributions: Float64Array } {
  const contributions = contributionsOf(model, row);
  return { probability: sigmoid(contributions.reduce((sum, c) => sum + c, biasOf(model))), contributions };
}

/** The model's average log-odds over its training data: what contributions are measured from. */
export function biasOf(model: BoostedTrees): number {
  let bias = biases.get(model);
  if (bias === undefined) {
    bias = model.trees.reduce((sum, tree) => sum + tree.expected[0]!, model.initialLogit);
    biases.set(model, bias);
  }
  return bias;
}

// Scoring explains every customer against the same bias: sum the roots once per model.
const biases = new WeakMap<BoostedTrees, number>();

/** Each feature's share of the row's log-odds minus the bias; they add up exactly. */
export function contributionsOf(model: BoostedTrees, row: ArrayLike<number>): Float64Array {
  const contributions = new Float64Array(model.featureNames.length);
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      const child = goesHigh(tree, node, row) ? tree.high[node]! : tree.low[node]!;
      const feature = tree.feature[node]!;
      contributions[feature] = contributions[feature]! + tree.expected[child]! - tree.expected[node]!;
      node = child;
    }
  }
  return contributions;
}
