// What kubectl would print for apply/delete results (pure, shared by the alert and the markers).
import type { ApplyResult } from '../../protocol/messages';

/** `pod/nginx created`, `pod "nginx" deleted` — kubectl's success lines. */
export function successText(r: ApplyResult, action: 'apply' | 'delete'): string {
  const kind = r.kind.toLowerCase();
  if (action === 'delete' || r.action === 'deleted') return `${kind} "${r.name}" deleted`;
  return `${kind}/${r.name} ${r.action ?? 'configured'}`;
}

/** kubectl's error line: `The Pod "x" is invalid: …` for 422, `Error from server (Reason): …` otherwise. */
export function failureText(r: ApplyResult): string {
  const s = r.status;
  if (!s) return `error: ${r.kind || 'object'} ${r.name || ''} could not be applied`.trim();
  if (s.reason === 'Invalid') return `The ${s.message}`;
  if (s.code >= 400 && s.code < 600 && s.reason && s.code !== 400) return `Error from server (${s.reason}): ${s.message}`;
  return `error: ${s.message}`;
}
