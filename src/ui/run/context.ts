// The run session reaches RunMenu through its own context (main.tsx provides it beside AppContext).
import { createContext, useContext } from 'react';
import type { RunSession } from './run-session';

export const RunSessionContext = createContext<RunSession | null>(null);

export function useRunSession(): RunSession {
  const session = useContext(RunSessionContext);
  if (!session) throw new Error('RunSessionContext is missing (main.tsx provides it)');
  return session;
}
