// The engine that records and replays runs. A run (share link, exported file) carries it: another
// engine may emit a different trace for the same inputs, so the app refuses instead of replaying
// something else. Bump it whenever what the engine emits changes (version.test.ts pins a trace hash
// and fails until both are updated together).
export const ENGINE_VERSION = 'orrery-engine/4';
