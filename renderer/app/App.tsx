import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { errorText, useLang, useMessages } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { frameMessages } from './messages';
import { SECTIONS } from './sections';
import { setUnitMode, useNav } from './stores';
import { GUIDE_PAGE_OF } from '../guide/guide-map';
import { useUnits } from '../sections/units/units-store';
import { installLinkGuard } from './link-guard';
import { formatDateTimeVN, parseInstantVN } from '../../shared/format';

// The first-run flow (renderer/sections/welcome), shown while no unit exists.
const Welcome = lazy(() => import('../sections/welcome'));
// The user guide (F1), bundled with its pictures: loaded on first use.
const GuideDialog = lazy(() => import('../guide/GuideDialog').then((x) => ({ default: x.GuideDialog })));

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
  const [welcome, setWelcome] = useState(false);
  const [training, setTraining] = useState(false);
  const [clock, setClock] = useState<string | null>(null);
  const clockAt = clock ? parseInstantVN(clock) : null;
  const [notice, setNotice] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [guide, setGuide] = useState<string | null>(null);

  // Choosing a section (sidebar, Alt+digit, a link) leaves the first-run flow for this session; it comes back on the
  // next start while there is still no unit.
  const shownSection = useRef(section);
  const leftWelcome = useRef(false);
  const leave = () => {
    leftWelcome.current = true;
    setWelcome(false);
  };
  useEffect(() => {
    if (shownSection.current === section) return;
    shownSection.current = section;
    leave();
  }, [section]);

  useEffect(() => {
    void api.call('system.info', {}).then((r) => r.ok && setInfo(r.value));
    void api.call('training.status', {}).then((r) => {
      if (!r.ok) return;
      setTraining(r.value.enabled);
      setUnitMode(r.value.enabled);
      void useUnits.getState().reload();
    });
    void api.call('settings.get', {}).then((r) => r.ok && setClock(r.value['testMode.clock']));
  }, [section, refresh]);

  useEffect(() => {
    const uninstall = installLinkGuard();
    // Not when the clerk already moved on before the answer came (a quick click in the sidebar).
    void api.call('welcome.status', {}).then((r) => r.ok && !leftWelcome.current && setWelcome(r.value.needed));
    // The desktop shell takes the daily backup itself; in browser mode the page asks for it.
    if (api.face === 'browser') void api.call('backup.auto', {});
    const bump = () => setRefresh((n) => n + 1);
    window.addEventListener('kekhai:settings-changed', bump);
    window.addEventListener('kekhai:data-restored', bump);
    return () => {
      uninstall();
      window.removeEventListener('kekhai:settings-changed', bump);
      window.removeEventListener('kekhai:data-restored', bump);
    };
  }, []);

  useEffect(() => {
    // Training mode is marked in the window's title bar as well as in the app's own header.
    document.title = training ? `[${t('training')}] ${t('appName')}` : t('appName');
  }, [training, t]);

  useEffect(() => {
    document.documentElement.lang = lang;
    // Alt+1…6 open the sections (keyboard shortcuts for the frequent moves).
    const onKey = (e: KeyboardEvent) => {
      // Ctrl+Shift+S: back up now (the clerk's "save a copy" before a risky change).
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void api.call('backup.now', { download: false }).then((r) => {
          setNotice(r.ok ? `${t('backupDone')}: ${r.value.backup.name}` : errorText(r.error, lang));
          window.dispatchEvent(new Event('kekhai:backup-done'));
        });
        return;
      }
      // F1: the user guide's page of this screen.
      if (e.key === 'F1') {
        e.preventDefault();
        setGuide(GUIDE_PAGE_OF[useNav.getState().section]);
        return;
      }
      if (!e.altKey) return;
      const s = SECTIONS.find((x) => x.shortcut === e.key);
      if (s) {
        e.preventDefault();
        leave();
        go(s.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, lang, t]);

  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]!;
  const Page = current.Page;

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('appName')}</h1>
        {(training || info?.testMode) && (
          // One banner for the mode: training (its own data) and/or the frozen test clock, shown on every screen.
          <div className="mode-banner" role="status" data-testid="mode-banner">
            <strong>{training ? t('trainingBanner') : t('testMode')}</strong>
            {clockAt && (
              <span data-testid="mode-banner-clock"> · {t('testClockAt', { at: formatDateTimeVN(clockAt) })}</span>
            )}
          </div>
        )}
        <label className="lang">
          {t('language')}{' '}
          <select
            data-testid="lang-switch"
            value={lang}
            onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}
          >
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
            onClick={() => {
              leave();
              go(s.id);
            }}
          >
            {t(s.label)}
          </button>
        ))}
      </nav>
      <main className="content" data-testid="content">
        <ErrorBoundary key={section} title={t('errorTitle')} hint={t('errorHint')} retry={t('retry')}>
          <Suspense fallback={<p>{t('loading')}</p>}>
            {welcome ? (
              <Welcome
                onDone={() => {
                  setWelcome(false);
                  setRefresh((n) => n + 1);
                  go('units');
                }}
                onRestore={() => {
                  setWelcome(false);
                  go('settings');
                }}
              />
            ) : (
              <>
                <h2 className="section-title" data-testid="section-title">
                  {t(current.label)}
                </h2>
                <Page />
              </>
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
      {guide && (
        <Suspense fallback={null}>
          <GuideDialog page={guide} onClose={() => setGuide(null)} />
        </Suspense>
      )}
      <footer className="statusbar" data-testid="statusbar">
        <span data-testid="status-face">{api.face === 'desktop' ? t('faceDesktop') : t('faceBrowser')}</span>
        <span data-testid="status-data">
          {t('dataFolder')}: {info?.dataDir ?? '…'}
        </span>
        <span>v{info?.appVersion ?? ''}</span>
        {notice && <span data-testid="status-notice">{notice}</span>}
      </footer>
    </div>
  );
}
