import { useState, type ReactNode } from 'react';

export interface TabDef<Id extends string> {
  id: Id;
  label: string;
  render(): ReactNode;
}

/**
 * The tab bar used by the sections with several panels (Ký số & Nộp, Tra cứu & Thông báo, Cài đặt).
 * Each tab button gets `data-testid="{testIdPrefix}{id}"`.
 */
export function Tabs<Id extends string>({
  tabs,
  testIdPrefix,
  initial,
}: {
  tabs: TabDef<Id>[];
  testIdPrefix: string;
  initial?: Id;
}) {
  const [current, setCurrent] = useState<Id>(initial ?? tabs[0]!.id);
  const active = tabs.find((t) => t.id === current) ?? tabs[0]!;
  return (
    <>
      <div role="tablist" className="tabs no-print">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === active.id}
            data-testid={`${testIdPrefix}${t.id}`}
            onClick={() => setCurrent(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">{active.render()}</div>
    </>
  );
}
