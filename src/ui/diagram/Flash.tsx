// Lights a component up when a trace event reaches it; keyed by seq so each event restarts it.
import { useUiState } from '../store/context';
import { selectActivity } from '../store/selectors';

export function Flash({ id }: { id: string }) {
  const a = useUiState(selectActivity(id));
  if (!a) return null;
  return <span key={a.seq} className={`flash${a.ambient ? ' is-ambient' : ''}`} aria-hidden="true" />;
}

/** The type of the latest event that reached `id` (for stage pills), or undefined. */
export function useLatestType(id: string): string | undefined {
  return useUiState(selectActivity(id))?.type;
}
