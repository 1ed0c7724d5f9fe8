// Types for ml-isolation-forest 0.1.0, which ships none: only the parts we call.

declare module 'ml-isolation-forest' {
  export class IsolationForest {
    constructor(options?: { nEstimators?: number });
    /** Every tree is grown on this whole set: pass a subsample. */
    train(trainingSet: readonly (readonly number[])[]): void;
    /** Anomaly scores in (0, 1); above 0.5 is more isolated than the average point. */
    predict(data: readonly (readonly number[])[]): number[];
  }
}
