import { useMessages } from '../../i18n';
import type { SignerSpecInput } from '../../../shared/contract/signing';
import { signingMessages } from './messages';
import { MstOverrideCard } from './MstOverrideCard';
import { SignerPicker } from './SignerPicker';

/**
 * One signing attempt of the file and the dossier tabs: the signer picker, "signing…", the error, and — after an
 * MST_MISMATCH — the override card. The caller holds the state and makes the call (`onSign`, with the override the
 * second time). Test ids: `<testIdPrefix>-error` and the card's.
 */
export function SignAttempt({
  testIdPrefix,
  busy,
  blocked,
  submitLabel,
  error,
  mismatch,
  onSign,
  onCancelOverride,
}: {
  testIdPrefix: string;
  busy: boolean;
  blocked: string | null;
  submitLabel: string;
  error: string | null;
  mismatch: boolean;
  onSign: (spec: SignerSpecInput, override?: { reason: string }) => void;
  onCancelOverride?: () => void;
}) {
  const { t } = useMessages(signingMessages);
  return (
    <>
      <SignerPicker busy={busy} blocked={blocked} submitLabel={submitLabel} onSubmit={(spec) => onSign(spec)} />
      {busy && <p aria-live="polite">{t('signing')}</p>}
      {error && (
        <p className="error" role="alert" data-testid={`${testIdPrefix}-error`}>
          {error}
        </p>
      )}
      {mismatch && (
        <MstOverrideCard testIdPrefix={testIdPrefix} busy={busy} onConfirm={onSign} onCancel={onCancelOverride} />
      )}
    </>
  );
}
