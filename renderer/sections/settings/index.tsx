import { Tabs } from '../../components/Tabs';
import { useNav } from '../../app/stores';
import { useMessages } from '../../i18n';
import { AuditPanel } from './AuditPanel';
import { BackupPanel } from './BackupPanel';
import { GeneralPanel } from './GeneralPanel';
import IvanSettings from './IvanSettings';
import { settingsMessages } from './messages';
import { TrustPanel } from './TrustPanel';
import { trustMessages } from './trust-messages';
import { SupportPanel } from './SupportPanel';
import { supportMessages } from './support-messages';
import './settings.css';

/** Cài đặt: backup and restore, the audit log, training mode and preferences, the I-VAN panel, and support. */
export default function Page() {
  const { t } = useMessages(settingsMessages);
  const trust = useMessages(trustMessages);
  const support = useMessages(supportMessages);
  // `#/settings/ivan` (the unit screen's reminder) opens that tab.
  const tab = useNav((s) => s.params[0]);
  const initial = (['backup', 'audit', 'general', 'ivan', 'trust'] as const).find((x) => x === tab);
  return (
    <section data-testid="section-settings" className="settings">
      <Tabs
        key={initial ?? 'backup'}
        initial={initial}
        testIdPrefix="settings-tab-"
        tabs={[
          { id: 'backup', label: t('tabBackup'), render: () => <BackupPanel /> },
          { id: 'audit', label: t('tabAudit'), render: () => <AuditPanel /> },
          { id: 'general', label: t('tabGeneral'), render: () => <GeneralPanel /> },
          { id: 'ivan', label: t('tabIvan'), render: () => <IvanSettings /> },
          { id: 'trust', label: trust.t('tabTrust'), render: () => <TrustPanel /> },
          { id: 'support', label: support.t('tabSupport'), render: () => <SupportPanel /> },
        ]}
      />
    </section>
  );
}
