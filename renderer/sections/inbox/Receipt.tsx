import type { HistoryItem } from '../../../shared/contract/ivan';
import { stateLabel } from '../../../shared/ivan/state-labels';
import { api } from '../../api/client';
import { useMessages } from '../../i18n';
import { inboxMessages } from './messages';
import { when } from './format';
import { procedureName } from '../../../shared/ivan/dossier-title';

/** A printable receipt (biên nhận) of one transaction: what was sent, when, the I-VAN's acknowledgement and result. */
export function Receipt({ item, onClose }: { item: HistoryItem; onClose(): void }) {
  const { t, lang } = useMessages(inboxMessages);
  const r = item.receipts[0];
  return (
    <div className="ivan-receipt" role="dialog" aria-label={t('receiptTitle')} data-testid="ivan-receipt">
      <h3>{t('receiptTitle')}</h3>
      <table className="grid">
        <tbody>
          <tr>
            <th>{t('unit')}</th>
            <td data-testid="receipt-unit">{[item.unitCode, item.unitName].filter(Boolean).join(' – ') || '—'}</td>
          </tr>
          <tr>
            <th>{t('procedure')}</th>
            <td>{procedureName(item.procedure, lang) ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('period')}</th>
            <td>{item.period ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('batch')}</th>
            <td>{item.batch ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('dossier')}</th>
            <td>
              <small>{item.fileName}</small>
            </td>
          </tr>
          <tr>
            <th>{t('transaction')}</th>
            <td data-testid="receipt-tx">{item.transactionId ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('at')}</th>
            <td>{when(r?.receivedAt)}</td>
          </tr>
          <tr>
            <th>{t('acknowledgement')}</th>
            <td>{r?.acknowledgement ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('state')}</th>
            <td>{stateLabel(item.state, lang)}</td>
          </tr>
          <tr>
            <th>{t('receiptNo')}</th>
            <td data-testid="receipt-no">{item.receiptNo ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      {item.paperCopyRequired && <p className="warning">{t('paperCopy')}</p>}
      {item.reasons.length > 0 && (
        <ul className="error">
          {item.reasons.map((x, i) => (
            <li key={i}>{x.message}</li>
          ))}
        </ul>
      )}
      <div className="toolbar no-print">
        <button type="button" onClick={() => void api.printToPdf()}>
          {t('print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
