import { useState } from 'react';
import { useMessages } from '../../i18n';
import { signingMessages } from './messages';
import { SigningDoctor } from './SigningDoctor';
import { VerifyPanel } from './VerifyPanel';
import { SignDialog } from './SignDialog';
import { DossierSignPanel } from './DossierSignPanel';
import SubmitPanel from './SubmitPanel';
import './signing.css';

type Tab = 'doctor' | 'dossier' | 'verify' | 'sign' | 'submit';

/** Chữ ký số: the signing doctor, verification of a signed file, signing one file, and submission (I-VAN). */
export default function Page() {
  const { t } = useMessages(signingMessages);
  const [tab, setTab] = useState<Tab>('doctor');
  const tabs: [Tab, string][] = [
    ['doctor', t('tabDoctor')],
    ['dossier', t('tabDossier')],
    ['verify', t('tabVerify')],
    ['sign', t('tabSign')],
    ['submit', t('tabSubmit')],
  ];
  return (
    <section data-testid="section-signing" className="signing">
      <div role="tablist" className="tabs">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`signing-tab-${id}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'doctor' && <SigningDoctor />}
        {tab === 'dossier' && <DossierSignPanel />}
        {tab === 'verify' && <VerifyPanel />}
        {tab === 'sign' && <SignDialog />}
        {tab === 'submit' && <SubmitPanel />}
      </div>
    </section>
  );
}
