// The deployment controller's client calls (dc.client.AppsV1()...) as data: one sync works on
// copies of the Deployment and its ReplicaSets and records each write as an Op, so later steps
// of the same sync see earlier writes exactly as upstream's in-memory objects do.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { rfc3339 } from '../../api/time';
import type { ControllerHost, EventSpec, Op } from '../controller';
import { refObject } from '../controller';
import { RevisionAnnotation } from './util/deployment-util';

type Obj = Record<string, any>;
export const SOURCE = 'deployment-controller';

export class DCtx {
  readonly ops: Op[] = [];
  readonly actions: string[] = [];
  requeueAfterMs?: number;
  requeueRateLimited = false;
  rsList: KObject[] = [];
  podMap: Record<string, KObject[]> = {};
  private writtenRevision: string | undefined;

  constructor(
    readonly host: ControllerHost,
    public d: KObject,
  ) {
    this.writtenRevision = d.metadata.annotations?.[RevisionAnnotation];
  }

  now(): number {
    return this.host.now();
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): EventSpec {
    return { source: SOURCE, object: refObject(this.d), type, reason, message };
  }

  private replace(rs: KObject): void {
    const i = this.rsList.findIndex((x) => x.metadata.name === rs.metadata.name);
    if (i >= 0) this.rsList[i] = rs;
    else this.rsList.push(rs);
  }

  /** ReplicaSets(ns).Update(rs): returns the copy later steps should use. */
  updateRS(rs: KObject, onSuccess?: EventSpec, action?: string): KObject {
    this.replace(rs);
    this.ops.push({ req: { verb: 'update', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name, body: rs }, target: `replicasets/${metaNamespaceKey(rs)}`, tag: 'updateRS', onSuccess });
    this.actions.push(action ?? `update ${rs.metadata.name}`);
    return rs;
  }

  createRS(rs: KObject, onSuccess?: EventSpec): KObject {
    const created = { ...rs, metadata: { ...rs.metadata, creationTimestamp: rfcNow(this), uid: `pending:${rs.metadata.name}` } };
    this.replace(created);
    this.ops.push({ req: { verb: 'create', resource: 'replicasets', namespace: rs.metadata.namespace, body: rs }, target: `replicasets/${metaNamespaceKey(rs)}`, tag: 'createRS', data: { name: rs.metadata.name }, onSuccess });
    this.actions.push(`create ${rs.metadata.name}`);
    return created;
  }

  deleteRS(rs: KObject): void {
    this.ops.push({ req: { verb: 'delete', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name }, tag: 'deleteRS', ignore: [404] });
    this.actions.push(`delete ${rs.metadata.name}`);
  }

  /**
   * Deployments(ns).UpdateStatus(d). Upstream's status strategy also stores metadata annotations
   * (the revision annotation travels with UpdateStatus); our apiserver keeps only status on the
   * subresource, so a changed revision is written first as a metadata patch.
   */
  updateStatus(status: Obj): void {
    this.d = { ...this.d, status };
    const key = metaNamespaceKey(this.d);
    const rev = this.d.metadata.annotations?.[RevisionAnnotation];
    if (rev !== undefined && rev !== this.writtenRevision) {
      this.writtenRevision = rev;
      this.ops.push({ req: { verb: 'patch', resource: 'deployments', namespace: this.d.metadata.namespace, name: this.d.metadata.name, body: { metadata: { annotations: { [RevisionAnnotation]: rev } } } as unknown as KObject }, target: `deployments/${key}`, tag: 'revision' });
    }
    this.ops.push({ req: { verb: 'update', resource: 'deployments', subresource: 'status', namespace: this.d.metadata.namespace, name: this.d.metadata.name, body: this.d }, target: `deployments/${key}`, tag: 'status' });
    if (!this.actions.length) this.actions.push('update status');
  }
}

function rfcNow(c: DCtx): string {
  return rfc3339(c.now());
}
