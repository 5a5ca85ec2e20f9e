import { describe, expect, it } from 'vitest';
import schema from '../ui/editor/k8s-schema.json';
import { KINDS, apiVersionOf } from '../engine/api/scheme';
// @ts-expect-error the generator is a plain ES module script without types
import { render } from '../../scripts/gen-k8s-schema.mjs';

type S = Record<string, any>;
const defs = (schema as S).definitions as Record<string, S>;

/** Follow $ref and allOf wrappers (a field's description sits beside an allOf: [$ref]). */
function resolve(s: S): S {
  if (s.$ref) return resolve(defs[String(s.$ref).replace('#/definitions/', '')]);
  if (s.allOf?.length === 1 && !s.properties) return resolve(s.allOf[0]);
  return s;
}

/** The schema of a path like spec.template.spec.containers[].image under a kind. */
function at(kind: string, path: string): S {
  const entry = (schema as S).allOf.find((e: S) => e.if.properties.kind.const === kind);
  let s = resolve(entry.then);
  for (const part of path.split('.')) {
    const name = part.replace('[]', '');
    s = resolve(s);
    const field = s.properties?.[name];
    if (!field) throw new Error(`${kind}: no field ${name} in ${path}`);
    s = part.endsWith('[]') ? resolve(resolve(field).items) : field;
  }
  return s;
}

describe('the editor schema (generated from kubernetes-types)', () => {
  it('describes Deployment.spec.template.spec.containers[].image with the API description', () => {
    const image = at('Deployment', 'spec.template.spec.containers[].image');
    expect(image.type).toBe('string');
    expect(image.description).toMatch(/^Container image name\./);
    const containers = resolve(at('Deployment', 'spec.template.spec'));
    expect(containers.required).toEqual(['containers']);
    expect(resolve(at('Deployment', 'spec.template.spec.containers[]')).required).toEqual(['name']);
    expect(resolve(at('Deployment', 'spec.template.spec.containers[]')).additionalProperties).toBe(false);
  });

  it('covers every kind the apiserver serves, keyed on kind and apiVersion', () => {
    const s = schema as S;
    expect(s.properties.kind.enum).toEqual(KINDS.map((k) => k.kind).sort());
    for (const k of KINDS) {
      const entry = s.allOf.find((e: S) => e.if.properties.kind.const === k.kind);
      expect(entry, k.kind).toBeDefined();
      expect(entry.if.properties.apiVersion.const).toBe(apiVersionOf(k));
      const def = resolve(entry.then);
      expect(def.properties.kind.enum).toEqual([k.kind]);
      expect(def.properties.apiVersion.enum).toEqual([apiVersionOf(k)]);
      expect(s.properties.apiVersion.enum).toContain(apiVersionOf(k));
    }
  });

  it('takes an int or a string where the API does, and quantities as strings or numbers', () => {
    expect(at('Deployment', 'spec.strategy.rollingUpdate.maxSurge').type).toEqual(['number', 'string']);
    const cpu = resolve(at('Pod', 'spec.containers[].resources.requests')).additionalProperties;
    expect(cpu.anyOf).toEqual([{ type: 'string' }, { type: 'number' }]);
  });

  it('is what the generator writes (run node scripts/gen-k8s-schema.mjs after changing the kinds)', () => {
    expect(JSON.parse(render())).toEqual(schema);
  }, 30_000);
});
