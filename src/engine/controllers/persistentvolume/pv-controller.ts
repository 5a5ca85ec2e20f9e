// Twin of pkg/controller/volume/persistentvolume/pv_controller.go, the simple case: syncClaim
// (bound → status Bound; unbound → a volume pre-bound to it, else findBestMatchForClaim among
// Available volumes, else provisioning) and syncVolume (unclaimed → Available; claim gone →
// Released, or deleted when its reclaim policy is Delete). volumeBindingMode Immediate only.
//
// There is no StorageClass kind in this cluster's scheme. Like a kind cluster, it behaves as if
// one default class existed: `standard`, provisioner `rancher.io/local-path`, reclaimPolicy
// Delete. A claim with no storageClassName (nil) or `standard` is provisioned; `""` asks for
// static binding only; any other class is not found. The external provisioner (a pod in kind,
// sig-storage-lib-external-provisioner) is modelled here too, with its own event source: it
// creates `pvc-<claim uid>`, a hostPath volume under /var/local-path-provisioner, pre-bound.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { bytes } from '../../api/quantity';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, SyncPlan } from '../controller';
import { refObject } from '../controller';
import { rfc3339 } from '../../api/time';

type Obj = Record<string, any>;

export const SOURCE = 'persistentvolume-controller';
export const DEFAULT_STORAGE_CLASS = 'standard';
export const PROVISIONER = 'rancher.io/local-path';
/** the provisioner's event source: <provisioner>_<its pod> */
export const PROVISIONER_SOURCE = `${PROVISIONER}_local-path-provisioner-7577fdbbfb-bx5n8`;

// pkg/controller/volume/persistentvolume/util and storage/helpers annotation keys
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';

const spec = (o: KObject): Obj => (o.spec ?? {}) as Obj;
const phase = (o: KObject): string | undefined => (o.status as Obj | undefined)?.phase;
const requested = (claim: KObject): number => bytes(spec(claim).resources?.requests?.storage ?? 0);
const capacity = (pv: KObject): number => bytes(spec(pv).capacity?.storage ?? 0);

/** The claim's class as the default-class machinery sees it (nil → the default class). */
export function claimClass(claim: KObject): string {
  const c = spec(claim).storageClassName;
  return c === undefined || c === null ? DEFAULT_STORAGE_CLASS : String(c);
}

/** findBestMatchForClaim: the smallest Available volume with the class, modes and size the claim asks for. */
export function findBestMatchForClaim(volumes: KObject[], claim: KObject): KObject | undefined {
  const modes: string[] = spec(claim).accessModes ?? [];
  const mode = spec(claim).volumeMode ?? 'Filesystem';
  const candidates = volumes.filter((pv) => {
    const s = spec(pv);
    if (s.claimRef || pv.metadata.deletionTimestamp) return false;
    if ((s.storageClassName ?? '') !== claimClass(claim)) return false;
    if ((s.volumeMode ?? 'Filesystem') !== mode) return false;
    if (!modes.every((m) => (s.accessModes ?? []).includes(m))) return false;
    return capacity(pv) >= requested(claim);
  });
  return candidates.sort((a, b) => capacity(a) - capacity(b) || (a.metadata.name < b.metadata.name ? -1 : 1))[0];
}

