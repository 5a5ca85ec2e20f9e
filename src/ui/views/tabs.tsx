// The tabs of the Views panel (bottom right). Each view lives in its own feature folder and adds
// one entry here; the panel shows one at a time so the layout fits a 1280×720 projector.
import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n';
import { Inspector } from '../inspector/Inspector';
// every tab but the first is a chunk loaded after the first paint (lazy-views.tsx)
import { ControllersView, EtcdPanel, OwnershipView, PodView, RegistryView, SchedulerView, ServicesView, TerminalView } from './lazy-views';

export interface ViewTab {
  id: string;
  /** short tab label (one word fits best at 1280×720): a ui catalogue key */
  label: MessageKey;
  Component: ComponentType;
}

export const VIEW_TABS: ViewTab[] = [
  { id: 'inspector', label: 'views.inspector', Component: Inspector },
  { id: 'scheduler', label: 'views.scheduler', Component: SchedulerView },
  { id: 'ownership', label: 'views.ownership', Component: OwnershipView },
  { id: 'controllers', label: 'views.controllers', Component: ControllersView },
  { id: 'etcd', label: 'views.etcd', Component: EtcdPanel },
  { id: 'pod', label: 'views.pod', Component: PodView },
  { id: 'services', label: 'views.services', Component: ServicesView },
  { id: 'registry', label: 'views.registry', Component: RegistryView },
  { id: 'terminal', label: 'views.terminal', Component: TerminalView },
];
