import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { frameMessages } from './messages';

export type SectionId = 'units' | 'employees' | 'declarations' | 'signing' | 'inbox' | 'settings';

export interface SectionDef {
  id: SectionId;
  label: keyof (typeof frameMessages)['vi'];
  /** Alt+digit opens it. */
  shortcut: string;
  Page: LazyExoticComponent<ComponentType>;
}

/** The app's sections, in navigation order; each section's code lives in renderer/sections/<id>/. */
export const SECTIONS: SectionDef[] = [
  { id: 'units', label: 'units', shortcut: '1', Page: lazy(() => import('../sections/units')) },
  { id: 'employees', label: 'employees', shortcut: '2', Page: lazy(() => import('../sections/employees')) },
  { id: 'declarations', label: 'declarations', shortcut: '3', Page: lazy(() => import('../sections/declarations')) },
  { id: 'signing', label: 'signing', shortcut: '4', Page: lazy(() => import('../sections/signing')) },
  { id: 'inbox', label: 'inbox', shortcut: '5', Page: lazy(() => import('../sections/inbox')) },
  { id: 'settings', label: 'settings', shortcut: '6', Page: lazy(() => import('../sections/settings')) },
];
