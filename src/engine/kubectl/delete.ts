// Twin of staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go (DeleteOptions, the --cascade and
// --grace-period flags) and cmd/util/helpers.go GetCascadingStrategy: what `kubectl delete` puts
// in the DELETE request's DeleteOptions. kubectl always sends a propagationPolicy (Background by
// default), so the apiserver's per-kind defaults (batch/v1 Jobs orphan) only show through the raw API.
import type { RequestOptions } from '../api/wire';

export type Cascade = 'background' | 'foreground' | 'orphan';
type Policy = NonNullable<RequestOptions['propagationPolicy']>;

const POLICY: Record<Cascade, Policy> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

/**
 * GetCascadingStrategy: `--cascade` as typed. The deprecated booleans still work (true ⇒
 * background, false ⇒ orphan) with a warning; anything else is an error.
 */
export function parseCascade(flag: string | undefined): { cascade: Cascade; warning?: string } | { error: string } {
  if (flag === undefined || flag === '') return { cascade: 'background' };
  const v = flag.toLowerCase();
  if (v === 'background' || v === 'foreground' || v === 'orphan') return { cascade: v };
  if (v === 'true') return { cascade: 'background', warning: 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.' };
  if (v === 'false') return { cascade: 'orphan', warning: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.' };
  return { error: `invalid cascade value (${flag}). Must be "background", "foreground", or "orphan".` };
}

/** delete.go DeleteOptions.DeleteResult: the DeleteOptions body (gracePeriodSeconds only when given; -1 means "not set"). */
export function deleteOptionsFor(opts: { cascade?: Cascade; propagationPolicy?: Policy; gracePeriodSeconds?: number }): RequestOptions {
  const out: RequestOptions = { propagationPolicy: opts.propagationPolicy ?? POLICY[opts.cascade ?? 'background'] };
  if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds >= 0) out.gracePeriodSeconds = opts.gracePeriodSeconds;
  return out;
}
