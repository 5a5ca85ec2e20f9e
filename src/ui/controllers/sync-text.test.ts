import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { actionParts, describeSyncText, listFormat, stateText } from './sync-text';

const en = translator('en');
const zh = translator('zh-CN');
const v = (desired: string, actual: string, action: string) => ({ desired, actual, action });

describe('controller sync text', () => {
  it('reads the engine’s phrases in English as before, with plurals', () => {
    expect(describeSyncText(v('3', '0', 'create 3 pod(s)'), en, listFormat('en'))).toBe('desired 3, actual 0 → create 3 pods');
    expect(describeSyncText(v('1', '0', 'create 1 pod(s)'), en, listFormat('en'))).toBe('desired 1, actual 0 → create 1 pod');
    expect(describeSyncText(v('3', '3', 'none'), en, listFormat('en'))).toBe('desired 3, actual 3 → nothing to do');
    expect(describeSyncText(v('', '', 'error'), en, listFormat('en'))).toBe('error');
  });

  it('translates the deployment controller’s rollout steps into Chinese', () => {
    expect(describeSyncText(v('3', '0', 'create web-5f7c9; scale web-5f7c9 0→3; update status'), zh, listFormat('zh-CN')))
      .toBe('期望 3，实际 0 → 创建 web-5f7c9、将 web-5f7c9 从 0 扩缩到 3和更新状态');
    expect(actionParts('create 2 pod(s) on node-1, node-2', zh)).toEqual(['在 node-1, node-2 上创建 2 个 Pod']);
    expect(actionParts('delete 1 pod(s) (too many), update status', zh)).toEqual(['删除 1 个 Pod（Pod 过多）', '更新状态']);
    expect(actionParts('create 1 slice(s), delete 2 slice(s)', zh)).toEqual(['创建 1 个 EndpointSlice', '删除 2 个 EndpointSlice']);
  });

  it('keeps what it does not know, and Kubernetes values, as written', () => {
    expect(actionParts('frobnicate the widget', zh)).toEqual(['frobnicate the widget']);
    expect(stateText('Bound', zh)).toBe('Bound');
    expect(stateText('3 endpoint(s), 2 ready', zh)).toBe('3 个端点，2 个就绪');
    expect(stateText('no solid owner', zh)).toBe('没有实际存在的属主');
    expect(stateText('something new', zh)).toBe('something new');
  });
});
