// The generate stage: a deterministic, dirty demo shop written to the raw zone with its ground truth.

export {
  type DemoWorldProgress,
  type GenerateDemoWorldInput,
  type GenerateDemoWorldResult,
  generateDemoWorld,
} from './generate-demo-world.js';
export {
  type GenerateWorldOptions,
  generateWorld,
  KEYS_FILE_MAX_ORDERS,
  resolveWorldOptions,
  WorldGenerator,
} from './generate-world.js';
export type { FraudPattern, GroundTruth, SensitiveGroundTruth, TableGroundTruth } from './ground-truth.js';
export { FRAUD_PATTERNS } from './ground-truth.js';
export type { BatchColumn, BatchValue, WorldBatch } from './world-batch.js';
export { GROUND_TRUTH_FILE, GROUND_TRUTH_KEYS_FOLDER, writeGroundTruth } from './write-ground-truth.js';
export {
  type RawWriteProgress,
  type RawWriteResult,
  rawKeyOf,
  type WriteWorldToRawOptions,
  writeWorldToRaw,
} from './write-world-to-raw.js';
