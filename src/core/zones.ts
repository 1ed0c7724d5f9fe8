// The lake's zones and the five prod systems, with bucket names per the contract.

export const SYSTEMS = [
  'market-intelligence-hub',
  'demand-insights-engine',
  'compliance-guardian',
  'global-market-pulse',
  'retail-copilot',
] as const;
export type SystemName = (typeof SYSTEMS)[number];

export const ZONES = ['raw', 'curated', 'prod'] as const;
export type Zone = (typeof ZONES)[number];

/** A bucket in the lake: the raw zone, curated zone, or one system's prod zone. */
export type BucketRef =
  | { readonly zone: 'raw' }
  | { readonly zone: 'curated' }
  | { readonly zone: 'prod'; readonly system: SystemName };

export const RAW: BucketRef = { zone: 'raw' };
export const CURATED: BucketRef = { zone: 'curated' };
export function prodBucket(system: SystemName): BucketRef {
  return { zone: 'prod', system };
}

/** `<prefix>-raw`, `<prefix>-curated`, `<prefix>-<system>-prod`. */
export function bucketName(prefix: string, bucket: BucketRef): string {
  return bucket.zone === 'prod' ? `${prefix}-${bucket.system}-prod` : `${prefix}-${bucket.zone}`;
}

/** The local folder of a bucket below the data directory, per the contract. */
export function localBucketPath(bucket: BucketRef): string {
  return bucket.zone === 'prod' ? `prod/${bucket.system}` : bucket.zone;
}

/** Every bucket of the lake, raw first. */
export function allBuckets(): BucketRef[] {
  return [RAW, CURATED, ...SYSTEMS.map(prodBucket)];
}

/** The bucket a name denotes under `prefix`, or undefined when it is not one of ours. */
export function bucketFromName(prefix: string, name: string): BucketRef | undefined {
  return allBuckets().find((bucket) => bucketName(prefix, bucket) === name);
}

export function sameBucket(a: BucketRef, b: BucketRef): boolean {
  return a.zone === b.zone && (a.zone !== 'prod' || (b.zone === 'prod' && a.system === b.system));
}
