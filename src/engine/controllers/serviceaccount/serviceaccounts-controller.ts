// Twin of pkg/controller/serviceaccount/serviceaccounts_controller.go: every active namespace
// gets the ServiceAccounts in serviceAccountsToEnsure (`default`); a namespace added or changed,
// or one of those ServiceAccounts deleted, queues the namespace. AlreadyExists and the
// terminating-namespace refusal are not errors.
import type { KObject } from '../../api/types';
import type { WatchEventType } from '../../api/wire';
import type { Controller, ControllerHost, SyncPlan } from '../controller';
import { refObject } from '../controller';

export const SERVICE_ACCOUNTS_TO_ENSURE = ['default'];

export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount';
  /** startServiceAccountController runs one worker */
  readonly workers = 1;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject): void {
    if (informer === 'namespaces' && type !== 'DELETED') this.host.enqueue(this.name, obj.metadata.name);
    // serviceAccountDeleted: recreate it if it is one we ensure
    if (informer === 'serviceaccounts' && type === 'DELETED' && SERVICE_ACCOUNTS_TO_ENSURE.includes(obj.metadata.name)) this.host.enqueue(this.name, obj.metadata.namespace ?? '');
  }

  syncHandler(key: string): SyncPlan {
    const ns = this.host.lister('namespaces')[key];
    if (!ns) return { desired: '', actual: '', action: 'none', batches: [] };
    // only an Active namespace gets them (a terminating one would refuse the create anyway)
    if ((ns.status as { phase?: string } | undefined)?.phase !== 'Active') return { desired: '', actual: 'Terminating', action: 'none', object: refObject(ns), batches: [] };
    const accounts = this.host.lister('serviceaccounts');
    const missing = SERVICE_ACCOUNTS_TO_ENSURE.filter((name) => !accounts[`${key}/${name}`]);
    const want = SERVICE_ACCOUNTS_TO_ENSURE.join(',');
    if (missing.length === 0) return { desired: want, actual: want, action: 'none', object: refObject(ns), batches: [] };
    return {
      desired: want,
      actual: SERVICE_ACCOUNTS_TO_ENSURE.filter((n) => !missing.includes(n)).join(',') || 'none',
      action: `create ServiceAccount ${missing.join(',')}`,
      object: refObject(ns),
      batches: [
        missing.map((name) => ({
          req: { verb: 'create' as const, resource: 'serviceaccounts', namespace: key, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: key } } as KObject },
          tag: 'createServiceAccount',
          // AlreadyExists, and a namespace that started terminating meanwhile (403), are fine
          ignore: [409, 403],
        })),
      ],
    };
  }
}
