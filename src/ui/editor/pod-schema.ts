// A small, hand-written JSON schema for editor hovers and completion: the Pod fields the
// walkthroughs use (Kubernetes v1.33 core/v1, descriptions shortened from the API reference).
// It is deliberately permissive (no additionalProperties: false): the apiserver in the engine
// is the validator, and its errors are the ones shown.
import type { JSONSchema } from 'monaco-yaml';

const str = (description: string): JSONSchema => ({ type: 'string', description });
const int = (description: string): JSONSchema => ({ type: 'integer', description });

const container: JSONSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: str('Name of the container (a DNS_LABEL), unique within the pod.'),
    image: str('Container image name, e.g. nginx:1.27.'),
    imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'], description: 'When to pull the image. Defaults to Always for :latest, IfNotPresent otherwise.' },
    command: { type: 'array', items: { type: 'string' }, description: "Entrypoint array; replaces the image's ENTRYPOINT." },
    args: { type: 'array', items: { type: 'string' }, description: "Arguments to the entrypoint; replace the image's CMD." },
    ports: {
      type: 'array',
      description: 'Ports to expose from the container (informational).',
      items: { type: 'object', properties: { containerPort: int('Port number on the pod IP (1–65535).'), name: str('Port name (IANA_SVC_NAME).'), protocol: { enum: ['TCP', 'UDP', 'SCTP'] } } },
    },
    resources: {
      type: 'object',
      description: 'Compute resources: requests are what the scheduler reserves, limits what the kubelet enforces.',
      properties: { requests: { type: 'object', description: 'e.g. cpu: 100m, memory: 64Mi' }, limits: { type: 'object', description: 'e.g. cpu: 500m, memory: 128Mi' } },
    },
  },
};

export const POD_SCHEMA: JSONSchema = {
  type: 'object',
  title: 'Kubernetes object (Pod fields described)',
  properties: {
    apiVersion: str('Versioned schema of this object, e.g. v1 for a Pod.'),
    kind: str('The REST resource this object represents, e.g. Pod.'),
    metadata: {
      type: 'object',
      properties: {
        name: str('Unique name within the namespace: a lowercase RFC 1123 subdomain.'),
        namespace: str('Namespace of the object; defaults to "default".'),
        labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Key/value pairs that selectors match.' },
      },
    },
    spec: {
      type: 'object',
      properties: {
        containers: { type: 'array', items: container, description: 'Containers of the pod; at least one.' },
        initContainers: { type: 'array', items: container, description: 'Run to completion, one after another, before the containers start.' },
        restartPolicy: { enum: ['Always', 'OnFailure', 'Never'], description: 'Restart policy for all containers. Default Always.' },
        nodeName: str('Bind to this node directly, bypassing the scheduler.'),
        nodeSelector: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels a node must have for the pod to fit.' },
        terminationGracePeriodSeconds: int('Seconds between SIGTERM and SIGKILL on deletion. Default 30.'),
      },
    },
  },
};
