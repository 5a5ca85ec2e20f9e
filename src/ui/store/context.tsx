// The store and the worker bridge reach components through one context (testable, no globals).
import { createContext, useContext } from 'react';
import type { Bridge } from '../bridge/bridge';
import { useUi, type UiActions, type UiStore } from './store';
import type { UiState } from './types';

export interface AppServices {
  store: UiStore;
  bridge: Bridge;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('AppContext is missing');
  return services;
}

export function useUiState<T>(selector: (s: UiState & UiActions) => T): T {
  return useUi(useServices().store, selector);
}

export function useBridge(): Bridge {
  return useServices().bridge;
}
