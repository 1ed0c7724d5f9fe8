// The validation thresholds an operator may set (config `curate.*`). The contract fixes the
// rules; only how far in the future an event time may lie is a setting, since shop clocks
// and time zones differ. Changing one calls for `shoplake replay` of the tables it touches.

export interface CurateRules {
  /** An event time more than this many hours after processing breaks `event_time_range`. */
  readonly maxEventDelayHours: number;
}

/** The contract's thresholds: one day. */
export const CONTRACT_RULES: CurateRules = { maxEventDelayHours: 24 };
