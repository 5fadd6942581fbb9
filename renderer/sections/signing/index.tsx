import { Tabs } from '../../components/Tabs';
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
  return (
    <section data-testid="section-signing" className="signing">
      <Tabs
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
