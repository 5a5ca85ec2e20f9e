// What a ReplicaSet's sync learns from its namespace's pods (claimPods → calculateStatus), kept
// between syncs and brought up to date from the informer's journal of written keys. A large
// ReplicaSet syncs once per pod event or so and each sync walked every pod of the namespace: at
// 10,000 pods that was most of a browser worker's time. Upstream walks them too (replica_set.go
// syncReplicaSet lists the namespace's pods); the model's answer is the same, kept incrementally.
// Derived data, not state: a new store (a relist, a restored snapshot) starts it over.
import type { KObject } from '../../api/types';
import type { Selector } from '../../api/selectors';
import { journalEnd, journalSince } from '../../client/informer-index';
import { type ClaimVerdict, claimVerdict } from '../controller-ref-manager';
import { isPodActive, isPodReady } from '../pod-util';

interface Entry {
  verdict: Exclude<ClaimVerdict, 'none'>;
  fully: boolean;
  ready: boolean;
}

export interface Tally {
  claimed: number;
  fully: number;
  ready: number;
  /** pods claimObjects would release or adopt: the sync then takes the full path */
  changes: number;
  /** pod key → its verdict (claimed ones: their keys are the sync's claimed pods, in no order) */
  entries: Map<string, Entry>;
}

interface Cached {
  /** what the verdicts depend on besides the pods: uid, selector, template labels, deletion */
  sig: string;
  cursor: number;
  tally: Tally;
}

const caches = new WeakMap<Record<string, KObject>, Map<string, Cached>>();

/** claimObjects' verdict on one pod (it is given the active ones), and what the status counts of it */
function entryOf(rs: KObject, selector: Selector | null, template: Array<[string, string]>, p: KObject): Entry | undefined {
  if (!isPodActive(p)) return undefined;
  const verdict = claimVerdict(rs, selector, p);
  if (verdict === 'none') return undefined;
  const labels = p.metadata.labels as Record<string, string> | undefined;
  let fully = true;
  for (let i = 0; i < template.length && fully; i++) fully = labels?.[template[i][0]] === template[i][1];
  return { verdict, fully, ready: isPodReady(p) };
}

function add(t: Tally, e: Entry, sign: 1 | -1): void {
  if (e.verdict === 'claim') {
    t.claimed += sign;
    if (e.fully) t.fully += sign;
    if (e.ready) t.ready += sign;
  } else t.changes += sign;
}

/** The tally of `rs` (key `rsKey`) over the pods of `store` in its namespace, as of now. */
export function tallyFor(store: Record<string, KObject>, rsKey: string, rs: KObject, selector: Selector | null): Tally {
  const spec = (rs.spec ?? {}) as { selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  const ns = rs.metadata.namespace ?? '';
  const template = Object.entries(spec.template?.metadata?.labels ?? {});
  const sig = JSON.stringify([rs.metadata.uid, ns, !!rs.metadata.deletionTimestamp, spec.selector ?? null, template]);
  let byRs = caches.get(store);
  if (!byRs) caches.set(store, (byRs = new Map()));
  const prefix = `${ns}/`;
  const c = byRs.get(rsKey);
  const changed = c && c.sig === sig ? journalSince(store, c.cursor) : null;
  if (c && changed) {
    const t = c.tally;
    for (const key of new Set(changed)) {
      if (!key.startsWith(prefix)) continue;
      const was = t.entries.get(key);
      if (was) {
        add(t, was, -1);
        t.entries.delete(key);
      }
      const p = store[key];
      const now = p && entryOf(rs, selector, template, p);
      if (now) {
        add(t, now, 1);
        t.entries.set(key, now);
      }
    }
    c.cursor = journalEnd(store);
    return t;
  }
  const tally: Tally = { claimed: 0, fully: 0, ready: 0, changes: 0, entries: new Map() };
  const cursor = journalEnd(store);
  for (const key in store) {
    if (!key.startsWith(prefix)) continue;
    const e = entryOf(rs, selector, template, store[key]);
    if (!e) continue;
    add(tally, e, 1);
    tally.entries.set(key, e);
  }
  byRs.set(rsKey, { sig, cursor, tally });
  return tally;
}

/** The keys of the pods the tally claims (in no particular order). */
export function claimedKeys(t: Tally): string[] {
  const out: string[] = [];
  for (const [k, e] of t.entries) if (e.verdict === 'claim') out.push(k);
  return out;
}

/** The ReplicaSet is gone: its tally goes too. */
export function forgetTally(store: Record<string, KObject>, rsKey: string): void {
  caches.get(store)?.delete(rsKey);
}
