// Twin of pkg/controller/controller_ref_manager.go ClaimObject / ClaimPods / ClaimReplicaSets:
// a controller owns what its ControllerRef points at; it adopts orphans its selector matches
// (unless either side is being deleted) and releases what it owns but no longer matches. The
// adopt/release patches are returned as ops (strategic-merge patches upstream, JSON merge here).
import type { KObject } from '../api/types';
import { type Selector, matchesSelector } from '../api/selectors';
import type { Op } from './controller';
import { type OwnerReference, getControllerOf, newControllerRef } from './pod-util';

export interface Claimed {
  claimed: KObject[];
  ops: Op[];
}

/** ClaimObject's verdict on one object for `owner`: none (someone else's, or left alone), claim
 * (ours and matching), release (ours, no longer matching) or adopt (a matching orphan). */
export type ClaimVerdict = 'none' | 'claim' | 'release' | 'adopt';

export function claimVerdict(owner: KObject, selector: Selector | null, o: KObject): ClaimVerdict {
  const ref = getControllerOf(o);
  if (ref && ref.uid !== owner.metadata.uid) return 'none'; // someone else's (its labels do not matter)
  const match = matchesSelector(selector, o.metadata.labels as Record<string, string> | undefined);
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  if (ref) return match ? 'claim' : ownerDeleting ? 'none' : 'release';
  // an orphan
  if (ownerDeleting || !match || o.metadata.deletionTimestamp || o.metadata.namespace !== owner.metadata.namespace) return 'none';
  return 'adopt';
}

/** ClaimObjects: keep ours that match, adopt matching orphans, release ours that stopped matching. */
export function claimObjects(owner: KObject, selector: Selector | null, objs: KObject[], resource: 'pods' | 'replicasets'): Claimed {
  const out: Claimed = { claimed: [], ops: [] };
  const ownerUid = owner.metadata.uid;
  for (const o of objs) {
    const verdict = claimVerdict(owner, selector, o);
    if (verdict === 'none') continue;
    if (verdict === 'claim') {
      out.claimed.push(o);
      continue;
    }
    const refs = (o.metadata.ownerReferences ?? []) as OwnerReference[];
    if (verdict === 'release') {
      // release: drop our ControllerRef (a NotFound means it is gone already)
      const left = refs.filter((r) => r.uid !== ownerUid);
      out.ops.push({ req: { verb: 'patch', resource, namespace: o.metadata.namespace, name: o.metadata.name, body: { metadata: { ownerReferences: left.length ? left : null } } as unknown as KObject }, tag: 'release', ignore: [404] });
      continue;
    }
    out.ops.push({ req: { verb: 'patch', resource, namespace: o.metadata.namespace, name: o.metadata.name, body: { metadata: { ownerReferences: [...refs, newControllerRef(owner)], uid: o.metadata.uid } } as unknown as KObject }, tag: 'adopt' });
    out.claimed.push(o);
  }
  return out;
}
