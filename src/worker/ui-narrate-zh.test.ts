// The narration in Chinese on a real run: the starter Pod created and deleted (seed 000/002's
// lesson). Every story event reads as Chinese, with no English sentence left untranslated; what
// Kubernetes prints (names, paths, reasons, signals) stays as it is.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { STARTER_POD } from '../ui/editor/examples';
import { narrate, spaceCjk } from '../ui/i18n/narrate';

const HAN = /[\u4e00-\u9fff]/;

function lessonTrace(): readonly TraceEvent[] {
  const c = createCluster({ seed: 1, nodes: 3 });
  c.runUntilIdle();
  const from = c.trace().length;
  c.apply(STARTER_POD);
  c.runUntilIdle();
  c.delete({ kind: 'Pod', name: 'nginx' });
  c.runUntilIdle();
  return c.trace().slice(from);
}

/** The sentence without the event's own values (names, keys, paths, reasons: Kubernetes' words). */
function withoutValues(s: string, e: AnyTraceEvent): string {
  const values = [...Object.values(e.params), e.from, e.to, e.object?.name, e.object?.kind]
    .filter((v) => typeof v === 'string' && v.length > 0)
    .map(String)
    .sort((a, b) => b.length - a.length);
  for (const v of values) s = s.split(v).join(' ');
  return s;
}

/** Three English words in a row outside the event's values: an untranslated sentence. */
const ENGLISH_RUN = /\b[A-Za-z]{2,}\b(?:[ ,]+\b[A-Za-z]{2,}\b){2,}/;

describe('narrate (zh-CN) on the starter Pod created and deleted', () => {
  const trace = lessonTrace();
  const story = trace.filter((e) => !e.ambient);

  it('has story events for both the creation and the deletion', () => {
    expect(story.some((e) => e.type === 'scheduler.decision')).toBe(true);
    expect(story.some((e) => e.type === 'kubelet.kill')).toBe(true);
  });

  it('gives every story event a Chinese sentence', () => {
    for (const e of story) {
      const zh = narrate(e, 'zh-CN');
      expect(zh, `${e.seq} ${e.key}: ${zh}`).toMatch(HAN);
      expect(zh, `${e.seq} ${e.key} fell back to the generic sentence`).not.toBe(narrate({ ...e, key: 'no.such.key', type: 'no.such.type' } as AnyTraceEvent, 'zh-CN'));
    }
  });

  it('leaves no English sentence untranslated', () => {
    for (const e of story) {
      const zh = narrate(e, 'zh-CN');
      expect(withoutValues(zh, e), `${e.seq} ${e.key}: ${zh}`).not.toMatch(ENGLISH_RUN);
    }
  });

  it('tells each step of the creation and the deletion (one sentence per key)', () => {
    const byKey = new Map<string, string>();
    for (const e of story) if (!byKey.has(e.key)) byKey.set(e.key, narrate(e, 'zh-CN'));
    for (const key of ['apiserver.request', 'apiserver.authorize', 'apiserver.admit', 'etcd.put', 'scheduler.decision', 'kubelet.admit', 'cri.sandbox_ready', 'cri.container_started', 'kubelet.kill', 'cri.stop_container', 'cri.container_exited', 'etcd.delete'])
      expect(byKey.get(key), key).toMatch(HAN);
  });
});

describe('narrate (zh-CN): sentences', () => {
  const ev = (type: string, from: string, to: string, params: AnyTraceEvent['params'], more: Partial<AnyTraceEvent> = {}) =>
    ({ seq: 1, t: 0, type, key: type, from, to, params, ...more }) as TraceEvent;

  it.each([
    [ev('apiserver.authorize', 'kube-apiserver', 'kube-apiserver', { user: 'admin', verb: 'create', resource: 'pods', namespace: 'default', allowed: true, reason: '' }),
      '鉴权：RBAC 允许 admin 在命名空间 default 中对 pods 执行 create'],
    [ev('etcd.put', 'kube-apiserver', 'etcd-0', { key: '/registry/pods/default/nginx', revision: 42, size: 1830 }),
      'kube-apiserver 将 /registry/pods/default/nginx 写入 etcd：修订版本 42，1.8 kB'],
    [ev('watch.event', 'kube-apiserver', 'scheduler', { eventType: 'ADDED', kind: 'Pod', namespace: 'default', name: 'nginx' }),
      '监视：kube-apiserver 告诉调度器，Pod nginx 已被添加'],
    [ev('cri.image_pulled', 'runtime:node-1', 'kubelet:node-1', { image: 'nginx:1.27', durationMs: 4321, sizeBytes: 72_300_000 }),
      '镜像 nginx:1.27 拉取完成，用时 4.32 秒（72.3 MB）'],
    [ev('kubelet.volumes', 'kubelet:node-2', 'runtime:node-2', { pod: 'default/nginx', volumes: 1, mounted: 'kube-api-access' }),
      'node-2 上的 kubelet 挂载 Pod nginx 的 1 个卷'],
  ])('%#', (e, sentence) => {
    expect(narrate(e, 'zh-CN')).toBe(sentence);
  });

  it('keeps the FailedScheduling text as Kubernetes prints it', () => {
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    const e = ev('scheduler.decision', 'scheduler', 'scheduler', { pod: 'big' }, { detail: { pod: 'big', filter: {}, total: {}, chosen: null, message } });
    expect(narrate(e, 'zh-CN')).toBe(`没有节点适合 Pod big：${message}`);
  });

  it('explains a decision with the filter reasons and scores', () => {
    const e = ev('scheduler.decision', 'scheduler', 'scheduler', { pod: 'nginx', node: 'node-1', message: '' }, {
      detail: { pod: 'default/nginx', filter: { 'node-1': [], 'node-2': ['Insufficient cpu'], 'node-3': [] }, scores: {}, weights: {}, total: { 'node-3': 75, 'node-1': 87 }, chosen: 'node-1', message: '' },
    });
    expect(narrate(e, 'zh-CN')).toBe('调度器过滤了 3 个节点：node-2 缺少 cpu；打分 node-1 87 分、node-3 75 分 → 选中 node-1');
  });

  it('spaces Chinese and Latin text the way the Kubernetes website does', () => {
    expect(spaceCjk('告诉 调度器，Pod nginx已被添加')).toBe('告诉调度器，Pod nginx 已被添加');
    expect(spaceCjk('宽限期 30 秒 ；kubelet')).toBe('宽限期 30 秒；kubelet');
  });
});
