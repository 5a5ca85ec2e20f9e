// A pod inside its node box: name, STATUS and one mark per container. Click selects it.
import { memo, useMemo } from 'react';
import type { KubeObject } from '../../protocol/messages';
import { statusTone } from '../pods/pod-row';
import { podColumns, type ContainerStatus } from '../pods/pod-status';
import { useUiState } from '../store/context';
import { selectObject, selectSelect, selectSelectedKey } from '../store/selectors';

type Mark = { name: string; state: 'running' | 'waiting' | 'terminated' | 'none'; label: string };

export function containerMarks(pod: KubeObject): Mark[] {
  const specs = ((pod.spec as { containers?: Array<{ name: string }> })?.containers ?? []);
  const statuses = ((pod.status as { containerStatuses?: ContainerStatus[] })?.containerStatuses ?? []);
  return specs.map(({ name }) => {
    const s = statuses.find((c) => c.name === name)?.state;
    if (s?.running) return { name, state: 'running', label: `${name}: running` };
    if (s?.terminated) return { name, state: 'terminated', label: `${name}: ${s.terminated.reason ?? 'terminated'}` };
    if (s?.waiting) return { name, state: 'waiting', label: `${name}: ${s.waiting.reason ?? 'waiting'}` };
    return { name, state: 'none', label: `${name}: not created yet` };
  });
}

export const PodChip = memo(function PodChip({ podKey, compact = false }: { podKey: string; compact?: boolean }) {
  const pod = useUiState(selectObject(podKey));
  const selected = useUiState(selectSelectedKey) === podKey;
  const select = useUiState(selectSelect);
  const view = useMemo(() => (pod ? { status: podColumns(pod).status, marks: containerMarks(pod) } : null), [pod]);
  if (!pod || !view) return null;
  const name = pod.metadata.name;
  return (
    <button
      type="button"
      className={`pod-chip nopan tone-${statusTone(view.status)}${compact ? ' is-compact' : ''}${selected ? ' is-selected' : ''}`}
      aria-pressed={selected}
      onClick={() => select(podKey)}
    >
      {/* the name comes from the visible text (axe: label-content-name-mismatch); the marks repeat the YAML's container names */}
      <span className="sr-only">Pod </span>
      <span className="pod-name">{name}</span>
      <span className="sr-only">:</span>{' '}
      <span className="pod-status">{view.status}</span>
      {!compact && (
        <span className="ctrs" aria-hidden="true">
          {view.marks.map((m) => (
            <span key={m.name} className={`ctr is-${m.state}`} title={m.label}>
              {m.name}
            </span>
          ))}
        </span>
      )}
    </button>
  );
});
