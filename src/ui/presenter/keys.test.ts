import { describe, expect, it } from 'vitest';
import { presenterKeyAction } from './keys';

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('presenterKeyAction', () => {
  it.each([
    ['p', false, { kind: 'toggle-presenter' }],
    ['P', true, { kind: 'toggle-presenter' }],
    ['Escape', true, { kind: 'leave' }],
    [' ', true, { kind: 'play-pause' }],
    ['f', true, { kind: 'fullscreen' }],
    ['1', true, { kind: 'jump', step: 1 }],
    ['9', true, { kind: 'jump', step: 9 }],
    ['0', true, null],
    [' ', false, null],
    ['Escape', false, null],
    ['3', false, null],
    ['ArrowRight', true, null],
  ] as const)('%j (presenter %s) → %j', (k, presenter, action) => {
    expect(presenterKeyAction(key(k), presenter)).toEqual(action);
  });

  it('leaves shortcuts with a modifier to the browser', () => {
    expect(presenterKeyAction(key('p', { ctrlKey: true }), false)).toBeNull();
    expect(presenterKeyAction(key('f', { metaKey: true }), true)).toBeNull();
  });
});
