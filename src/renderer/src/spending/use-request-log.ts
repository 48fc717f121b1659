import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogCursor, PeriodRequest, RequestLogFilter, RequestLogRow } from '../../../shared/contract/spending-contract';
import { call } from '../api/tallychat-client';

const PAGE = 100;

interface LogState {
  rows: RequestLogRow[];
  next: LogCursor | null;
  loading: boolean;
  error?: string;
}

/**
 * The request log, a page at a time from main (keyset pages, so page 5,000 costs what page 1
 * does). A new period or filter, or a new read of the figures above it (`version`), starts again from the newest row; a page that
 * arrives for an older query is dropped.
 */
export function useRequestLog(period: PeriodRequest, filter: RequestLogFilter, version: number) {
  const [state, setState] = useState<LogState>({ rows: [], next: null, loading: true });
  const query = useRef(0);
  // Period and filter are new objects on every render: the query restarts when their value does.
  const latest = useRef({ period, filter });
  latest.current = { period, filter };
  const key = JSON.stringify([period, filter, version]);

  const fetchPage = useCallback(async (id: number, after: LogCursor | null) => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const page = await call('spendingRequests', { ...latest.current, limit: PAGE, ...(after ? { after } : {}) });
      if (query.current !== id) return;
      setState((s) => ({ rows: after ? [...s.rows, ...page.rows] : page.rows, next: page.next, loading: false }));
    } catch (error) {
      if (query.current !== id) return;
      setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
    }
  }, []);

  useEffect(() => {
    const id = ++query.current;
    setState({ rows: [], next: null, loading: true });
    void fetchPage(id, null);
  }, [key, fetchPage]);

  const loadMore = useCallback(() => {
    if (state.loading || !state.next) return;
    void fetchPage(query.current, state.next);
  }, [fetchPage, state.loading, state.next]);

  return { ...state, loadMore };
}
