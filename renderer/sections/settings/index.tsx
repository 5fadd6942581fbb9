import { useState } from 'react';
import { useMessages } from '../../i18n';
import { AuditPanel } from './AuditPanel';
import { BackupPanel } from './BackupPanel';
import { GeneralPanel } from './GeneralPanel';
import IvanSettings from './IvanSettings';
import { settingsMessages } from './messages';
import './settings.css';

const TABS = ['backup', 'audit', 'general', 'ivan'] as const;
type Tab = (typeof TABS)[number];
const LABEL = { backup: 'tabBackup', audit: 'tabAudit', general: 'tabGeneral', ivan: 'tabIvan' } as const;

/** Cài đặt: backup and restore, the audit log, training mode and preferences, and the I-VAN panel. */
export default function Page() {
  const { t } = useMessages(settingsMessages);
  const [tab, setTab] = useState<Tab>('backup');
  return (
    <section data-testid="section-settings" className="settings">
      <div role="tablist" className="tabs">
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`settings-tab-${id}`} onClick={() => setTab(id)}>
            {t(LABEL[id])}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'backup' && <BackupPanel />}
        {tab === 'audit' && <AuditPanel />}
        {tab === 'general' && <GeneralPanel />}
        {tab === 'ivan' && <IvanSettings />}
      </div>
    </section>
  );
}
