// What survives a reload, in localStorage under `kube-orrery:`: the editor's text, the settings and
// the current run. Storage may be missing, full or hold garbage from an older build: every read
// falls back to "nothing saved" and every write failure is ignored (the app works without it).
import type { Pacing, RunData } from '../../protocol/messages';
import { STARTER_POD } from '../editor/examples';
import { checkRun } from './run-file';
import { isLocale, type Locale } from '../../i18n';

export const PREFIX = 'kube-orrery:';
export const KEYS = { yaml: `${PREFIX}yaml`, settings: `${PREFIX}settings`, run: `${PREFIX}run` } as const;

/** The part of the Web Storage API used (a Map-backed fake in tests). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Settings {
  speed: number;
  pacing: Pacing;
  /** the cluster's node count (a run carries its own; this one is for a run with no inputs yet) */
  nodes?: number;
  /** who kubectl is (editor/identities.ts id) */
  identity?: string;
  /** tokens jump instead of travel (the Reduce motion setting, src/ui/presenter) */
  reduceMotion?: boolean;
  /** the UI's language (the Language switch) */
  locale?: Locale;
}

export interface Saved {
  yaml: string | null;
  settings: Settings | null;
  run: RunData | null;
}

export interface Persistence {
  load(): Saved;
  saveYaml(yaml: string): void;
  saveSettings(settings: Settings): void;
  saveRun(run: RunData): void;
  clear(): void;
}

export function createPersistence(storage: StorageLike | null): Persistence {
  const read = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null; // storage disabled (privacy mode, sandboxed frame)
    }
  };
  const write = (key: string, value: string | null) => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, value);
    } catch {
      // quota exceeded or storage disabled: the app still works, it just forgets on reload
    }
  };
  return {
    load: () => ({ yaml: read(KEYS.yaml), settings: parseSettings(read(KEYS.settings)), run: parseRun(read(KEYS.run)) }),
    // the starter is what a fresh app shows anyway: nothing to keep
    saveYaml: (yaml) => write(KEYS.yaml, yaml === STARTER_POD ? null : yaml),
    saveSettings: (settings) => write(KEYS.settings, JSON.stringify(settings)),
    saveRun: (run) => write(KEYS.run, JSON.stringify(run)),
    clear: () => Object.values(KEYS).forEach((k) => write(k, null)),
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseSettings(text: string | null): Settings | null {
  const v = parseJson(text) as Partial<Settings> | null;
  if (!v || typeof v.speed !== 'number' || !(v.speed > 0) || (v.pacing !== 'story' && v.pacing !== 'realtime')) return null;
  const nodes = typeof v.nodes === 'number' && Number.isInteger(v.nodes) && v.nodes > 0 ? v.nodes : undefined;
  const identity = typeof v.identity === 'string' && v.identity.length > 0 && v.identity.length < 200 ? v.identity : undefined;
  const reduceMotion = v.reduceMotion === true;
  const locale = isLocale(v.locale) ? v.locale : undefined;
  return { speed: v.speed, pacing: v.pacing, ...(nodes ? { nodes } : {}), ...(identity ? { identity } : {}), ...(reduceMotion ? { reduceMotion } : {}), ...(locale ? { locale } : {}) };
}

function parseRun(text: string | null): RunData | null {
  const v = parseJson(text);
  if (v === null) return null;
  try {
    return checkRun(v);
  } catch {
    return null;
  }
}
