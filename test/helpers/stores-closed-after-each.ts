import { afterEach } from 'vitest';
import type { Store } from '../../src/main/core/db/open-database';

/**
 * Stores a test opens, closed after it (a test that closed one itself is left alone). Returns
 * the function that registers a store; it gives the store back, to open and register in one go.
 */
export function useStoresClosedAfterEach(): (store: Store) => Store {
  const opened: Store[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) if (store.sqlite.open) store.close();
  });
  return (store) => {
    opened.push(store);
    return store;
  };
}
