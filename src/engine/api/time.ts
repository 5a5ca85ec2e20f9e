// Virtual time → wall-clock strings. The engine may not read the host clock, so virtual
// time 0 is pinned to a fixed instant and RFC 3339 is formatted by hand (civil-from-days).

/** Virtual t=0 is 2025-01-01T00:00:00Z. */
export const EPOCH_MS = 1735689600000;

function civilFromDays(z: number): [number, number, number] {
  // Howard Hinnant's days_from_civil inverse.
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** RFC 3339 with seconds precision, as metav1.Time marshals (creationTimestamp, startTime). */
export function rfc3339(virtualMs: number): string {
  const ms = EPOCH_MS + virtualMs;
  const days = Math.floor(ms / 86400000);
  const rem = ms - days * 86400000;
  const [y, mo, d] = civilFromDays(days);
  const h = Math.floor(rem / 3600000);
  const mi = Math.floor((rem % 3600000) / 60000);
  const s = Math.floor((rem % 60000) / 1000);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`;
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals (Event.eventTime, Lease.renewTime). */
export function rfc3339Micro(virtualMs: number): string {
  const base = rfc3339(virtualMs);
  const micros = pad(((EPOCH_MS + virtualMs) % 1000) * 1000, 6);
  return `${base.slice(0, -1)}.${micros}Z`;
}

/** Parse an RFC 3339 timestamp back to virtual ms. */
export function parseRfc3339(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(s);
  if (!m) return NaN;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return days * 86400000 + h * 3600000 + mi * 60000 + sec * 1000 + frac - EPOCH_MS;
}

/** Go's time.Duration.String() for a whole number of ms (e.g. 2.345s, 1m5s, 150ms). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = (ms % 60000) / 1000;
  const sStr = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sStr}`;
  if (m > 0) return `${m}m${sStr}`;
  return sStr;
}

/** kubectl's AGE column (duration.HumanDuration from apimachinery/pkg/util/duration). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 0) return '<invalid>';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