export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume';
  readonly workers = 1;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject): void {
    if (informer === 'persistentvolumeclaims' && type !== 'DELETED') this.host.enqueue(this.name, `claim/${metaNamespaceKey(obj)}`);
    if (informer === 'persistentvolumes' && type !== 'DELETED') this.host.enqueue(this.name, `volume/${obj.metadata.name}`);
    // a claim that goes away releases its volume
    if (informer === 'persistentvolumeclaims' && type === 'DELETED') {
      for (const pv of Object.values(this.host.lister('persistentvolumes'))) if (spec(pv).claimRef?.uid === obj.metadata.uid) this.host.enqueue(this.name, `volume/${pv.metadata.name}`);
    }
  }

  syncHandler(key: string): SyncPlan {
    const i = key.indexOf('/');
    const [kind, rest] = [key.slice(0, i), key.slice(i + 1)];
    if (kind === 'claim') {
      const claim = this.host.lister('persistentvolumeclaims')[rest];
      return claim ? this.syncClaim(claim) : none();
    }
    const pv = this.host.lister('persistentvolumes')[rest];
    return pv ? this.syncVolume(pv) : none();
  }

  private syncClaim(claim: KObject): SyncPlan {
    const base = { desired: 'Bound', actual: phase(claim) ?? 'Pending', object: refObject(claim) };
    if (claim.metadata.deletionTimestamp) return { ...base, action: 'none', batches: [] };
    const volumes = Object.values(this.host.lister('persistentvolumes'));
    if (spec(claim).volumeName) {
      // syncBoundClaim: the volume is there and points back: the claim is Bound
      const pv = this.host.lister('persistentvolumes')[spec(claim).volumeName];
      if (!pv || spec(pv).claimRef?.uid !== claim.metadata.uid) {
        if (phase(claim) === 'Lost') return { ...base, action: 'none', batches: [] };
        this.host.recordEvent({ source: SOURCE, object: refObject(claim), type: 'Warning', reason: 'ClaimLost', message: pv ? 'Two claims are bound to the same volume, this one is bound incorrectly' : 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' });
        return { ...base, action: 'mark claim Lost', batches: [[this.claimStatusOp(claim, { phase: 'Lost' })]] };
      }
      if (phase(claim) === 'Bound') return { ...base, action: 'none', batches: [] };
      return { ...base, action: `bind to ${pv.metadata.name}`, batches: this.bind(pv, claim) };
    }
    // syncUnboundClaim: a volume already pointing at this claim (pre-bound, e.g. just provisioned)
    const prebound = volumes.find((pv) => spec(pv).claimRef?.uid === claim.metadata.uid || (!spec(pv).claimRef?.uid && spec(pv).claimRef?.name === claim.metadata.name && spec(pv).claimRef?.namespace === claim.metadata.namespace));
    const match = prebound ?? findBestMatchForClaim(volumes, claim);
    if (match) return { ...base, action: `bind to ${match.metadata.name}`, batches: this.bind(match, claim) };
    const cls = spec(claim).storageClassName;
    const ev = { source: SOURCE, object: refObject(claim) };
    if (cls === '') {
      this.host.recordEvent({ ...ev, type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' });
      return { ...base, action: 'wait for a volume', batches: [] };
    }
    if (claimClass(claim) !== DEFAULT_STORAGE_CLASS) {
      this.host.recordEvent({ ...ev, type: 'Warning', reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${claimClass(claim)}" not found` });
      return { ...base, action: 'none', batches: [] };
    }
    return { ...base, action: `provision a volume with ${PROVISIONER}`, batches: this.provision(claim) };
  }

  /** provisionClaim for an external provisioner, then that provisioner's Provision. */
  private provision(claim: KObject): Op[][] {
    const batches: Op[][] = [];
    const ann = claim.metadata.annotations ?? {};
    const claimKey = metaNamespaceKey(claim);
    if (ann[ANN_STORAGE_PROVISIONER] !== PROVISIONER) {
      batches.push([
        {
          req: { verb: 'patch', resource: 'persistentvolumeclaims', namespace: claim.metadata.namespace, name: claim.metadata.name, body: { metadata: { annotations: { [ANN_BETA_STORAGE_PROVISIONER]: PROVISIONER, [ANN_STORAGE_PROVISIONER]: PROVISIONER } } } as unknown as KObject },
          tag: 'annotateClaim',
          onSuccess: { source: SOURCE, object: refObject(claim), type: 'Normal', reason: 'ExternalProvisioning', message: `Waiting for a volume to be created either by the external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, please verify that your external provisioner is running and correctly registered.` },
        },
      ]);
    }
    const name = `pvc-${claim.metadata.uid}`;
    const pv = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: PROVISIONER } },
      spec: {
        accessModes: [...(spec(claim).accessModes ?? [])],
        capacity: { storage: spec(claim).resources?.requests?.storage },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion },
        hostPath: { path: `/var/local-path-provisioner/${name}_${claim.metadata.namespace}_${claim.metadata.name}`, type: 'DirectoryOrCreate' },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: DEFAULT_STORAGE_CLASS,
        volumeMode: spec(claim).volumeMode ?? 'Filesystem',
      },
    } as unknown as KObject;
    batches.push([
      {
        req: { verb: 'create', resource: 'persistentvolumes', body: pv },
        tag: 'provision',
        data: { claim: claimKey },
        ignore: [409],
        onSuccess: { source: PROVISIONER_SOURCE, object: refObject(claim), type: 'Normal', reason: 'ProvisioningSucceeded', message: `Successfully provisioned volume ${name}` },
        onFailure: { source: PROVISIONER_SOURCE, object: refObject(claim), type: 'Warning', reason: 'ProvisioningFailed', message: 'failed to provision volume with StorageClass "standard": {error}' },
      },
    ]);
    return batches;
  }

  /** The provisioner announces its work as it starts (recorded here, before the outcome's Event). */
  onOpResult(_sync: ActiveSync, op: Op, resp: ApiResponse): void {
    if (op.tag !== 'provision' || resp.code === 409 || !op.req.body) return;
    const claim = this.host.lister('persistentvolumeclaims')[String(op.data?.claim)];
    if (claim) this.host.recordEvent({ source: PROVISIONER_SOURCE, object: refObject(claim), type: 'Normal', reason: 'Provisioning', message: `External provisioner is provisioning volume for claim "${op.data?.claim}"` });
  }

  /** bind: volume → claim (claimRef), volume Bound, claim → volume (volumeName), claim Bound. */
  private bind(pv: KObject, claim: KObject): Op[][] {
    const batches: Op[][] = [];
    const ref = spec(pv).claimRef;
    if (!ref || ref.uid !== claim.metadata.uid) {
      // bindVolumeToClaim: the controller made this binding
      const claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
      batches.push([{ req: { verb: 'patch', resource: 'persistentvolumes', name: pv.metadata.name, body: { metadata: { annotations: { [ANN_BOUND_BY_CONTROLLER]: 'yes' } }, spec: { claimRef } } as unknown as KObject }, tag: 'bindVolume' }]);
    }
    if (phase(pv) !== 'Bound') batches.push([{ req: { verb: 'update', resource: 'persistentvolumes', subresource: 'status', name: pv.metadata.name, body: { ...pv, status: { phase: 'Bound', lastPhaseTransitionTime: rfc3339(this.host.now()) } } as KObject }, tag: 'volumeStatus', target: `persistentvolumes/${pv.metadata.name}` }]);
    if (spec(claim).volumeName !== pv.metadata.name) {
      // bindClaimToVolume
      const annotations = { [ANN_BIND_COMPLETED]: 'yes', [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      batches.push([{ req: { verb: 'patch', resource: 'persistentvolumeclaims', namespace: claim.metadata.namespace, name: claim.metadata.name, body: { metadata: { annotations }, spec: { volumeName: pv.metadata.name } } as unknown as KObject }, tag: 'bindClaim', target: `persistentvolumeclaims/${metaNamespaceKey(claim)}` }]);
    }
    batches.push([this.claimStatusOp(claim, { phase: 'Bound', accessModes: spec(pv).accessModes, capacity: spec(pv).capacity })]);
    return batches;
  }

  private claimStatusOp(claim: KObject, status: Obj): Op {
    return { req: { verb: 'update', resource: 'persistentvolumeclaims', subresource: 'status', namespace: claim.metadata.namespace, name: claim.metadata.name, body: { ...claim, status } as KObject }, tag: 'claimStatus', target: `persistentvolumeclaims/${metaNamespaceKey(claim)}` };
  }

  private syncVolume(pv: KObject): SyncPlan {
    const base = { desired: spec(pv).claimRef ? 'Bound' : 'Available', actual: phase(pv) ?? 'Pending', object: refObject(pv) };
    const ref = spec(pv).claimRef;
    // lastPhaseTransitionTime: PersistentVolumeLastPhaseTransitionTime, GA in 1.31
    const statusOp = (p: string): Op => ({ req: { verb: 'update', resource: 'persistentvolumes', subresource: 'status', name: pv.metadata.name, body: { ...pv, status: { phase: p, lastPhaseTransitionTime: rfc3339(this.host.now()) } } as KObject }, tag: 'volumeStatus' });
    if (!ref) return phase(pv) === 'Available' ? { ...base, action: 'none', batches: [] } : { ...base, action: 'mark Available', batches: [[statusOp('Available')]] };
    const claim = this.host.lister('persistentvolumeclaims')[`${ref.namespace}/${ref.name}`];
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) return { ...base, action: 'none', batches: [] }; // syncClaim binds
    // the claim is gone: reclaim
    if (spec(pv).persistentVolumeReclaimPolicy === 'Delete' && phase(pv) !== 'Pending') {
      return { ...base, desired: 'deleted', action: 'delete released volume', batches: [[{ req: { verb: 'delete', resource: 'persistentvolumes', name: pv.metadata.name }, tag: 'deleteVolume', ignore: [404] }]] };
    }
    if (phase(pv) === 'Released' || phase(pv) === 'Pending') return { ...base, action: 'none', batches: [] };
    return { ...base, desired: 'Released', action: 'mark Released', batches: [[statusOp('Released')]] };
  }
}

function none(): SyncPlan {
  return { desired: '', actual: '', action: 'none', batches: [] };
}
