// Table options for long listings (status, runs, dead letters): borders around, none between
// rows, so a screen holds more of what matters.

import type Table from 'cli-table3';

export const COMPACT_TABLE: Table.TableConstructorOptions = {
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  style: { head: [], border: [] },
};
