// Reads a gradient-boosted-trees model saved by Yggdrasil Decision Forests (YDF) into plain
// arrays: the wasm build trains well but cannot explain a prediction, and per-customer
// factors need the trees themselves. The messages below are the subset of YDF's own .proto
// files (model/abstract_model.proto, dataset/data_spec.proto,
// model/decision_tree/decision_tree.proto, model/gradient_boosted_trees/...proto) that this
// reader uses, with YDF's field numbers; unknown fields are skipped by protobufjs.

import protobuf from 'protobufjs';
import { ShoplakeError } from '../../../../core/shoplake-error.js';
import { type BoostedTrees, buildTree, type TreeNode } from './boosted-trees.js';

const SCHEMA = `
syntax = "proto2";
message ModelHeader {
  optional string name = 1;
  optional int32 task = 2;
  optional int32 label_col_idx = 3;
  repeated int32 input_features = 5;
}
message DataSpecification { repeated Column columns = 1; }
message Column {
  optional int32 type = 1;
  optional string name = 2;
  optional NumericalSpec numerical = 5;
  optional CategoricalSpec categorical = 6;
}
message NumericalSpec { optional double mean = 1; }
message CategoricalSpec { map<string, VocabValue> items = 7; }
message VocabValue { optional int64 index = 1; optional int64 count = 2; }
message GbtHeader {
  optional int32 num_node_shards = 1;
  optional int64 num_trees = 2;
  optional int32 loss = 3;
  repeated float initial_predictions = 4;
  optional int32 num_trees_per_iter = 5;
  optional float validation_loss = 6;
  optional string node_format = 7;
}
message Node {
  optional NodeRegressorOutput regressor = 2;
  optional NodeCondition condition = 3;
}
message NodeRegressorOutput { optional float top_value = 1; }
message NodeCondition {
  optional bool na_value = 1;
  optional int32 attribute = 2;
  optional Condition condition = 3;
  optional int64 num_training_examples_without_weight = 4;
  optional double num_training_examples_with_weight = 5;
  optional int64 num_pos_training_examples_without_weight = 7;
  optional double num_pos_training_examples_with_weight = 8;
}
message Condition {
  optional Empty na_condition = 1;
  optional Higher higher_condition = 2;
  optional Empty true_value_condition = 3;
  optional Empty contains_condition = 4;
  optional Empty contains_bitmap_condition = 5;
  optional Empty discretized_higher_condition = 6;
  optional Empty oblique_condition = 7;
}
message Empty {}
message Higher { optional float threshold = 1; }
`;

const BINOMIAL_LOG_LIKELIHOOD = 1;
const NUMERICAL_COLUMN = 1;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const types = {
  header: root.lookupType('ModelHeader'),
  dataSpec: root.lookupType('DataSpecification'),
  gbtHeader: root.lookupType('GbtHeader'),
  node: root.lookupType('Node'),
};

interface DecodedNode {
  regressor?: { top_value?: number };
  condition?: {
    na_value?: boolean;
    attribute?: number;
    condition?: { higher_condition?: { threshold?: number } } & Record<string, unknown>;
    num_training_examples_with_weight?: number;
    num_pos_training_examples_with_weight?: number;
  };
}

/**
 * The model in `files` (file name → bytes of one saved YDF model directory), for a binary
 * classifier over numerical features; `positiveClass` names the label value whose
 * probability the model's logit gives.
 */
