import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../protocol/messages';
const en = 'en' as const;
import { narrate } from '../i18n/narrate';

const sync = (params: TraceEvent<'controller.sync'>['params']): TraceEvent => ({ seq: 1, t: 42, type: 'controller.sync', key: 'controller.sync', from: 'controller-manager', to: 'controller-manager', params });

describe('controller.sync narration', () => {
  it('says what the controller compared and what it does', () => {
    expect(narrate(sync({ controller: 'replicaset', key: 'default/web-76b5cf648f', desired: 3, actual: 0, action: 'create 3 pod(s)', queued: 0 }), en))
      .toBe('The replicaset controller syncs web-76b5cf648f: desired 3, actual 0 → create 3 pods');
  });

  it('says the action in Chinese with the Controllers view\'s words', () => {
    const zh = narrate(sync({ controller: 'replicaset', key: 'default/web-76b5cf648f', desired: 3, actual: 0, action: 'create 3 pod(s)', queued: 0 }), 'zh-CN');
    expect(zh).toContain('期望 3，实际 0');
    expect(zh).not.toContain('create');
    expect(zh).toMatch(/[\u4e00-\u9fff].*3.*Pod|Pod.*3/);
  });

  it('mentions the keys still waiting in the work queue', () => {
    expect(narrate(sync({ controller: 'deployment', key: 'default/d3', desired: 2, actual: 0, action: 'create d3-5f7c9', queued: 2 }), en))
      .toBe('The deployment controller syncs d3: desired 2, actual 0 → create d3-5f7c9 (2 more keys waiting)');
  });

  it('reads a sync without a comparison and one that does nothing', () => {
    expect(narrate(sync({ controller: 'garbagecollector', key: 'kube-system/x', desired: '', actual: '', action: 'none', queued: 0 }), en))
      .toBe('The garbagecollector controller syncs kube-system/x → nothing to do');
  });
});
