// The tabs of the Views panel (bottom right). Each view lives in its own feature folder and adds
// one entry here; the panel shows one at a time so the layout fits a 1280×720 projector.
import type { ComponentType } from 'react';
import { Inspector } from '../inspector/Inspector';
import { EtcdPanel } from '../etcd/EtcdPanel';
import { SchedulerView } from '../scheduler/SchedulerView';
import { OwnershipView } from '../ownership/OwnershipView';
import { ControllersView } from '../controllers/ControllersView';
import { PodView } from '../pod/PodView';
import { ServicesView } from '../services/ServicesView';
import { RegistryView } from '../registry/RegistryView';

export interface ViewTab {
  id: string;
  /** short tab label (one word fits best at 1280×720) */
  label: string;
  Component: ComponentType;
}

export const VIEW_TABS: ViewTab[] = [
  { id: 'inspector', label: 'Inspector', Component: Inspector },
  { id: 'scheduler', label: 'Scheduler', Component: SchedulerView },
  { id: 'ownership', label: 'Ownership', Component: OwnershipView },
  { id: 'controllers', label: 'Controllers', Component: ControllersView },
  { id: 'etcd', label: 'etcd', Component: EtcdPanel },
  { id: 'pod', label: 'Pod', Component: PodView },
  { id: 'services', label: 'Services', Component: ServicesView },
  { id: 'registry', label: 'Registry', Component: RegistryView },
];
