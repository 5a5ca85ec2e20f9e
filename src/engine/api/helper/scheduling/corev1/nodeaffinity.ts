// Twin of k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go plus the label Requirement
// semantics of k8s.io/apimachinery/pkg/labels/selector.go. Terms are ORed; expressions and fields in a
// term are ANDed; an empty term or one that fails to parse matches nothing.
import type {
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PreferredSchedulingTerm,
} from 'kubernetes-types/core/v1';

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INT_RE = /^[+-]?[0-9]+$/;

function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (name.length === 0 || name.length > 63 || !NAME_RE.test(name)) return false;
  if (parts.length === 2) return parts[0].length > 0 && parts[0].length <= 253 && DNS1123_SUBDOMAIN_RE.test(parts[0]);
  return true;
}

function isValidLabelValue(v: string): boolean {
  return v === '' || (v.length <= 63 && NAME_RE.test(v));
}

type Matcher = (get: (key: string) => string | undefined) => boolean;

/** labels.NewRequirement + Requirement.Matches for node selector operators; null on a parse error. */
function labelRequirement(r: NodeSelectorRequirement): Matcher | null {
  const values = r.values ?? [];
  if (!isQualifiedName(r.key)) return null;
  switch (r.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0 || !values.every(isValidLabelValue)) return null;
      const set = new Set(values);
      const inSet = (get: (k: string) => string | undefined) => {
        const v = get(r.key);
        return v !== undefined && set.has(v);
      };
      return r.operator === 'In' ? inSet : (get) => !inSet(get);
    }
    case 'Exists':
      return values.length === 0 ? (get) => get(r.key) !== undefined : null;
    case 'DoesNotExist':
      return values.length === 0 ? (get) => get(r.key) === undefined : null;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT_RE.test(values[0])) return null;
      const want = Number(values[0]);
      return (get) => {
        const v = get(r.key);
        if (v === undefined || !INT_RE.test(v)) return false;
        return r.operator === 'Gt' ? Number(v) > want : Number(v) < want;
      };
    }
    default:
      return null;
  }
}

/** nodeSelectorRequirementsAsFieldSelector: In/NotIn with exactly one value. */
function fieldRequirement(r: NodeSelectorRequirement): Matcher | null {
  const values = r.values ?? [];
  if ((r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return null;
  const want = values[0];
  return r.operator === 'In' ? (get) => (get(r.key) ?? '') === want : (get) => (get(r.key) ?? '') !== want;
}

/** A parsed NodeSelectorTerm; `match` is false for empty or unparsable terms. */
export function compileNodeSelectorTerm(term: NodeSelectorTerm): (node: Node) => boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return () => false;
  const labelMatchers = exprs.map(labelRequirement);
  const fieldMatchers = fields.map(fieldRequirement);
  if (labelMatchers.includes(null) || fieldMatchers.includes(null)) return () => false;
  return (node) => {
    const labels = node.metadata?.labels ?? {};
    const getLabel = (k: string) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
    const getField = (k: string) => (k === 'metadata.name' ? (node.metadata?.name ?? '') : undefined);
    return labelMatchers.every((m) => m!(getLabel)) && fieldMatchers.every((m) => m!(getField));
  };
}

/** NodeSelector.Match: any term matches. No terms match nothing. */
export function compileNodeSelector(ns: NodeSelector): (node: Node) => boolean {
  const terms = (ns.nodeSelectorTerms ?? []).map(compileNodeSelectorTerm);
  return (node) => terms.some((t) => t(node));
}

/** PreferredSchedulingTerms.Score: Σ weights of matching terms (zero-weight and empty terms skipped). */
export function compilePreferredSchedulingTerms(terms: readonly PreferredSchedulingTerm[]): (node: Node) => number {
  const compiled: { weight: number; match: (n: Node) => boolean }[] = [];
  for (const t of terms) {
    const p = t.preference ?? {};
    if (!t.weight || ((p.matchExpressions ?? []).length === 0 && (p.matchFields ?? []).length === 0)) continue;
    compiled.push({ weight: t.weight, match: compileNodeSelectorTerm(p) });
  }
  return (node) => compiled.reduce((sum, t) => (t.match(node) ? sum + t.weight : sum), 0);
}

/** GetRequiredNodeAffinity(pod).Match: spec.nodeSelector AND required node affinity. */
export function compileRequiredNodeAffinity(pod: Pod): (node: Node) => boolean {
  const selector = pod.spec?.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const affinity = required ? compileNodeSelector(required) : null;
  return (node) => {
    if (selector) {
      const labels = node.metadata?.labels ?? {};
      for (const k of Object.keys(selector)) {
        if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== selector[k]) return false;
      }
    }
    return affinity ? affinity(node) : true;
  };
}
