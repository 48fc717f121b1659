import { useMemo, useState } from 'react';
import type { BreakdownRow } from '../../../shared/contract/spending-contract';
import { count, share, usd, usdExact } from './format';

type SortKey = 'label' | 'costNanos' | 'requests' | 'tokens' | 'avgCostNanos' | 'shareBasisPoints';

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'label', label: 'Name', numeric: false },
  { key: 'costNanos', label: 'Cost', numeric: true },
  { key: 'requests', label: 'Requests', numeric: true },
  { key: 'tokens', label: 'Tokens in / out', numeric: true },
  { key: 'avgCostNanos', label: 'Avg / request', numeric: true },
  { key: 'shareBasisPoints', label: 'Share', numeric: true },
];

function sortValue(row: BreakdownRow, key: SortKey): number | string {
  if (key === 'label') return row.label.toLowerCase();
  if (key === 'tokens') return row.inputTokens + row.outputTokens;
  return row[key] ?? -1;
}

interface Props {
  caption: string;
  rows: BreakdownRow[];
  /** A row's name becomes a button doing this (the conversation table filters the request log). */
  onPick?: (row: BreakdownRow) => void;
  canPick?: (row: BreakdownRow) => boolean;
  pickLabel?: (row: BreakdownRow) => string;
}

/** A breakdown by provider, model or conversation, sortable by any column (cost first). */
export function BreakdownTable({ caption, rows, onPick, canPick = () => true, pickLabel }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'costNanos', descending: true });
  const sorted = useMemo(() => {
    const direction = sort.descending ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * direction || a.label.localeCompare(b.label);
    });
  }, [rows, sort]);

  return (
    <table className="spending-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <th
                key={column.key}
                scope="col"
                className={column.numeric ? 'num' : undefined}
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  onClick={() => setSort({ key: column.key, descending: active ? !sort.descending : column.numeric })}
                >
                  {column.label}
                  <span className="spending-sort" aria-hidden="true">
                    {active ? (sort.descending ? '▼' : '▲') : ''}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.key}>
            <th scope="row">
              {onPick && canPick(row) ? (
                <button type="button" className="spending-link" onClick={() => onPick(row)} aria-label={pickLabel?.(row)}>
                  {row.label}
                </button>
              ) : (
                row.label
              )}
              {row.detail && <span className="spending-detail">{row.detail}</span>}
            </th>
            <td className="num" title={`${usdExact(row.costNanos)} exactly`}>
              {usd(row.costNanos)}
              {row.unpricedRequests > 0 && (
                <span className="spending-badge unknown" title="These requests' cost is unknown and not in the figure">
                  +{count(row.unpricedRequests)} unknown
                </span>
              )}
            </td>
            <td className="num">
              {count(row.requests)}
              {row.estimatedRequests > 0 && <span className="spending-badge estimated">{count(row.estimatedRequests)} est.</span>}
            </td>
            <td className="num">
              {count(row.inputTokens)} / {count(row.outputTokens)}
            </td>
            <td className="num">{row.avgCostNanos === null ? '—' : usd(row.avgCostNanos)}</td>
            <td className="num">
              <span className="spending-share">
                <span className="spending-share-bar" style={{ width: `${(row.shareBasisPoints ?? 0) / 100}%` }} />
                {share(row.shareBasisPoints)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
