import { Tabs } from '../../components/Tabs';
import { useMessages } from '../../i18n';
import { inboxMessages } from './messages';
import { InboxTab } from './InboxTab';
import { HistoryTab } from './HistoryTab';
import { OutboxTab } from './OutboxTab';
import './inbox.css';

/** "Tra cứu & Thông báo": results inbox, transaction history (search, export, print) and the outbox. */
export default function Page() {
  const { t } = useMessages(inboxMessages);
  return (
    <section data-testid="section-inbox" className="inbox">
      <Tabs
        testIdPrefix="tab-"
        tabs={[
          { id: 'inbox', label: t('tabInbox'), render: () => <InboxTab /> },
          { id: 'history', label: t('tabHistory'), render: () => <HistoryTab /> },
          { id: 'outbox', label: t('tabOutbox'), render: () => <OutboxTab /> },
        ]}
      />
    </section>
  );
}
