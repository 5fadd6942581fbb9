import { useState } from 'react';
import { useMessages } from '../../i18n';
import { inboxMessages } from './messages';
import { InboxTab } from './InboxTab';
import { HistoryTab } from './HistoryTab';
import { OutboxTab } from './OutboxTab';
import './inbox.css';

type Tab = 'inbox' | 'history' | 'outbox';

/** "Tra cứu & Thông báo": results inbox, transaction history (search, export, print) and the outbox. */
export default function Page() {
  const { t } = useMessages(inboxMessages);
  const [tab, setTab] = useState<Tab>('inbox');
  const tabs: [Tab, string][] = [
    ['inbox', t('tabInbox')],
    ['history', t('tabHistory')],
    ['outbox', t('tabOutbox')],
  ];
  return (
    <section data-testid="section-inbox" className="inbox">
      <div role="tablist" className="tabs no-print">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`tab-${id}`}>{label}</button>
        ))}
      </div>
      {tab === 'inbox' && <InboxTab />}
      {tab === 'history' && <HistoryTab />}
      {tab === 'outbox' && <OutboxTab />}
    </section>
  );
}
