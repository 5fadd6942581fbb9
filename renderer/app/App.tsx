import { Suspense, useEffect, useState } from 'react';
import { api } from '../api/client';
import { useLang, useMessages } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { frameMessages } from './messages';
import { SECTIONS } from './sections';
import { useNav } from './stores';

interface Info {
  dataDir: string;
  testMode: boolean;
  appVersion: string;
}

/** The app frame: navigation, the current section, language switch and the status bar. */
export function App() {
  const { t, lang } = useMessages(frameMessages);
  const setLang = useLang((s) => s.setLang);
  const { section, go } = useNav();
  const [info, setInfo] = useState<Info | null>(null);

  useEffect(() => {
    void api.call('system.info', {}).then((r) => r.ok && setInfo(r.value));
  }, [section]);

  useEffect(() => {
    document.documentElement.lang = lang;
    // Alt+1…6 open the sections (keyboard shortcuts for the frequent moves).
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const s = SECTIONS.find((x) => x.shortcut === e.key);
      if (s) {
        e.preventDefault();
        go(s.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, lang]);

  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]!;
  const Page = current.Page;

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          {t('appName')}
          {info?.testMode && <span className="badge-test" data-testid="test-mode-badge">{t('testMode')}</span>}
        </h1>
        <label className="lang">
          {t('language')}{' '}
          <select data-testid="lang-switch" value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <nav className="sidebar" aria-label={t('nav')}>
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            data-testid={`nav-${s.id}`}
            aria-current={s.id === section ? 'page' : undefined}
            title={`Alt+${s.shortcut}`}
            onClick={() => go(s.id)}
          >
            {t(s.label)}
          </button>
        ))}
      </nav>
      <main className="content" data-testid="content">
        <ErrorBoundary key={section} title={t('errorTitle')} hint={t('errorHint')} retry={t('retry')}>
          <Suspense fallback={<p>{t('loading')}</p>}>
            <h2 className="section-title" data-testid="section-title">{t(current.label)}</h2>
            <Page />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="statusbar" data-testid="statusbar">
        <span data-testid="status-face">{api.face === 'desktop' ? t('faceDesktop') : t('faceBrowser')}</span>
        <span data-testid="status-data">
          {t('dataFolder')}: {info?.dataDir ?? '…'}
        </span>
        <span>v{info?.appVersion ?? ''}</span>
      </footer>
    </div>
  );
}
