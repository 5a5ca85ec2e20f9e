import { describe, expect, it } from 'vitest';
import { deleteOptionsFor, parseCascade } from './delete';

describe('kubectl delete --cascade', () => {
  it.each([
    [undefined, { cascade: 'background' }],
    ['foreground', { cascade: 'foreground' }],
    ['Orphan', { cascade: 'orphan' }],
    ['true', { cascade: 'background', warning: 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.' }],
    ['false', { cascade: 'orphan', warning: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.' }],
    ['sideways', { error: 'invalid cascade value (sideways). Must be "background", "foreground", or "orphan".' }],
  ])('%s', (flag, want) => expect(parseCascade(flag)).toEqual(want));

  it('always sends a propagationPolicy', () => {
    expect(deleteOptionsFor({})).toEqual({ propagationPolicy: 'Background' });
    expect(deleteOptionsFor({ cascade: 'foreground', gracePeriodSeconds: 0 })).toEqual({ propagationPolicy: 'Foreground', gracePeriodSeconds: 0 });
    expect(deleteOptionsFor({ cascade: 'orphan', propagationPolicy: 'Foreground', gracePeriodSeconds: -1 })).toEqual({ propagationPolicy: 'Foreground' });
  });
});
