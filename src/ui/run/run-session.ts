// The run outside the tab: share links, run files and what survives a reload. Glue between the UI
// store, the worker bridge and the browser (location, history, storage, clipboard: all injected,
// so it runs under vitest). The worker records and replays runs; this only carries them.
import { DEFAULT_IDENTITY, identityById } from '../editor/identities';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Command, RunData } from '../../protocol/messages';
import type { Bridge } from '../bridge/bridge';
import { STARTER_POD } from '../editor/examples';
import type { UiStore } from '../store/store';
import { createPersistence, type Persistence, type Saved, type Settings, type StorageLike } from './persistence';
import { parseRunFile } from './run-file';
import { decodeRun, encodeRun, runTokenOf, shareUrl, withoutHash } from './share-link';

/** The worker's cluster when RESET names no size (host.ts). */
const DEFAULT_NODES = 3;
const DEFAULT_SETTINGS: Settings = { speed: 1, pacing: 'story' };
/** The saved run is refreshed this often while it moves (one small message and one write). */
const REFRESH_EVERY_MS = 3000;
/** An export the worker never answered (it failed) stops blocking the next one after this. */
const EXPORT_STALE_MS = 10_000;

export interface RunSessionState {
  /** the last share link made, shown until closed */
  link: string | null;
  /** the link went to the clipboard */
  copied: boolean;
  /** a damaged link or a bad file, in a sentence */
  notice: string | null;
}

