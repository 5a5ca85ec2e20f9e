// Scheduler events captured from the engine (npm run sim of examples/deployment.yaml and
// examples/too-big-pod.yaml, seed 1, 3 nodes): the shapes the worker streams.
import type { TraceEvent } from '../../protocol/messages';

/** scheduler.filter → scheduler.score → scheduler.decision for one pod of the web Deployment */
export const WEB_CYCLE: TraceEvent[] = [
  {
    seq: 459,
    t: 59,
    type: 'scheduler.filter',
    from: 'scheduler',
    to: 'scheduler',
    key: 'scheduler.filter',
    params: {
      pod: 'default/web-76b5cf648f-f9wqr',
      feasible: 3,
      total: 3,
    },
    object: {
      kind: 'Pod',
      namespace: 'default',
      name: 'web-76b5cf648f-f9wqr',
      uid: 'e829857f-8e8a-4258-bc4f-1d27e0facb9d',
    },
    detail: {
      filter: {
        'node-1': [],
        'node-2': [],
        'node-3': [],
      },
    },
  },
  {
    seq: 463,
    t: 60,
    type: 'scheduler.score',
    from: 'scheduler',
    to: 'scheduler',
    key: 'scheduler.score',
    params: {
      pod: 'default/web-76b5cf648f-f9wqr',
      best: 'node-3',
      score: 397,
      nodes: 3,
    },
    object: {
      kind: 'Pod',
      namespace: 'default',
      name: 'web-76b5cf648f-f9wqr',
      uid: 'e829857f-8e8a-4258-bc4f-1d27e0facb9d',
    },
    detail: {
      scores: {
        'node-1': {
          TaintToleration: 100,
          NodeResourcesFit: 95,
          ImageLocality: 0,
        },
        'node-2': {
          TaintToleration: 100,
          NodeResourcesFit: 95,
          ImageLocality: 0,
        },
        'node-3': {
          TaintToleration: 100,
          NodeResourcesFit: 97,
          ImageLocality: 0,
        },
      },
      weights: {
        TaintToleration: 3,
        NodeAffinity: 2,
        NodeResourcesFit: 1,
        NodeResourcesBalancedAllocation: 1,
        ImageLocality: 1,
      },
      total: {
        'node-1': 395,
        'node-2': 395,
        'node-3': 397,
      },
    },
  },
  {
    seq: 468,
    t: 61,
    type: 'scheduler.decision',
    from: 'scheduler',
    to: 'scheduler',
    key: 'scheduler.decision',
    params: {
      pod: 'default/web-76b5cf648f-f9wqr',
      node: 'node-3',
      message: '',
    },
    object: {
      kind: 'Pod',
      namespace: 'default',
      name: 'web-76b5cf648f-f9wqr',
      uid: 'e829857f-8e8a-4258-bc4f-1d27e0facb9d',
    },
    detail: {
      pod: 'default/web-76b5cf648f-f9wqr',
      filter: {
        'node-1': [],
        'node-2': [],
        'node-3': [],
      },
      rejectedBy: {},
      scores: {
        'node-1': {
          TaintToleration: 100,
          NodeResourcesFit: 95,
          ImageLocality: 0,
        },
        'node-2': {
          TaintToleration: 100,
          NodeResourcesFit: 95,
          ImageLocality: 0,
        },
        'node-3': {
          TaintToleration: 100,
          NodeResourcesFit: 97,
          ImageLocality: 0,
        },
      },
      raw: {
        'node-1': {
          TaintToleration: 0,
          NodeResourcesFit: 95,
          ImageLocality: 0,
        },
        'node-2': {
          TaintToleration: 0,
          NodeResourcesFit: 95,
          ImageLocality: 0,
        },
        'node-3': {
          TaintToleration: 0,
          NodeResourcesFit: 97,
          ImageLocality: 0,
        },
      },
      weights: {
        TaintToleration: 3,
        NodeAffinity: 2,
        NodeResourcesFit: 1,
        NodeResourcesBalancedAllocation: 1,
        ImageLocality: 1,
      },
      total: {
        'node-1': 395,
        'node-2': 395,
        'node-3': 397,
      },
      chosen: 'node-3',
      message: '',
      reason: 'Scheduled',
      feasible: ['node-1', 'node-2', 'node-3'],
      evaluatedNodes: 3,
      nextStartNodeIndex: 0,
      trace: {
        preFilter: {
          NodeAffinity: {
            code: 'Skip',
            reasons: [],
          },
          NodePorts: {
            code: 'Skip',
            reasons: [],
          },
          NodeResourcesFit: {
            code: 'Success',
            reasons: [],
          },
        },
        filter: {
          'node-1': {
            NodeUnschedulable: {
              code: 'Success',
              reasons: [],
            },
            NodeName: {
              code: 'Success',
              reasons: [],
            },
            TaintToleration: {
              code: 'Success',
              reasons: [],
            },
            NodeAffinity: {
              code: 'Skip',
              reasons: [],
            },
            NodePorts: {
              code: 'Skip',
              reasons: [],
            },
            NodeResourcesFit: {
              code: 'Success',
              reasons: [],
            },
          },
          'node-2': {
            NodeUnschedulable: {
              code: 'Success',
              reasons: [],
            },
            NodeName: {
              code: 'Success',
              reasons: [],
            },
            TaintToleration: {
              code: 'Success',
              reasons: [],
            },
            NodeAffinity: {
              code: 'Skip',
              reasons: [],
            },
            NodePorts: {
              code: 'Skip',
              reasons: [],
            },
            NodeResourcesFit: {
              code: 'Success',
              reasons: [],
            },
          },
          'node-3': {
            NodeUnschedulable: {
              code: 'Success',
              reasons: [],
            },
            NodeName: {
              code: 'Success',
              reasons: [],
            },
            TaintToleration: {
              code: 'Success',
              reasons: [],
            },
            NodeAffinity: {
              code: 'Skip',
              reasons: [],
            },
            NodePorts: {
              code: 'Skip',
              reasons: [],
            },
            NodeResourcesFit: {
              code: 'Success',
              reasons: [],
            },
          },
        },
        postFilter: {},
        preScore: {
          TaintToleration: {
            code: 'Success',
            reasons: [],
          },
          NodeAffinity: {
            code: 'Skip',
            reasons: [],
          },
          NodeResourcesFit: {
            code: 'Success',
            reasons: [],
          },
          NodeResourcesBalancedAllocation: {
            code: 'Skip',
            reasons: [],
          },
        },
      },
    },
  },
];

