import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../shared/contract/common';
import { api } from '../../api/client';

/** Progress of one long method (api.onProgress), shown while `active`. */
export function ProgressBar({ method, active, label }: { method: string; active: boolean; label: string }) {
  const [p, setP] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    if (!active) {
      setP(null);
      return;
    }
    return api.onProgress((e) => {
      if (e.method === method) setP(e);
    });
  }, [active, method]);
  if (!active) return null;
  const pct = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : null;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      data-testid={`progress-${method}`}
    >
      <div
        className="progress-fill"
        style={{ width: `${pct ?? 100}%` }}
        data-indeterminate={pct === null ? 'true' : undefined}
      />
      <span>
        {label}
        {pct !== null ? ` ${pct}%` : '…'}
      </span>
    </div>
  );
}
