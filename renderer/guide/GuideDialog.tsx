import { useState, type MouseEvent } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import { useMessages } from '../i18n';
import { guideMessages as m } from './guide-messages';
import { guideHtml } from './guide-pages';
import './guide.css';

/** F1: the guide page of the current screen, in a modal; links between guide pages stay inside it. */
export function GuideDialog({ page, onClose }: { page: string; onClose(): void }) {
  const { t } = useMessages(m);
  const [current, setCurrent] = useState(page);
  const html = guideHtml(current) ?? guideHtml('README.md') ?? '';
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest('a[href]');
    const href = a?.getAttribute('href') ?? '';
    const md = /^([\w-]+\.md)(#.*)?$/.exec(href);
    if (md) {
      e.preventDefault();
      setCurrent(md[1]!);
    }
  };
  return (
    <ModalDialog
      className="guide-dialog"
      aria-label={t('title')}
      data-testid="guide"
      data-page={current}
      onClose={onClose}
    >
      <div className="toolbar">
        <strong>{t('title')}</strong>
        <button type="button" onClick={() => setCurrent('README.md')}>
          {t('contents')}
        </button>
        <button type="button" data-testid="guide-close" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {/* docs/guide is the project's own text, rendered at build time from the repository (no user input). */}
      <article className="guide-page" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
    </ModalDialog>
  );
}
