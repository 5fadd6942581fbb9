import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/contract/desk';
import { formatDateTimeVN } from '../../../shared/format';
import { auditSentence } from '../../../shared/desk/audit-sentence';
import { api } from '../../api/client';
import { errorText, useMessages } from '../../i18n';
import { saveBlob } from '../../api/files';
import { settingsMessages } from './messages';
import { DataTable } from '../../components/DataTable';

const PAGE = 50;

/** Who changed what and when (the Windows user name), searchable and exportable for an inspection. */
export function AuditPanel() {
  const { t, lang } = useMessages(settingsMessages);
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (offset: number) => {
      const r = await api.call('audit.list', { search: search.trim() || undefined, offset, limit: PAGE });
      if (!r.ok) return setError(errorText(r.error, lang));
      setError(null);
      setTotal(r.value.total);
      setItems((prev) => (offset === 0 ? r.value.items : [...prev, ...r.value.items]));
    },
    [search, lang],
  );
  useEffect(() => {
    const h = setTimeout(() => void load(0), 200);
    return () => clearTimeout(h);
  }, [load]);

  async function exportAs(format: 'csv' | 'json') {
    const r = await api.call('audit.export', { format, search: search.trim() || undefined });
    if (r.ok) saveBlob(r.value.file, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    else setError(errorText(r.error, lang));
  }

  return (
    <div className="audit-panel">
      <div className="toolbar">
        <input
          type="search"
          data-testid="audit-search"
          placeholder={t('auditSearch')}
          aria-label={t('auditSearch')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" data-testid="audit-export-csv" onClick={() => void exportAs('csv')}>
          {t('auditExportCsv')}
        </button>
        <button type="button" onClick={() => void exportAs('json')}>
          {t('auditExportJson')}
        </button>
        <span data-testid="audit-total">{t('auditTotal', { n: total })}</span>
      </div>
      {error && <p className="error">{error}</p>}
      <DataTable
        testId="audit-table"
        rows={items}
        rowKey={(e) => e.id}
        rowTestId="audit-row"
        columns={[
          { header: t('colTime'), cell: (e) => formatDateTimeVN(new Date(e.at)) },
          { header: t('colActor'), cell: (e) => e.actor },
          {
            header: t('colAction'),
            className: 'audit-detail',
            // The sentence for the clerk; the recorded code and detail for support, on hover.
            title: (e) => `${e.action} ${e.subjectType}${e.subjectId ? ` ${e.subjectId}` : ''} ${e.detail ?? ''}`,
            cell: (e) => auditSentence(e, lang),
          },
        ]}
      />
      {items.length < total && (
        <button type="button" onClick={() => void load(items.length)}>
          {t('more')}
        </button>
      )}
    </div>
  );
}
