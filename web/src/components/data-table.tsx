// A table of query rows: sortable by any column (buttons in the headers, so the keyboard can
// sort too), shown a page at a time, and downloadable as CSV with all its rows. On a phone the
// rows become stacked cards (each cell labelled) and a "Sort by" menu replaces the headers.

import type { ComponentChild } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Cell, Row } from '../api/api-types.js';
import { toCsv } from './csv.js';
import { downloadText } from './download.js';
import { type SortOrder, sortRows } from './sort-rows.js';

export interface Column {
  readonly key: string;
  readonly label: string;
  /** Right-aligned; the first click sorts largest first. */
  readonly numeric?: boolean;
  readonly format?: (value: Cell, row: Row) => ComponentChild;
}

export interface DataTableProps {
  /** Names the table for screen readers and the CSV file. */
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  readonly fileName: string;
  readonly initialSort?: SortOrder;
  readonly pageSize?: number;
  /** Said above the table, e.g. that the query stopped at its row limit. */
  readonly note?: string;
}

export function DataTable(props: DataTableProps) {
  const { columns, rows, caption, pageSize = 12 } = props;
  const [order, setOrder] = useState<SortOrder | undefined>(props.initialSort);
  const [shown, setShown] = useState(pageSize);
  const sorted = useMemo(() => (order ? sortRows(rows, order) : rows), [rows, order]);

  const sortBy = (column: Column) => {
    const first = column.numeric ? 'descending' : 'ascending';
    const flipped = order?.direction === 'ascending' ? 'descending' : 'ascending';
    setOrder({ key: column.key, direction: order?.key === column.key ? flipped : first });
  };

  return (
    <div class="data-table">
      <div class="table-tools">
        <span class="muted">
          {rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'row' : 'rows'}
          {props.note ? ` · ${props.note}` : ''}
        </span>
        <SortMenu caption={caption} columns={columns} order={order} onOrder={setOrder} />
        <button
          type="button"
          class="button button--small"
          onClick={() => downloadText(props.fileName, toCsv(columns, sorted))}
          aria-label={`Download ${caption} as CSV`}
        >
          Download CSV
        </button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it. */}
      <section class="table-scroll" tabIndex={0} aria-label={`${caption}, scrollable`}>
        <table>
          <caption class="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = order?.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    class={column.numeric ? 'num' : undefined}
                    aria-sort={active ? order.direction : 'none'}
                  >
                    <button type="button" class="sort-button" onClick={() => sortBy(column)}>
                      {column.label}
                      <span class="sort-mark" aria-hidden="true">
                        {active ? (order.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, shown).map((row, index) => (
              <tr key={index}>
                {columns.map((column) => {
                  const value = row[column.key] ?? null;
                  return (
                    <td key={column.key} class={column.numeric ? 'num' : undefined} data-label={column.label}>
                      {column.format ? column.format(value, row) : value === null ? '–' : String(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {shown < sorted.length ? (
        <div class="table-more">
          <button type="button" class="button button--small" onClick={() => setShown(shown + pageSize * 2)}>
            Show {Math.min(pageSize * 2, sorted.length - shown)} more
          </button>
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={() => setShown(sorted.length)}
          >
            Show all {sorted.length.toLocaleString('en-US')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

// Shown instead of the header buttons on narrow screens (the stylesheet picks one of the two).
function SortMenu(props: {
  caption: string;
  columns: readonly Column[];
  order: SortOrder | undefined;
  onOrder: (order: SortOrder | undefined) => void;
}) {
  const id = `sort-${props.caption.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  const value = props.order ? `${props.order.key}|${props.order.direction}` : '';
  return (
    <span class="sort-menu">
      <label for={id}>Sort by</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const [key = '', direction] = e.currentTarget.value.split('|');
          props.onOrder(
            key ? { key, direction: direction === 'ascending' ? 'ascending' : 'descending' } : undefined,
          );
        }}
      >
        <option value="">as listed</option>
        {props.columns.flatMap((c) => [
          <option key={`${c.key}-d`} value={`${c.key}|descending`}>
            {c.label} {c.numeric ? '(high to low)' : '(Z to A)'}
          </option>,
          <option key={`${c.key}-a`} value={`${c.key}|ascending`}>
            {c.label} {c.numeric ? '(low to high)' : '(A to Z)'}
          </option>,
        ])}
      </select>
    </span>
  );
}
