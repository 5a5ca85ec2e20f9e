import { describe, expect, it } from 'vitest';
import { fakeStorage, sampleRun, STARTER_POD } from './fixtures';
import { createPersistence, KEYS, type StorageLike } from './persistence';

describe('persistence', () => {
  it('keeps the editor text, the settings and the run under kube-orrery: keys', () => {
    const storage = fakeStorage();
    const p = createPersistence(storage);
    expect(p.load()).toEqual({ yaml: null, settings: null, run: null });
    p.saveYaml('kind: Pod\n');
    p.saveSettings({ speed: 5, pacing: 'realtime', nodes: 12 });
    p.saveRun(sampleRun());
    expect([...storage.data.keys()].sort()).toEqual(['kube-orrery:run', 'kube-orrery:settings', 'kube-orrery:yaml']);
    // a reload: a new Persistence over the same storage
    expect(createPersistence(storage).load()).toEqual({ yaml: 'kind: Pod\n', settings: { speed: 5, pacing: 'realtime', nodes: 12 }, run: sampleRun() });
  });

  it('keeps the Reduce motion setting; anything but true reads as off', () => {
    const storage = fakeStorage();
    createPersistence(storage).saveSettings({ speed: 1, pacing: 'story', reduceMotion: true });
    expect(createPersistence(storage).load().settings).toEqual({ speed: 1, pacing: 'story', reduceMotion: true });
    storage.data.set(KEYS.settings, JSON.stringify({ speed: 1, pacing: 'story', reduceMotion: 'yes' }));
    expect(createPersistence(storage).load().settings).toEqual({ speed: 1, pacing: 'story' });
  });

  it('keeps the language; an unknown locale reads as the default', () => {
    const storage = fakeStorage();
    createPersistence(storage).saveSettings({ speed: 1, pacing: 'story', locale: 'zh-CN' });
    expect(createPersistence(storage).load().settings).toEqual({ speed: 1, pacing: 'story', locale: 'zh-CN' });
    storage.data.set(KEYS.settings, JSON.stringify({ speed: 1, pacing: 'story', locale: 'klingon' }));
    expect(createPersistence(storage).load().settings).toEqual({ speed: 1, pacing: 'story' });
  });

  it('the starter manifest is not kept: it is what a fresh app shows anyway', () => {
    const storage = fakeStorage({ [KEYS.yaml]: 'old' });
    createPersistence(storage).saveYaml(STARTER_POD);
    expect(storage.data.has(KEYS.yaml)).toBe(false);
  });

  it('clear forgets everything it saved and nothing else', () => {
    const storage = fakeStorage({ other: 'x' });
    const p = createPersistence(storage);
    p.saveYaml('a');
    p.saveSettings({ speed: 1, pacing: 'story' });
    p.saveRun(sampleRun());
    p.clear();
    expect([...storage.data.keys()]).toEqual(['other']);
  });

  it('garbage from an older build reads as nothing saved', () => {
    const storage = fakeStorage({
      [KEYS.settings]: '{"speed": "fast"}',
      [KEYS.run]: '{"engine": 3',
    });
    expect(createPersistence(storage).load()).toEqual({ yaml: null, settings: null, run: null });
    storage.data.set(KEYS.run, JSON.stringify({ ...sampleRun(), inputs: 'none' }));
    storage.data.set(KEYS.settings, JSON.stringify({ speed: 2, pacing: 'warp' }));
    expect(createPersistence(storage).load()).toEqual({ yaml: null, settings: null, run: null });
  });

  it('works without storage, and when storage throws (disabled, quota exceeded)', () => {
    const none = createPersistence(null);
    none.saveYaml('a');
    expect(none.load()).toEqual({ yaml: null, settings: null, run: null });
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const p = createPersistence(throwing);
    expect(() => p.saveRun(sampleRun())).not.toThrow();
    expect(() => p.clear()).not.toThrow();
    expect(p.load()).toEqual({ yaml: null, settings: null, run: null });
  });
});
