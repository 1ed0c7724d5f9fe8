import { describe, expect, it } from 'vitest';
import { ClvFitError } from './clv-fit-error.js';
import { maximiseLogLikelihood } from './maximise-log-likelihood.js';

describe('maximiseLogLikelihood', () => {
  it('finds the maximum-likelihood rate of exponential waiting times (1 / mean)', () => {
    const waits = [0.5, 1.5, 2, 0.25, 0.75];
    const fit = maximiseLogLikelihood({
      model: 'exponential',
      logLikelihood: ([rate = 0]) => waits.reduce((sum, w) => sum + Math.log(rate) - rate * w, 0),
      dimension: 1,
      observations: waits.length,
    });
    expect(fit.params[0]).toBeCloseTo(1, 7);
    expect(fit.logLikelihood).toBeCloseTo(-5, 7);
  });

  it('fails with did_not_converge when the likelihood keeps rising towards a boundary', () => {
    const run = () =>
      maximiseLogLikelihood(
        { model: 'unbounded', logLikelihood: ([theta = 0]) => -1 / theta, dimension: 1, observations: 1 },
        { maxIterations: 200 },
      );
    expect(run).toThrow(ClvFitError);
    expect(run).toThrow(
      expect.objectContaining({ reason: 'did_not_converge', code: 'handler_failed', retryable: false }),
    );
  });

  it('fails with non_finite when the start is already undefined', () => {
    const run = () =>
      maximiseLogLikelihood({
        model: 'broken',
        logLikelihood: () => Number.NaN,
        dimension: 2,
        observations: 1,
      });
    expect(run).toThrow(expect.objectContaining({ reason: 'non_finite' }));
  });
});