export function readYdfBoostedTrees(files: ReadonlyMap<string, Uint8Array>): BoostedTrees {
  const header = decode<{ name?: string; label_col_idx?: number; input_features?: number[] }>(
    types.header,
    file(files, 'header.pb'),
  );
  if (header.name !== 'GRADIENT_BOOSTED_TREES') unsupported(`a ${header.name ?? 'unnamed'} model`);
  const spec = decode<{
    columns?: {
      type?: number;
      name?: string;
      numerical?: { mean?: number };
      categorical?: { items?: Record<string, { index?: number }> };
    }[];
  }>(types.dataSpec, file(files, 'data_spec.pb'));
  const columns = spec.columns ?? [];
  const gbt = decode<{
    num_trees?: number;
    loss?: number;
    initial_predictions?: number[];
    num_node_shards?: number;
  }>(types.gbtHeader, file(files, 'gradient_boosted_trees_header.pb'));
  if (gbt.loss !== BINOMIAL_LOG_LIKELIHOOD)
    unsupported(`loss ${gbt.loss}: only binary classification is read`);
  if ((gbt.initial_predictions ?? []).length !== 1) unsupported('more than one output per tree');

  const featureColumns = header.input_features ?? [];
  for (const index of featureColumns) {
    if (columns[index]?.type !== NUMERICAL_COLUMN)
      unsupported(`a non-numerical feature "${columns[index]?.name}"`);
  }
  const labelItems = Object.entries(columns[header.label_col_idx ?? -1]?.categorical?.items ?? {});
  // YDF's binary logit is the log-odds of the label value with dictionary index 2.
  const positiveClass = labelItems.find(([, item]) => Number(item.index) === 2)?.[0];
  if (positiveClass === undefined) unsupported('a label without two classes');

  const featureOf = new Map(featureColumns.map((column, position) => [column, position]));
  // A missing value takes the branch of the column's training mean (YDF's global imputation).
  const missingValueOf = new Map(featureColumns.map((column) => [column, columns[column]?.numerical?.mean]));
  const nodes = readNodes(files, gbt.num_node_shards ?? 1);
  const trees = [];
  let next = 0;
  for (let t = 0; t < Number(gbt.num_trees ?? 0); t++) {
    const built = buildTree((): TreeNode => {
      const node = nodes[next++];
      if (node === undefined) unsupported('fewer nodes than the header announces');
      return toTreeNode(node, featureOf, missingValueOf);
    });
    trees.push(built);
  }
  if (next !== nodes.length) unsupported(`${nodes.length - next} nodes after the last tree`);
  return {
    featureNames: featureColumns.map((index) => columns[index]?.name ?? `column_${index}`),
    positiveClass,
    initialLogit: gbt.initial_predictions?.[0] ?? 0,
    trees,
  };
}

function toTreeNode(
  node: DecodedNode,
  featureOf: ReadonlyMap<number, number>,
  missingValueOf: ReadonlyMap<number, number | undefined>,
): TreeNode {
  const condition = node.condition;
  if (!condition?.condition) return { kind: 'leaf', value: node.regressor?.top_value ?? 0 };
  const threshold = condition.condition.higher_condition?.threshold;
  const feature = featureOf.get(condition.attribute ?? -1);
  if (threshold === undefined || feature === undefined) {
    const kind = Object.keys(condition.condition).join(', ');
    unsupported(`a split of type ${kind} on column ${condition.attribute}`);
  }
  const cover = condition.num_training_examples_with_weight ?? 0;
  const positiveCover = condition.num_pos_training_examples_with_weight ?? 0;
  return {
    kind: 'split',
    feature,
    threshold,
    missingGoesHigh: replacesMissing(
      missingValueOf.get(condition.attribute ?? -1),
      threshold,
      condition.na_value,
    ),
    lowCover: cover - positiveCover,
    highCover: positiveCover,
  };
}

function replacesMissing(mean: number | undefined, threshold: number, naValue: boolean | undefined): boolean {
  return mean === undefined || Number.isNaN(mean) ? naValue === true : Math.fround(mean) >= threshold;
}

// A blob sequence: "BS", a u16 version, a u32 reserved word, then records of a u32 length
// and that many bytes, all little-endian.
function readNodes(files: ReadonlyMap<string, Uint8Array>, shards: number): DecodedNode[] {
  const nodes: DecodedNode[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const name = `nodes-${String(shard).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}`;
    const bytes = file(files, name);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes[0] !== 0x42 || bytes[1] !== 0x53 || view.getUint16(2, true) !== 0)
      unsupported(`${name}: not a version 0 blob sequence`);
    let offset = 8;
    while (offset < bytes.length) {
      const length = view.getUint32(offset, true);
      offset += 4;
      if (offset + length > bytes.length) unsupported(`${name}: a record runs past the end`);
      nodes.push(decode<DecodedNode>(types.node, bytes.subarray(offset, offset + length)));
      offset += length;
    }
  }
  return nodes;
}

function decode<T>(type: protobuf.Type, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false }) as T;
}

function file(files: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array {
  const bytes = files.get(name);
  if (bytes === undefined) unsupported(`no ${name} in the saved model`);
  return bytes;
}

function unsupported(what: string): never {
  throw new ShoplakeError('handler_failed', `Cannot read the trained YDF model: ${what}.`, {
    retryable: false,
  });
}
