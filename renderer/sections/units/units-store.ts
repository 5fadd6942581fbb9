import { create } from 'zustand';
import type { UnitRecord } from '../../../shared/contract/roster';
import { api } from '../../api/client';

interface UnitsState {
  units: UnitRecord[];
  loaded: boolean;
  reload(): Promise<void>;
}

/** The unit list, shared by the switcher and the units page. */
export const useUnits = create<UnitsState>((set) => ({
  units: [],
  loaded: false,
  async reload() {
    const r = await api.call('unit.list', {});
    if (r.ok) set({ units: r.value.units, loaded: true });
  },
}));
