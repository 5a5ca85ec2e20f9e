// What the host needs of src/rest, as one module: the worker loads it with import() on the first
// Terminal line (it carries kubectl and the OpenAPI schemas), so the simulation starts without it.
export { handle } from '../rest/handler';
export { KubectlSession } from '../rest/kubectl/kubectl';
