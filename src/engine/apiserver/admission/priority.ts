// Twin of plugin/pkg/admission/priority/admission.go: on Pod CREATE resolve
// spec.priorityClassName (or the globalDefault class, else priority 0 and PreemptLowerPriority)
// into spec.priority and spec.preemptionPolicy, refusing unknown classes and a user-set priority
// or preemptionPolicy that disagrees; on UPDATE keep the values the pod was created with. Validate
// allows only one globalDefault PriorityClass.
import type { KObject } from '../../api/types';
import { type AdmissionContext, type MutationPlugin, type Obj, type ValidationPlugin, forbidden } from './interfaces';

/** scheduling.DefaultPriorityWhenNoDefaultClassExists */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;

/**
 * The system classes the apiserver creates at start (pkg/apis/scheduling/v1/helpers.go
 * SystemPriorityClasses; post-start hook scheduling/bootstrap-system-priority-classes).
 */
export function systemPriorityClasses(): KObject[] {
  const pc = (name: string, value: number, description: string): KObject =>
    ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' }) as KObject;
  return [
    pc('system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'),
    pc('system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'),
  ];
}

/** getDefaultPriorityClass: the globalDefault class; if several, the lowest value wins. */
function defaultPriorityClass(ctx: AdmissionContext): Obj | undefined {
  let best: Obj | undefined;
  for (const pc of ctx.list('PriorityClass') as Obj[]) if (pc.globalDefault && (!best || best.value > pc.value)) best = pc;
  return best;
}

/** SetDefaults_PriorityClass: a class without preemptionPolicy preempts lower priorities. */
const policyOf = (pc: Obj): string => pc.preemptionPolicy ?? 'PreemptLowerPriority';

export const priorityMutation: MutationPlugin = {
  name: 'Priority',
  admit(a, ctx) {
    if (a.info.kind !== 'Pod' || a.subresource || !a.object?.spec) return undefined;
    const spec = a.object.spec;
    const changed: string[] = [];
    if (a.operation === 'UPDATE') {
      // the values set at create are immutable: keep them when an update leaves them out
      const old = a.oldObject?.spec ?? {};
      if (spec.priority === undefined && old.priority !== undefined) (spec.priority = old.priority), changed.push('spec.priority');
      if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) (spec.preemptionPolicy = old.preemptionPolicy), changed.push('spec.preemptionPolicy');
      return { changed };
    }
    if (a.operation !== 'CREATE') return undefined;
    let priority = DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS;
    let policy = 'PreemptLowerPriority';
    if (!spec.priorityClassName) {
      const dpc = defaultPriorityClass(ctx);
      if (dpc) {
        priority = dpc.value;
        policy = policyOf(dpc);
        spec.priorityClassName = dpc.metadata.name;
        changed.push('spec.priorityClassName');
      }
    } else {
      const pc = ctx.get('PriorityClass', undefined, spec.priorityClassName) as Obj | undefined;
      if (!pc) return { status: forbidden(a, `no PriorityClass with name ${spec.priorityClassName} was found`) };
      priority = pc.value;
      policy = policyOf(pc);
    }
    if (spec.priority !== undefined && spec.priority !== priority) {
      return { status: forbidden(a, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`) };
    }
    if (spec.priority === undefined) changed.push('spec.priority');
    spec.priority = priority;
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      return { status: forbidden(a, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`) };
    }
    if (spec.preemptionPolicy === undefined) changed.push('spec.preemptionPolicy');
    spec.preemptionPolicy = policy;
    return { changed };
  },
};

export const priorityValidation: ValidationPlugin = {
  name: 'Priority',
  validate(a, ctx) {
    if (a.info.kind !== 'PriorityClass' || a.subresource || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return undefined;
    if (!a.object.globalDefault) return undefined;
    const dpc = defaultPriorityClass(ctx);
    if (dpc && (a.operation === 'CREATE' || dpc.metadata.name !== a.object.metadata?.name)) {
      return { status: forbidden(a, `PriorityClass ${dpc.metadata.name} is already marked as default. Only one default can exist`) };
    }
    return undefined;
  },
};
