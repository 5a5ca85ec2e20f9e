// kube-proxy as an actor, one per node (`kube-proxy:<node>`): twin of cmd/kube-proxy/app/server.go
// (informers on Services and EndpointSlices, without headless and other proxies' objects) and the
// iptables Proxier's sync loop (pkg/proxy/iptables/proxier.go OnServiceUpdate/OnEndpointSliceUpdate
// → syncRunner.Run, bounded by --iptables-min-sync-period 1s, plus a full sync every
// --iptables-sync-period 30s). The "kernel's" rule set is data in the state; each sync is traced.
import type { Kernel } from '../kernel/kernel';
import type { ComponentId, Msg } from '../kernel/types';
import type { KObject } from '../api/types';
import type { ApiResponse, WatchEventType } from '../api/wire';
import { Component, type ComponentState, newClientState } from '../client/component';
import { type ProxyRules, syncProxyRules } from './iptables/proxier';

/** --iptables-min-sync-period */
export const MIN_SYNC_PERIOD_MS = 1000;
/** --iptables-sync-period */
export const SYNC_PERIOD_MS = 30_000;
/** kubeadm's podSubnet for this cluster's node CIDRs 10.244.<i>.0/24 */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
/** server.go: the informers skip headless Services and objects of an alternative proxy */
const LABEL_SELECTOR = '!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless';
const INFORMERS = ['services', 'endpointslices'] as const;

export interface KubeProxyState extends ComponentState {
  nodeName: string;
  clusterCIDR: string;
  /** the rules last written with iptables-restore (undefined before the first sync) */
  rules?: ProxyRules;
  /** fingerprint of the rules the informers' content asks for / of the rules written */
  wanted: string;
  applied: string;
  lastSyncMs: number;
  /** a SYNC_PROXY_RULES message is queued */
  syncQueued: boolean;
}

export interface KubeProxyOptions {
  nodeName: string;
  clusterCIDR?: string;
}

export const kubeProxyId = (node: string) => `kube-proxy:${node}`;

export class KubeProxy extends Component<KubeProxyState> {
  constructor(k: Kernel, opts: KubeProxyOptions) {
    super(kubeProxyId(opts.nodeName), k, { client: newClientState(), nodeName: opts.nodeName, clusterCIDR: opts.clusterCIDR ?? DEFAULT_CLUSTER_CIDR, wanted: '', applied: '', lastSyncMs: -MIN_SYNC_PERIOD_MS, syncQueued: false }, { user: 'system:kube-proxy', groups: [] });
  }

  /** The rules currently programmed on this node. */
  currentRules(): ProxyRules | undefined {
    return this.s.rules;
  }

  protected onMessage(msg: Msg, _from: ComponentId): void {
    switch (msg.type) {
      case 'START':
        for (const r of INFORMERS) this.startInformer(r, r, { labelSelector: LABEL_SELECTOR });
        this.later({ type: 'SYNC_PERIODIC' }, SYNC_PERIOD_MS, true);
        return;
      case 'SYNC_PROXY_RULES':
        this.s.syncQueued = false;
        return this.syncProxyRules();
      case 'SYNC_PERIODIC':
        this.later({ type: 'SYNC_PERIODIC' }, SYNC_PERIOD_MS, true);
        if (this.synced() && !this.s.syncQueued) this.syncProxyRules();
        return;
    }
  }

  private synced(): boolean {
    return INFORMERS.every((r) => this.informer(r)?.synced);
  }

  private desired(): ProxyRules {
    const objs = (r: string) => Object.values(this.informer(r)?.store ?? {});
    return syncProxyRules({ nodeName: this.s.nodeName, clusterCIDR: this.s.clusterCIDR }, objs('services'), objs('endpointslices'));
  }

  /** Watch events that change no rule are background noise (the change trackers report no change). */
  protected override watchAmbient(_informer: string, _type: WatchEventType, _obj: KObject, _old?: KObject): boolean {
    return !this.synced() || fingerprint(this.desired()) === this.s.wanted;
  }

  protected override onSynced(): void {
    // "Not syncing iptables until Services and Endpoints have been received from master"
    if (this.synced()) this.changed();
  }

  protected onWatch(_informer: string, _type: WatchEventType, _obj: KObject, _old: KObject | undefined): void {
    if (this.synced()) this.changed();
  }

  /** OnServiceUpdate / OnEndpointSliceUpdate: if the wanted rules moved, syncRunner.Run(). */
  private changed(): void {
    const fp = fingerprint(this.desired());
    if (fp === this.s.wanted && this.s.rules) return;
    this.s.wanted = fp;
    if (this.s.syncQueued) return;
    this.s.syncQueued = true;
    // BoundedFrequencyRunner: at most one sync per minSyncPeriod
    this.later({ type: 'SYNC_PROXY_RULES' }, Math.max(0, this.s.lastSyncMs + MIN_SYNC_PERIOD_MS - this.k.now()));
  }

  /** syncProxyRules: compute the rule set and "iptables-restore" it; traced as kube-proxy.sync. */
  private syncProxyRules(): void {
    const rules = this.desired();
    const fp = fingerprint(rules);
    const changed = fp !== this.s.applied || !this.s.rules;
    this.s.rules = rules;
    this.s.applied = fp;
    this.s.wanted = fp;
    this.s.lastSyncMs = this.k.now();
    const endpoints = rules.services.reduce((n, s) => n + s.endpoints.length, 0);
    this.k.trace({
      type: 'kube-proxy.sync',
      key: changed ? 'kube-proxy.sync' : 'kube-proxy.sync.unchanged',
      params: { node: this.s.nodeName, rules: rules.rules.length, services: rules.services.length, endpoints, changed },
      detail: rules,
      ambient: !changed || undefined,
    });
  }

  protected onResponse(_purpose: unknown, _resp: ApiResponse): void {}
}

/** The rule lines in order: equal fingerprints, equal iptables-restore input. */
function fingerprint(rules: ProxyRules): string {
  return rules.rules.map((r) => `${r.table} ${r.line}`).join('\n');
}
