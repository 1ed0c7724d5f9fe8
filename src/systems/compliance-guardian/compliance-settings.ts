// What compliance-guardian reads from `context.settings`, with defaults; parsed once per run.

import { z } from 'zod';
import { ShoplakeError } from '../../core/shoplake-error.js';

export const complianceSettingsSchema = z
  .object({
    /** Whether the runtime has an HMAC key configured; reported by the hmac_key_configured check. */
    hmacKeyConfigured: z.boolean().optional(),
    /** Non-chargeback payments the chargeback model trains on at most (beside every chargeback). Default 5000. */
    maxTrainingRows: z.number().int().min(100).default(5000),
    /** Payments the isolation forest is grown on. Default 256 (the isolation forest paper's size). */
    anomalySampleSize: z.number().int().min(16).max(100_000).default(256),
    /** Trees of the isolation forest. Default 100. */
    anomalyTrees: z.number().int().min(1).max(1000).default(100),
  })
  .passthrough();

export type ComplianceSettings = z.output<typeof complianceSettingsSchema>;

export function parseComplianceSettings(settings: Readonly<Record<string, unknown>>): ComplianceSettings {
  const parsed = complianceSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw new ShoplakeError(
      'config_invalid',
      `compliance-guardian settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Fix them in the config.`,
      {
        retryable: false,
      },
    );
  }
  return parsed.data;
}
