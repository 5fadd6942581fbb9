import { useCallback, useEffect, useRef, useState } from 'react';
import type { EmployeeRecord, EmployeeStatus } from '../../../shared/contract/roster';
import { api } from '../../api/client';

export const PAGE = 200;

export interface EmployeeQuery {
  unitCode: string;
  search: string;
  status?: EmployeeStatus;
  gender?: 'M' | 'F';
  department?: string;
}

/**
 * Rows of a possibly 50,000-row roster fetched a page at a time as the virtual table scrolls to them. A new query
 * (search, filter, unit) starts a fresh cache; answers to a stale query are dropped.
 */
export function useEmployeePages(q: EmployeeQuery | null) {
  const [total, setTotal] = useState(0);
  /** False until the query's first answer: a count not yet known is never shown as "0 người". */
  const [loaded, setLoaded] = useState(false);
  const [version, setVersion] = useState(0);
  const pages = useRef(new Map<number, EmployeeRecord[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(q);

  const load = useCallback(
    async (page: number) => {
      if (!q || pages.current.has(page) || pending.current.has(page)) return;
      const gen = generation.current;
      // The set of this generation: an answer that comes after a refresh clears only its own entry, not the new one.
      const inFlight = pending.current;
      inFlight.add(page);
      const r = await api.call('employee.list', {
        ...q,
        search: q.search || undefined,
        department: q.department || undefined,
        offset: page * PAGE,
        limit: PAGE,
      });
      inFlight.delete(page);
      if (gen !== generation.current || !r.ok) return;
      pages.current.set(page, r.value.items);
      setTotal(r.value.total);
      setLoaded(true);
      setVersion((v) => v + 1);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is `q` serialised: a new object with the same query keeps the pages
    [key],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    pending.current = new Set();
    setTotal(0);
    setLoaded(false);
    setVersion((v) => v + 1);
    void load(0);
  }, [key, load]);

  const row = (index: number): EmployeeRecord | undefined =>
    pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];
  const refresh = () => {
    generation.current++;
    pages.current = new Map();
    // A page still loading for the old generation must not stop this one from asking again: its answer is dropped
    // (stale generation), so keeping it "pending" lost the refresh — the list stayed at "1 người" after an import
    // when a focus event had asked for page 0 while the import was being written.
    pending.current = new Set();
    setVersion((v) => v + 1);
    void load(0);
  };
  return { total, loaded, row, load, version, refresh };
}
