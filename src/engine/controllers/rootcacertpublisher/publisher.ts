// Twin of pkg/controller/certificates/rootcacertpublisher/publisher.go: every namespace gets the
// ConfigMap kube-root-ca.crt holding the cluster CA (ca.crt) that pods' kube-api-access volumes
// project; a namespace added or changed, or that ConfigMap changed or deleted, queues the
// namespace, and a ConfigMap whose data or description differ is put back. The CA is a fake
// PEM block: there is no real PKI in the model.
import type { KObject } from '../../api/types';
import type { WatchEventType } from '../../api/wire';
import type { Controller, ControllerHost, SyncPlan } from '../controller';
import { refObject } from '../controller';

export const ROOT_CA_CERT_CONFIGMAP_NAME = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A stand-in for the cluster CA certificate (kubeadm's CN "kubernetes"); not a valid certificate. */
export const ROOT_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIKubeOrreryMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMT',
  'Cmt1YmVybmV0ZXMwHhcNMjUwMTAxMDAwMDAwWhcNMzQxMjMwMDAwMDAwWjAVMRMw',
  'EQYDVQQDEwprdWJlcm5ldGVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKC',
  'AQEAa2ViZSBvcnJlcnkgc2ltdWxhdGVkIGNsdXN0ZXIgY2EgKG5vdCBhIHJlYWwg',
  'Y2VydGlmaWNhdGUp',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  /** startRootCACertPublisher runs one worker */
  readonly workers = 1;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject): void {
    if (informer === 'namespaces' && type !== 'DELETED') this.host.enqueue(this.name, obj.metadata.name);
    if (informer === 'configmaps' && type !== 'ADDED' && obj.metadata.name === ROOT_CA_CERT_CONFIGMAP_NAME) this.host.enqueue(this.name, obj.metadata.namespace ?? '');
  }

  syncHandler(key: string): SyncPlan {
    const ns = this.host.lister('namespaces')[key];
    if (!ns) return { desired: '', actual: '', action: 'none', batches: [] };
    const cm = this.host.lister('configmaps')[`${key}/${ROOT_CA_CERT_CONFIGMAP_NAME}`] as (KObject & { data?: Record<string, string> }) | undefined;
    const data = { 'ca.crt': ROOT_CA_PEM };
    if (!cm) {
      const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CERT_CONFIGMAP_NAME, namespace: key, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } }, data } as KObject;
      return {
        desired: ROOT_CA_CERT_CONFIGMAP_NAME,
        actual: 'none',
        action: `create ConfigMap ${ROOT_CA_CERT_CONFIGMAP_NAME}`,
        object: refObject(ns),
        // a namespace that is gone or terminating is not retried
        batches: [[{ req: { verb: 'create', resource: 'configmaps', namespace: key, body }, tag: 'createConfigMap', ignore: [404, 403, 409] }]],
      };
    }
    // the data and a (non-empty) description annotation must match
    const same = cm.data?.['ca.crt'] === ROOT_CA_PEM && Object.keys(cm.data ?? {}).length === 1 && !!cm.metadata.annotations?.[DESCRIPTION_ANNOTATION];
    if (same) return { desired: ROOT_CA_CERT_CONFIGMAP_NAME, actual: ROOT_CA_CERT_CONFIGMAP_NAME, action: 'none', object: refObject(cm), batches: [] };
    const body = { ...cm, data, metadata: { ...cm.metadata, annotations: { ...(cm.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION } } } as KObject;
    return {
      desired: ROOT_CA_CERT_CONFIGMAP_NAME,
      actual: 'changed',
      action: `update ConfigMap ${ROOT_CA_CERT_CONFIGMAP_NAME}`,
      object: refObject(cm),
      batches: [[{ req: { verb: 'update', resource: 'configmaps', namespace: key, name: ROOT_CA_CERT_CONFIGMAP_NAME, body }, tag: 'updateConfigMap', ignore: [404] }]],
    };
  }
}
