import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { EmployeeRecord } from '../../../shared/contract/roster';
import { EMPLOYEE_STATUS_LABELS } from '../../../shared/identity/employee-labels';
import { formatNumber } from '../../../shared/format';
import { useMessages } from '../../i18n';
import { employeeMessages } from './messages';
import { PAGE } from './use-employee-pages';

const ROW_HEIGHT = 30;

/** The roster as a virtual list: only the visible rows are in the DOM, pages are fetched as they come into view. */
export function EmployeeTable(props: {
  total: number;
  row(i: number): EmployeeRecord | undefined;
  load(page: number): void;
  version: number;
  onOpen(e: EmployeeRecord): void;
}) {
  const { t, lang } = useMessages(employeeMessages);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: props.total,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) props.load(p);
  }, [first, last, props]);

  return (
    <div className="vtable" role="table" aria-rowcount={props.total} data-testid="employee-table">
      <div className="vhead" role="row">
        <div role="columnheader">#</div>
        <div role="columnheader">{t('colName')}</div>
        <div role="columnheader">{t('colNumber')}</div>
        <div role="columnheader">{t('colBirth')}</div>
        <div role="columnheader">{t('colGender')}</div>
        <div role="columnheader">{t('colId')}</div>
        <div role="columnheader">{t('colJob')}</div>
        <div role="columnheader" className="num">
          {t('colSalary')}
        </div>
        <div role="columnheader">{t('colStatus')}</div>
      </div>
      <div className="vbody" ref={parent} data-testid="employee-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }} data-version={props.version}>
          {items.map((it) => {
            const e = props.row(it.index);
            return (
              <div
                key={it.key}
                className="vrow"
                role="row"
                aria-rowindex={it.index + 1}
                data-testid="employee-row"
                style={{ top: it.start }}
                onDoubleClick={() => e && props.onOpen(e)}
                onKeyDown={(k) => k.key === 'Enter' && e && props.onOpen(e)}
                tabIndex={0}
              >
                <div className="num">{it.index + 1}</div>
                {e ? (
                  <>
                    <div role="cell">{e.fullName}</div>
                    <div role="cell">{e.insuranceNumber}</div>
                    <div role="cell">{e.birthDate}</div>
                    <div role="cell">{e.gender === 'M' ? t('male') : t('female')}</div>
                    <div role="cell">{e.cccd || e.cmnd}</div>
                    <div role="cell">{e.jobTitle}</div>
                    <div role="cell" className="num">
                      {e.salary === null
                        ? ''
                        : e.salaryKind === 'coefficient'
                          ? e.salary.toLocaleString('vi-VN')
                          : formatNumber(e.salary)}
                    </div>
                    <div role="cell">{EMPLOYEE_STATUS_LABELS[e.status][lang]}</div>
                  </>
                ) : (
                  <div role="cell">{t('loadingRow')}</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
