// Tokens jump instead of travel when the system asks for reduced motion or the Reduce motion setting is on.
import { useSyncExternalStore } from 'react';
import { useUiState } from '../store/context';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY) : null;
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

const systemPrefers = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY).matches : false);

export function useReducedMotion(): boolean {
  const setting = useUiState((s) => s.reduceMotion);
  const system = useSyncExternalStore(subscribe, systemPrefers, () => false);
  return setting || system;
}
