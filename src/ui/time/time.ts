// Virtual time for display. The engine pins virtual t=0 to 2025-01-01T00:00:00Z (engine/api/time.ts);
// the UI may not import engine code, so the constant is repeated here and checked by a test.
export const EPOCH_MS = Date.UTC(2025, 0, 1);

/** RFC 3339 timestamp in an object → virtual ms (NaN if absent or malformed). */
export function virtualMsOf(rfc3339: unknown): number {
  if (typeof rfc3339 !== 'string') return NaN;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? NaN : ms - EPOCH_MS;
}

const pad = (n: number, w = 2) => String(Math.floor(n)).padStart(w, '0');

/** The virtual clock display: `00:01:23.450` (hours grow past 99 if they must). */
export function formatClock(ms: number): string {
  const t = Math.max(0, Math.floor(ms));
  return `${pad(t / 3_600_000)}:${pad((t / 60_000) % 60)}:${pad((t / 1000) % 60)}.${pad(t % 1000, 3)}`;
}

/** A short duration for jumps and the event log: `450 ms`, `4.2 s`, `2 min 5 s`. */
export function formatSpan(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${min} min ${s} s` : `${min} min`;
}

/** kubectl's AGE column: apimachinery duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (Number.isNaN(seconds)) return '<unknown>';
  if (seconds < 0) return '<invalid>';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}
