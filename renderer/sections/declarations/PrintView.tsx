import { useEffect, useState } from 'react';
import { draftSchema } from '../../../shared/draft/schema';
import { printSections } from '../../../shared/forms/print-html';
import { formatDateVN } from '../../../shared/format';
import { api } from '../../api/client';
import { useNav } from '../../app/stores';
import { errorText, useMessages } from '../../i18n';
import { declarationMessages } from './messages';

/**
 * The paper forms (A4 landscape) of a dossier, rendered in the page itself so the desktop app's printToPDF and
 * Chromium's PDF print exactly what the clerk previews. The app frame is hidden by the print stylesheet.
 */
export function PrintView({ id }: { id: string }) {
  const { t, lang } = useMessages(declarationMessages);
  const go = useNav((s) => s.go);
  const [content, setContent] = useState<{ css: string; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.call('dossier.get', { id }).then((r) => {
      if (!r.ok) return setError(errorText(r.error, lang));
      const parsed = draftSchema.safeParse(r.value.draft);
      if (!parsed.success)
        return setError(r.value.validation.problems.map((p) => p.message).join('; ') || 'kekhai-draft/1');
      const stamp = r.value.signedAt
        ? `Đã ký số ngày ${formatDateVN(new Date(r.value.signedAt))} — ${r.value.signer ?? ''}`
        : undefined;
      setContent(printSections(parsed.data, { paperCopyRequired: r.value.paperCopyRequired, stamp }));
    });
  }, [id, lang]);

  return (
    <div data-testid="print-view">
      <div className="toolbar no-print">
        <button type="button" onClick={() => go('declarations', 'edit', id)}>
          {t('backToEditor')}
        </button>
        <button type="button" data-testid="print-now" onClick={() => void api.printToPdf()}>
          {t('printNow')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {content && (
        <div className="print-view kk-print">
          <style>{content.css}</style>
          {/* Built by shared/forms/print-html.ts from the stored draft; every text in it is HTML-escaped there. */}
          <div data-testid="print-forms" dangerouslySetInnerHTML={{ __html: content.body }} />
        </div>
      )}
    </div>
  );
}
