// Twin of FitError/Diagnosis/NodeToStatus in pkg/scheduler/framework/types.go and interface.go.
// FitError.Error() builds the FailedScheduling message: "0/N nodes are available: <prefilter msg>." or
// "<sorted reason histogram>.", then " <postfilter msg>" with no period of its own: v1.33's FitError.Error
// (pkg/scheduler/framework/types.go) appends PostFilterMsg with " %v"; clusters before v1.30 used " %v." and
// printed "…incoming pod.." (kubernetes#123301, closed as resolved in 1.30).
import { Code, newStatus, type NodeToStatusReader, type Status } from './interface';

export const NoNodeAvailableMsg = (n: number) => `0/${n} nodes are available`;

/** Explicit per-node statuses plus a status shared by every node not listed (absent nodes). */
export class NodeToStatus implements NodeToStatusReader {
  private readonly nodeToStatus = new Map<string, Status>();
  private absentNodesStatus: Status = newStatus(Code.UnschedulableAndUnresolvable);

  set(nodeName: string, status: Status): void {
    this.nodeToStatus.set(nodeName, status);
  }

  get(nodeName: string): Status {
    return this.nodeToStatus.get(nodeName) ?? this.absentNodesStatus;
  }

  setAbsentNodesStatus(status: Status): void {
    this.absentNodesStatus = status;
  }

  getAbsentNodesStatus(): Status {
    return this.absentNodesStatus;
  }

  get size(): number {
    return this.nodeToStatus.size;
  }

  entries(): IterableIterator<[string, Status]> {
    return this.nodeToStatus.entries();
  }
}

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

function sortedHistogram(counts: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [reason, n] of counts) out.push(`${n} ${reason}`);
  // sort.Strings: byte-wise lexicographic, so "10 x" sorts before "2 x".
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** FitError.Error(). */
export function fitErrorFromDiagnosis(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NoNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const [, status] of d.nodeToStatus.entries()) {
      for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    if (d.nodeToStatus.size < numAllNodes) {
      const absent = numAllNodes - d.nodeToStatus.size;
      for (const r of d.nodeToStatus.getAbsentNodesStatus().reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    const hist = sortedHistogram(counts);
    if (hist.length > 0) msg += ` ${hist.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/**
 * FitError message from plain data: nodeToReasons lists the explicit node statuses; nodes beyond those get
 * `absentNodesReasons` (empty by default, as with NewDefaultNodeToStatus).
 */
export function fitErrorMessage(
  numAllNodes: number,
  nodeToReasons: Record<string, readonly string[]>,
  preFilterMessage = '',
  postFilterMessage = '',
  absentNodesReasons: readonly string[] = [],
): string {
  const m = new NodeToStatus();
  for (const name of Object.keys(nodeToReasons)) m.set(name, newStatus(Code.Unschedulable, ...nodeToReasons[name]));
  m.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, ...absentNodesReasons));
  return fitErrorFromDiagnosis(numAllNodes, {
    nodeToStatus: m,
    unschedulablePlugins: new Set(),
    preFilterMsg: preFilterMessage,
    postFilterMsg: postFilterMessage,
  });
}