export interface RunSessionEnv {
  storage: StorageLike | null;
  location: { readonly href: string; readonly hash: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  clipboard?: { writeText(text: string): Promise<void> } | null;
  refreshEveryMs?: number;
  setInterval?: (cb: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  now?: () => number;
  /** attached to npm run serve: the server's cluster is the run (kubectl talks to it), so a saved run
   * is not loaded over it; a share link still is, on purpose */
  attached?: boolean;
}

export interface RunSession {
  state: StoreApi<RunSessionState>;
  /** put the run, at the moment shown, in the URL hash and on the clipboard; resolves to the link */
  share(): Promise<string>;
  exportRun(): Promise<RunData>;
  /** load a run file's text; false (and a notice) when it is not a run */
  importRun(text: string): boolean;
  /** the hash changed under the page (a pasted link): load its run */
  openHash(): void;
  /** forget everything saved, drop the hash, the starter manifest, a new cluster */
  reset(): void;
  closeLink(): void;
  dismissNotice(): void;
  /** ask the worker for the run now and save it */
  refresh(): void;
  dispose(): void;
}

export function startRunSession(store: UiStore, bridge: Bridge, env: RunSessionEnv): RunSession {
  return new Session(store, bridge, env);
}

/** What to send once the worker is READY: the link's run (the hash wins) or the saved one, then the
 * settings — after LOAD_RUN, since a loaded run keeps the clock settings the worker had. */
export function startupCommands(saved: Saved, link: { token: string | null; run: RunData | null }, attached = false): Command[] {
  const cmds: Command[] = [];
  const run = link.token !== null ? link.run : !attached && saved.run && saved.run.inputs.length > 0 ? saved.run : null;
  const nodes = saved.settings?.nodes;
  if (run) cmds.push({ type: 'LOAD_RUN', run });
  // a damaged link starts a normal cluster; a run with no inputs yet is only its size
  else if (!attached && link.token === null && nodes && nodes !== DEFAULT_NODES) cmds.push({ type: 'RESET', nodes });
  // attached, the app decides the clock: the server paces in real time × --speed only while no app is
  const settings = saved.settings ?? (attached ? DEFAULT_SETTINGS : undefined);
  if (settings) cmds.push({ type: 'SET_SPEED', speed: settings.speed }, { type: 'SET_PACING', pacing: settings.pacing });
  return cmds;
}

class Session implements RunSession {
  readonly state = createStore<RunSessionState>()(() => ({ link: null, copied: false, notice: null }));
  private readonly persistence: Persistence;
  private readonly saved: Saved;
  private readonly token: string | null;
  private linkRun: RunData | null = null;
  private settings: Settings;
  private started = false;
  private exportingSince = -Infinity;
  /** the moment (timeline and clock) the saved run was asked at */
  private savedAt = '';
  private readonly unsubscribe: () => void;
  private readonly timer: unknown;

  constructor(
    private readonly store: UiStore,
    private readonly bridge: Bridge,
    private readonly env: RunSessionEnv,
  ) {
    this.persistence = createPersistence(env.storage);
    this.saved = this.persistence.load();
    this.settings = this.saved.settings ?? DEFAULT_SETTINGS;
    // the editor's text at once, before the first render
    if (this.saved.yaml !== null) store.getState().setYaml(this.saved.yaml);
    if (this.saved.settings?.identity && identityById(this.saved.settings.identity).id === this.saved.settings.identity) store.getState().setIdentity(this.saved.settings.identity);
    if (this.saved.settings?.reduceMotion) store.getState().setReduceMotion(true);
    if (this.saved.settings?.locale) store.getState().setLocale(this.saved.settings.locale);
    this.token = runTokenOf(env.location.hash);
    if (this.token !== null) {
      try {
        this.linkRun = decodeRun(this.token);
      } catch (err) {
        this.state.setState({ notice: `${(err as Error).message} A new cluster was started instead.` });
      }
    }
    this.unsubscribe = store.subscribe((s, prev) => this.onChange(s, prev));
    if (store.getState().ready) this.boot();
    const every = env.setInterval ?? ((cb, ms) => setInterval(cb, ms));
    this.timer = every(() => {
      if (this.moment() !== this.savedAt) this.refresh();
    }, env.refreshEveryMs ?? REFRESH_EVERY_MS);
  }

  private boot(): void {
    this.started = true;
    for (const cmd of startupCommands(this.saved, { token: this.token, run: this.linkRun }, this.env.attached)) this.bridge.send(cmd);
  }

  private onChange(s: ReturnType<UiStore['getState']>, prev: ReturnType<UiStore['getState']>): void {
    if (!this.started && s.ready) this.boot();
    if (s.yaml !== prev.yaml) this.persistence.saveYaml(s.yaml);
    if (s.identity !== prev.identity) this.saveSettings({ ...this.settings, identity: s.identity });
    if (s.reduceMotion !== prev.reduceMotion) this.saveSettings({ ...this.settings, reduceMotion: s.reduceMotion });
    if (s.locale !== prev.locale) this.saveSettings({ ...this.settings, locale: s.locale });
    if (!this.started) return;
    if (s.clock.speed !== prev.clock.speed || s.clock.pacing !== prev.clock.pacing) this.saveSettings({ ...this.settings, speed: s.clock.speed, pacing: s.clock.pacing });
    // kubectl's answer or a fault's: the run has a new input, and a link in the hash no longer describes it
    if ((prev.pending && !s.pending) || (prev.faultPending && !s.faultPending)) {
      this.dropHash();
      this.refresh();
    } else if (prev.clock.playing && !s.clock.playing) this.refresh();
  }

  private moment(): string {
    const { timeline: t, clock } = this.store.getState();
    return `${t.position}/${t.length}/${t.marks.length}/${t.branch?.forkSeq ?? ''}/${clock.nowMs}`;
  }

  private saveRun(run: RunData): void {
    this.persistence.saveRun(run);
    if (this.settings.nodes !== run.nodes) this.saveSettings({ ...this.settings, nodes: run.nodes });
  }

  private saveSettings(next: Settings): void {
    this.settings = next;
    this.persistence.saveSettings(next);
  }

  private dropHash(): void {
    if (runTokenOf(this.env.location.hash) !== null) this.env.history.replaceState(null, '', withoutHash(this.env.location.href));
  }

  private load(run: RunData): void {
    this.bridge.send({ type: 'LOAD_RUN', run });
    this.state.setState({ link: null, copied: false, notice: null });
  }

  private now(): number {
    return this.env.now?.() ?? Date.now();
  }

  readonly refresh = (): void => {
    if (!this.started || this.now() - this.exportingSince < EXPORT_STALE_MS) return;
    this.exportingSince = this.now();
    const at = this.moment();
    void this.bridge.exportRun().then((run) => {
      this.exportingSince = -Infinity;
      this.savedAt = at;
      this.saveRun(run);
    });
  };

  readonly exportRun = (): Promise<RunData> => this.bridge.exportRun();

  readonly share = async (): Promise<string> => {
    const run = await this.bridge.exportRun();
    this.saveRun(run);
    const url = shareUrl(this.env.location.href, encodeRun(run));
    this.env.history.replaceState(null, '', url);
    this.state.setState({ link: url, copied: false, notice: null });
    try {
      if (this.env.clipboard) {
        await this.env.clipboard.writeText(url);
        if (this.state.getState().link === url) this.state.setState({ copied: true });
      }
    } catch {
      // no clipboard permission: the link is in the box to copy by hand
    }
    return url;
  };

  readonly importRun = (text: string): boolean => {
    try {
      const run = parseRunFile(text);
      this.dropHash();
      this.load(run);
      return true;
    } catch (err) {
      this.state.setState({ link: null, copied: false, notice: (err as Error).message });
      return false;
    }
  };

  readonly openHash = (): void => {
    const token = runTokenOf(this.env.location.hash);
    if (token === null) return;
    try {
      this.load(decodeRun(token));
    } catch (err) {
      this.state.setState({ link: null, copied: false, notice: `${(err as Error).message} The current run goes on.` });
    }
  };

  readonly reset = (): void => {
    this.persistence.clear();
    this.settings = DEFAULT_SETTINGS;
    this.dropHash();
    this.state.setState({ link: null, copied: false, notice: null });
    this.store.getState().setYaml(STARTER_POD);
    this.store.getState().setIdentity(DEFAULT_IDENTITY.id);
    // a fresh start, as on first opening the app
    this.bridge.send({ type: 'RESET', forget: true });
    this.bridge.send({ type: 'SET_SPEED', speed: DEFAULT_SETTINGS.speed });
    this.bridge.send({ type: 'SET_PACING', pacing: DEFAULT_SETTINGS.pacing });
    this.bridge.send({ type: 'PLAY' });
  };

  readonly closeLink = (): void => this.state.setState({ link: null, copied: false });

  readonly dismissNotice = (): void => this.state.setState({ notice: null });

  readonly dispose = (): void => {
    this.unsubscribe();
    (this.env.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>)))(this.timer);
  };
}
