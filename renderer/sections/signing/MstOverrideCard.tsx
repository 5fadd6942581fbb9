import { useState } from 'react';
import { useMessages } from '../../i18n';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { SignerPicker } from './SignerPicker';

/**
 * Signing with a certificate whose MST is not the unit's (issue 5 §2): the clerk gives a reason (3 characters at
 * least, as the contract's `mstOverride` requires) and the PIN again; the backend records the override in
 * `mst_overrides` and the audit log. Test ids are `<testIdPrefix>-mst-override` and `<testIdPrefix>-override-reason`.
 */
export function MstOverrideCard({
  testIdPrefix,
  busy,
  onConfirm,
  onCancel,
}: {
  testIdPrefix: string;
  busy: boolean;
  onConfirm: (spec: SignerSpecInput, override: { reason: string }) => void;
  onCancel?: () => void;
}) {
  const { t } = useMessages(signingMessages);
  const [reason, setReason] = useState('');
  return (
    <div className="card" data-testid={`${testIdPrefix}-mst-override`}>
      <p>{t('mstMismatch')}</p>
      <input
        data-testid={`${testIdPrefix}-override-reason`}
        placeholder={t('overrideReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <SignerPicker
        busy={busy || reason.trim().length < 3}
        submitLabel={t('confirmOverride')}
        onSubmit={(spec) => onConfirm(spec, { reason: reason.trim() })}
      />
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}
