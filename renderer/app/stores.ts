import { create } from 'zustand';
import type { SectionId } from './sections';

function sectionFromHash(): SectionId {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (
    (['units', 'employees', 'declarations', 'signing', 'inbox', 'settings'] as const).find((s) => s === id) ?? 'units'
  );
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
  useNav.setState({
    section: sectionFromHash(),
    params: window.location.hash.replace(/^#\/?/, '').split('/').slice(1).filter(Boolean),
  });
});

interface UnitState {
  /** The unit (mã đơn vị) every section works on; the unit switcher sets it. */
  unitCode: string | null;
  setUnit(code: string | null): void;
}

/** Training mode has its own data, so its own remembered unit: leaving training gives back the real unit. */
let unitKey = 'kekhai.unit';

function storedUnit(): string | null {
  try {
    return localStorage.getItem(unitKey);
  } catch {
    return null;
  }
}

/** Called by the frame when the mode is known or changes. */
export function setUnitMode(training: boolean): void {
  const key = training ? 'kekhai.unit.training' : 'kekhai.unit';
  if (key === unitKey) return;
  unitKey = key;
  useCurrentUnit.setState({ unitCode: storedUnit() });
}

export const useCurrentUnit = create<UnitState>((set) => ({
  unitCode: storedUnit(),
  setUnit(code) {
    try {
      if (code) localStorage.setItem(unitKey, code);
      else localStorage.removeItem(unitKey);
    } catch {
      /* ignore */
    }
    set({ unitCode: code });
  },
}));

interface LastDossierState {
  /** The dossier the clerk last opened, signed or chose: the signing and submit tabs start from it. */
  id: string | null;
  set(id: string | null): void;
}

export const useLastDossier = create<LastDossierState>((set) => ({
  id: null,
  set: (id) => set({ id }),
}));
