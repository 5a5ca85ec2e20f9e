// The HTTP side of the REST layer: the request and response shapes the host passes, body decoding
// (JSON, or kubectl's protobuf) with the apiserver's limits, identity from impersonation headers,
// and metav1.Status answers (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/status.go).
import { type Cluster, type K8sStatus, type KObject, type KindInfo, qualifiedResource, statusFor } from '../engine';
import { PROTOBUF, decodeProtobuf } from './protobuf';

/** handlers/rest.go limitedReadBody: kube-apiserver's --max-request-bytes default for a write body (3 MiB) */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export interface RestRequest {
  method: string;
  /** path and query, as on the request line */
  url: string;
  headers: Record<string, string | undefined>;
  body?: string;
  /** the body's bytes, for a binary (protobuf) body */
  bodyBytes?: Uint8Array;
  /** the body was cut off at MAX_REQUEST_BODY_BYTES */
  bodyTooLarge?: boolean;
}

export interface RestResponse {
  code: number;
  contentType: string;
  body: string;
  /** a stream (a watch, `logs -f`): the host writes `start()` then `poll()` chunks after each advance of the clock, until `ended` */
  watch?: Stream;
  /** pods/exec (code 101): what the command printed and how it ended; the host streams it (exec.ts) */
  exec?: import('./exec').ExecAnswer;
}

/** What the host feeds to a client as the clock moves. */
export interface Stream {
  start(): string[];
  /** `upTo`: a revision the stream stops at for now (the in-app Terminal follows the played story) */
  poll(upTo?: number): string[];
  ended: boolean;
}

export interface RestContext {
  cluster: Cluster;
  /** host:port the clients reach the server at (APIVersions.serverAddressByClientCIDRs) */
  serverAddress: string;
}

/** a decoded JSON object of any kind */
export type Obj = Record<string, any>;

export const json = (code: number, body: unknown): RestResponse => ({ code, contentType: 'application/json', body: JSON.stringify(body) });
export const status = (s: K8sStatus): RestResponse => json(s.code, s);
export const fail = (code: number, reason: string, message: string, details?: K8sStatus['details']) => status(statusFor(code, reason, message, details));
/** pkg/util/notfoundhandler (kube-apiserver) and the installer's 404 for an unknown resource */
export const notFoundPath = () => json(404, { ...statusFor(404, 'NotFound', 'the server could not find the requested resource'), details: {} });

/** the media types this server decodes (protobuf only for the kinds kubectl's generators send, protobuf.ts) */
export const ACCEPTED_MEDIA = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';

export function parseBody(req: RestRequest): { body: unknown } | { error: RestResponse } {
  if (req.bodyTooLarge) return { error: fail(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}`) };
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type === PROTOBUF) {
    try {
      return { body: decodeProtobuf(req.bodyBytes ?? new TextEncoder().encode(req.body ?? '')) };
    } catch (e) {
      return { error: fail(400, 'BadRequest', (e as Error).message) };
    }
  }
  // handlers/rest.go negotiateInputSerializer: an undecodable body type is 415 UnsupportedMediaType
  if (type && !type.includes('json') && type !== 'application/yaml') {
    return { error: fail(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED_MEDIA}`) };
  }
  const text = req.body ?? '';
  if (text.trim() === '') return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch (e) {
    // the JSON serializer's error as the handler wraps it (runtime/serializer/json: "couldn't get
    // version/kind; json parse error: …"), with encoding/json's words for the two common cases
    const msg = (e as Error).message;
    const at = /at position (\d+)/.exec(msg);
    const ch = at ? text[Number(at[1])] : undefined;
    const why = ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of ${msg.startsWith('Expected property name') ? 'object key string' : 'value'}`;
    return { error: fail(400, 'BadRequest', `couldn't get version/kind; json parse error: ${why}`) };
  }
}


/** `Impersonate-User` / `Impersonate-Group` (kubectl --as / --as-group); otherwise kubeadm's admin. */
export function identity(req: RestRequest): { user?: string; groups?: string[] } | undefined {
  const user = req.headers['impersonate-user'];
  if (!user) return undefined;
  const groups = (req.headers['impersonate-group'] ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  return { user, groups };
}

export function notFound(kind: KindInfo, name: string): K8sStatus {
  return statusFor(404, 'NotFound', `${qualifiedResource(kind)} "${name}" not found`, { name, group: kind.group || undefined, kind: kind.resource });
}

export function answer(r: { code: number; object?: KObject; status?: K8sStatus }): RestResponse {
  if (r.code >= 300 || !r.object) return status(r.status ?? statusFor(r.code, '', 'unknown error'));
  return json(r.code, r.object);
}

