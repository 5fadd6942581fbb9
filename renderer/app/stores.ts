import { create } from 'zustand';
import type { SectionId } from './sections';

function sectionFromHash(): SectionId {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (['units', 'employees', 'declarations', 'signing', 'inbox', 'settings'] as const).find((s) => s === id) ?? 'units';
}

interface NavState {
  section: SectionId;
  /** Extra route path after the section, e.g. `#/declarations/print/<id>` → ['print', '<id>']. */
  params: string[];
  go(section: SectionId, ...params: string[]): void;
}

export const useNav = create<NavState>((set) => ({
  section: sectionFromHash(),
  params: window.location.hash.replace(/^#\/?/, '').split('/').slice(1).filter(Boolean),
  go(section, ...params) {
    window.location.hash = `#/${[section, ...params].join('/')}`;
    set({ section, params });
  },
}));

window.addEventListener('hashchange', () => {
  useNav.setState({ section: sectionFromHash(), params: window.location.hash.replace(/^#\/?/, '').split('/').slice(1).filter(Boolean) });
});

interface UnitState {
  /** The unit (mã đơn vị) every section works on; the unit switcher sets it. */
  unitCode: string | null;
  setUnit(code: string | null): void;
}

export const useCurrentUnit = create<UnitState>((set) => ({
  unitCode: (() => {
    try {
      return localStorage.getItem('kekhai.unit');
    } catch {
      return null;
    }
  })(),
  setUnit(code) {
    try {
      if (code) localStorage.setItem('kekhai.unit', code);
      else localStorage.removeItem('kekhai.unit');
    } catch {
      /* ignore */
    }
    set({ unitCode: code });
  },
}));
