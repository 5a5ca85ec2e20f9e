// What crosses the wire between clients and kube-apiserver (REST verbs over HTTP in the real
// thing). Shared by client/ and apiserver/ so neither depends on the other.
import type { Msg } from '../kernel/types';
import type { K8sStatus, KObject } from './types';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

/** What the client presents (a client certificate's CN and O, or a bearer token's identity). */
export interface Credential {
  user: string;
  groups: string[];
}

export interface RequestOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /** DeleteOptions.preconditions: delete only the object of this UID / resourceVersion */
  preconditions?: { uid?: string; resourceVersion?: string };
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  /** how resourceVersion is matched by a list (metav1.ResourceVersionMatch) */
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  /** a watch may receive BOOKMARK events */
  allowWatchBookmarks?: boolean;
  /** the server ends a watch after this long */
  timeoutSeconds?: number;
}

export interface ApiRequest extends Msg {
  type: 'API_REQUEST';
  reqId: number;
  verb: Verb;
  /** plural resource name: pods, nodes, events, leases, namespaces */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: KObject;
  options?: RequestOptions;
  credential: Credential;
  /** visualisation hint only: background traffic (lease renewals, Event posts) is traced as ambient */
  ambient?: boolean;
}

export interface ApiResponse extends Msg {
  type: 'API_RESPONSE';
  reqId: number;
  code: number;
  object?: KObject;
  items?: KObject[];
  /** list resourceVersion */
  resourceVersion?: string;
  status?: K8sStatus;
  watchId?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent extends Msg {
  type: 'WATCH_EVENT';
  watchId: number;
  eventType: WatchEventType;
  object: KObject;
}

export const APISERVER_ID = 'kube-apiserver';
/** One-way network latency between a client and kube-apiserver, virtual ms. */
export const NETWORK_LATENCY_MS = 1;
