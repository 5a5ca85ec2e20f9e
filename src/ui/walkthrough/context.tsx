// The walkthrough session reaches its components through one context; the provider starts it once.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../store/context';
import type { WalkSession, WalkState } from './session';
import { startLazyWalkSession } from './lazy-session';

const WalkContext = createContext<WalkSession | null>(null);

export function WalkthroughProvider({ children }: { children: ReactNode }) {
  const { store, bridge } = useServices();
  const [session] = useState(() => startLazyWalkSession(store, bridge, { storage: storageOrNull(), search: window.location.search, hash: window.location.hash }));
  useEffect(() => () => session.dispose(), [session]);
  return <WalkContext.Provider value={session}>{children}</WalkContext.Provider>;
}

export function useWalkSession(): WalkSession {
  const s = useContext(WalkContext);
  if (!s) throw new Error('WalkthroughProvider is missing');
  return s;
}

/** The session when a provider is mounted (panels rendered alone in tests have none). */
export function useOptionalWalkSession(): WalkSession | null {
  return useContext(WalkContext);
}

export function useWalk<T>(selector: (s: WalkState) => T): T {
  return useStore(useWalkSession().state, selector);
}

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
