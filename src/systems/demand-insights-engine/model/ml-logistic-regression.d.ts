// Types for ml-logistic-regression 2.0.0, which ships none: only the parts we call.

declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface TwoClassClassifier {
    /** P(the row is not this classifier's class) for each row of X. */
    testScores(X: Matrix): number[];
    readonly weights: Matrix;
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
    /** One-vs-all classifiers, one per class value 0..n-1. */
    readonly classifiers: readonly TwoClassClassifier[];
  }
}