/** the cycle of a pod requesting 16 CPUs: no node fits */
export const TOO_BIG_CYCLE: TraceEvent[] = [
  {
    seq: 369,
    t: 46,
    type: 'scheduler.filter',
    from: 'scheduler',
    to: 'scheduler',
    key: 'scheduler.filter',
    params: {
      pod: 'default/too-big',
      feasible: 0,
      total: 3,
    },
    object: {
      kind: 'Pod',
      namespace: 'default',
      name: 'too-big',
      uid: '45192f78-ef90-4774-af12-29d83c2472c4',
    },
    detail: {
      filter: {
        'node-1': ['Insufficient cpu'],
        'node-2': ['Insufficient cpu'],
        'node-3': ['Insufficient cpu'],
      },
    },
  },
  {
    seq: 371,
    t: 47,
    type: 'scheduler.decision',
    from: 'scheduler',
    to: 'scheduler',
    key: 'scheduler.decision',
    params: {
      pod: 'default/too-big',
      node: '',
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    },
    object: {
      kind: 'Pod',
      namespace: 'default',
      name: 'too-big',
      uid: '45192f78-ef90-4774-af12-29d83c2472c4',
    },
    detail: {
      pod: 'default/too-big',
      filter: {
        'node-1': ['Insufficient cpu'],
        'node-2': ['Insufficient cpu'],
        'node-3': ['Insufficient cpu'],
      },
      rejectedBy: {
        'node-1': 'NodeResourcesFit',
        'node-2': 'NodeResourcesFit',
        'node-3': 'NodeResourcesFit',
      },
      scores: {},
      raw: {},
      weights: {
        TaintToleration: 3,
        NodeAffinity: 2,
        NodeResourcesFit: 1,
        NodeResourcesBalancedAllocation: 1,
        ImageLocality: 1,
      },
      total: {},
      chosen: null,
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      reason: 'Unschedulable',
      feasible: [],
      evaluatedNodes: 3,
      nextStartNodeIndex: 0,
      trace: {
        preFilter: {
          NodeAffinity: {
            code: 'Skip',
            reasons: [],
          },
          NodePorts: {
            code: 'Skip',
            reasons: [],
          },
          NodeResourcesFit: {
            code: 'Success',
            reasons: [],
          },
        },
        filter: {
          'node-1': {
            NodeUnschedulable: {
              code: 'Success',
              reasons: [],
            },
            NodeName: {
              code: 'Success',
              reasons: [],
            },
            TaintToleration: {
              code: 'Success',
              reasons: [],
            },
            NodeAffinity: {
              code: 'Skip',
              reasons: [],
            },
            NodePorts: {
              code: 'Skip',
              reasons: [],
            },
            NodeResourcesFit: {
              code: 'Unschedulable',
              reasons: ['Insufficient cpu'],
            },
          },
          'node-2': {
            NodeUnschedulable: {
              code: 'Success',
              reasons: [],
            },
            NodeName: {
              code: 'Success',
              reasons: [],
            },
            TaintToleration: {
              code: 'Success',
              reasons: [],
            },
            NodeAffinity: {
              code: 'Skip',
              reasons: [],
            },
            NodePorts: {
              code: 'Skip',
              reasons: [],
            },
            NodeResourcesFit: {
              code: 'Unschedulable',
              reasons: ['Insufficient cpu'],
            },
          },
          'node-3': {
            NodeUnschedulable: {
              code: 'Success',
              reasons: [],
            },
            NodeName: {
              code: 'Success',
              reasons: [],
            },
            TaintToleration: {
              code: 'Success',
              reasons: [],
            },
            NodeAffinity: {
              code: 'Skip',
              reasons: [],
            },
            NodePorts: {
              code: 'Skip',
              reasons: [],
            },
            NodeResourcesFit: {
              code: 'Unschedulable',
              reasons: ['Insufficient cpu'],
            },
          },
        },
        postFilter: {
          DefaultPreemption: {
            code: 'Unschedulable',
            reasons: ['preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'],
          },
        },
        preScore: {},
      },
    },
  },
];
