// The tabs of the Views panel (bottom right). Each view lives in its own feature folder and adds
// one entry here; the panel shows one at a time so the layout fits a 1280×720 projector.
import type { ComponentType } from 'react';
import { Inspector } from '../inspector/Inspector';

export interface ViewTab {
  id: string;
  /** short tab label (one word fits best at 1280×720) */
  label: string;
  Component: ComponentType;
}

export const VIEW_TABS: ViewTab[] = [
  { id: 'inspector', label: 'Inspector', Component: Inspector },
];
