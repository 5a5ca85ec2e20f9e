// Twin of pkg/scheduler/framework/cycle_state.go: per-cycle scratch data shared by plugins.
// Simplified: no locking (one cycle runs synchronously); values are plain data, and those implementing
// StateData.clone are deep-copied by Clone (preemption dry runs mutate their copy).
export interface StateData {
  clone(): StateData;
}

function isStateData(v: unknown): v is StateData {
  return typeof v === 'object' && v !== null && typeof (v as StateData).clone === 'function';
}

export class CycleState {
  private readonly storage = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip; their Filter is not run. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip; their Score is not run. */
  readonly skipScorePlugins = new Set<string>();

  write(key: string, value: unknown): void {
    this.storage.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.storage.get(key) as T | undefined;
  }

  has(key: string): boolean {
    return this.storage.has(key);
  }

  delete(key: string): void {
    this.storage.delete(key);
  }

  /** Clone: StateData values are cloned, others shared; the skip sets are copied. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.storage) c.storage.set(k, isStateData(v) ? v.clone() : v);
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
