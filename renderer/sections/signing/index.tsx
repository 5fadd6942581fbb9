import { Tabs } from '../../components/Tabs';
import { useNav } from '../../app/stores';
import { useMessages } from '../../i18n';
import { signingMessages } from './messages';
import { SigningDoctor } from './SigningDoctor';
import { VerifyPanel } from './VerifyPanel';
import { SignDialog } from './SignDialog';
import { DossierSignPanel } from './DossierSignPanel';
import SubmitPanel from './SubmitPanel';
import './signing.css';

/** Chữ ký số: the signing doctor, signing a dossier, verification of a signed file, signing one file, and submission (I-VAN). */
export default function Page() {
  const { t } = useMessages(signingMessages);
  // `#/signing/submit` (from a dossier's "Nộp" button) opens that tab.
  const tab = useNav((s) => s.params[0]);
  const initial = (['doctor', 'dossier', 'verify', 'sign', 'submit'] as const).find((x) => x === tab);
  return (
    <section data-testid="section-signing" className="signing">
      <Tabs
        key={initial ?? 'doctor'}
        initial={initial}
        testIdPrefix="signing-tab-"
        tabs={[
          { id: 'doctor', label: t('tabDoctor'), render: () => <SigningDoctor /> },
          { id: 'dossier', label: t('tabDossier'), render: () => <DossierSignPanel /> },
          { id: 'verify', label: t('tabVerify'), render: () => <VerifyPanel /> },
          { id: 'sign', label: t('tabSign'), render: () => <SignDialog /> },
          { id: 'submit', label: t('tabSubmit'), render: () => <SubmitPanel /> },
        ]}
      />
    </section>
  );
}
