// Twin of apimachinery/pkg/util/validation/field/errors.go: typed field errors whose Error()
// text is `<field>: <type>: <detail>`, and the Invalid Status built from them
// (apimachinery/pkg/api/errors NewInvalid).
import type { K8sStatus } from '../../api/types';

export type ErrorType = 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueNotFound';

export interface FieldError {
  type: ErrorType;
  field: string;
  value?: unknown;
  /** the value as Go prints it with %#v, for values that are not strings or numbers (maps, structs) */
  goValue?: string;
  detail: string;
}

const TYPE_TEXT: Record<ErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueNotFound: 'Not found',
};

function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** field.Error.ErrorBody() prefixed by the field path. */
export function fieldErrorString(e: FieldError): string {
  const t = TYPE_TEXT[e.type];
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
      return e.detail ? `${e.field}: ${t}: ${e.detail}` : `${e.field}: ${t}`;
    default: {
      const v = e.goValue ?? goValue(e.value);
      return e.detail ? `${e.field}: ${t}: ${v}: ${e.detail}` : `${e.field}: ${t}: ${v}`;
    }
  }
}

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const notSupported = (field: string, value: unknown, valid: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  value,
  detail: `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}`,
});
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, detail: '' });
export const notFound = (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value, detail: '' });

/** errors.NewInvalid: `Pod "x" is invalid: <err>` or `…: [<err1>, <err2>]`. */
export function invalidStatus(kind: string, group: string, name: string, errs: FieldError[]): K8sStatus {
  const texts = errs.map(fieldErrorString);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  // errors.NewInvalid prints the group-qualified kind (schema.GroupKind.String): Deployment.apps
  const qualified = group ? `${kind}.${group}` : kind;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${qualified} "${name}" is invalid: ${agg}`,
    reason: 'Invalid',
    details: {
      name,
      group: group || undefined,
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: fieldErrorString(e).slice(e.field.length + 2), field: e.field })),
    },
    code: 422,
  };
}

export function status(code: number, reason: string, message: string, details?: K8sStatus['details']): K8sStatus {
  const s: K8sStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}
