// Twin of pkg/scheduler/framework/cycle_state.go: per-cycle scratch data shared by plugins.
// Simplified: no locking, no Clone (one cycle runs synchronously), values are plain data.
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
}
