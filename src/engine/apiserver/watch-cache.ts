// The apiserver's watch cache (apiserver/pkg/storage/cacher): the latest object per key, a
// window of recent events per resource (watch_cache.go: one cacher per resource, its capacity
// grown and shrunk to keep about eventFreshDuration of history) for watches that resume from a
// resourceVersion, and the fan-out of each event to the watchers whose namespace and selectors it
// matches (an object moving into a selector is ADDED, moving out is DELETED — cacher.go
// watchCacheEvent filtering). Watchers that allow bookmarks get one about every minute
// (cacher.go defaultBookmarkFrequency) and every watch ends at its timeout.
import type { KObject } from '../api/types';
import { type FieldSelector, type Selector, matchesFields, matchesSelector } from '../api/selectors';
import type { WatchEventType } from '../api/wire';

export interface CacheEvent {
  rv: number;
  /** virtual ms the cache recorded the event (watchCacheEvent.RecordTime) */
  t?: number;
  type: 'PUT' | 'DELETE';
  kind: string;
  obj: KObject;
  prev?: KObject;
}

export interface Watcher {
  id: number;
  client: string;
  kind: string;
  namespace?: string;
  labels: Selector;
  fields: FieldSelector;
  ambient: boolean;
  /** allowWatchBookmarks */
  bookmarks?: boolean;
  /** when the server ends the watch (timeoutSeconds, or a random 1–2 × --min-request-timeout) */
  deadlineMs?: number;
}

/** Events kept for resuming watches; older resourceVersions get 410 Gone. */
export const WATCH_CACHE_WINDOW = 10000;

// watch_cache.go defaultLowerBoundCapacity / defaultUpperBoundCapacity; cacher.go
// DefaultEventFreshDuration = defaultBookmarkFrequency + 15 s
export const LOWER_BOUND_CAPACITY = 100;
export const UPPER_BOUND_CAPACITY = 100 * 1024;
export const EVENT_FRESH_DURATION_MS = 75_000;
/** cacher.go defaultBookmarkFrequency */
export const BOOKMARK_FREQUENCY_MS = 60_000;
/** --min-request-timeout default: a watch without timeoutSeconds lasts 1–2 × this (endpoints/handlers/get.go) */
export const MIN_REQUEST_TIMEOUT_MS = 1_800_000;

/** One resource's cyclic buffer of events (watchCache.cache between startIndex and endIndex). */
export interface WatchWindow {
  events: CacheEvent[];
  capacity: number;
  /** the resourceVersion the cache was filled at (listResourceVersion) */
  listRv: number;
  /** an event was dropped from the buffer since that list (removedEventSinceRelist) */
  evicted: boolean;
}

export function newWindow(listRv: number): WatchWindow {
  return { events: [], capacity: LOWER_BOUND_CAPACITY, listRv, evicted: false };
}

/** watchCache.updateCache: resize (resizeCacheLocked), drop the oldest event when full, append. */
export function addToWindow(w: WatchWindow, e: CacheEvent, now: number): void {
  const full = () => w.events.length >= w.capacity;
  if (full() && now - (w.events[0].t ?? 0) < EVENT_FRESH_DURATION_MS) {
    // the whole buffer is younger than eventFreshDuration: grow rather than forget fresh events
    w.capacity = Math.min(w.capacity * 2, UPPER_BOUND_CAPACITY);
  } else if (full() && now - (w.events[w.events.length - Math.floor(w.capacity / 4)].t ?? 0) > EVENT_FRESH_DURATION_MS) {
    // even the newest quarter is stale: halve (doCacheResizeLocked keeps the newest events)
    w.capacity = Math.max(Math.floor(w.capacity / 2), LOWER_BOUND_CAPACITY);
    if (w.events.length > w.capacity) w.events.splice(0, w.events.length - w.capacity);
    w.evicted = true;
  }
  if (full()) {
    w.events.shift();
    w.evicted = true;
  }
  w.events.push(e);
}

/**
 * watchCache.getAllEventsSinceLocked: the oldest event a watch can still be served is the one
 * after the list, or the first in the buffer once events were dropped; a watch from before that
 * gets 410 Expired with exactly this message.
 */
export function tooOldMessage(w: WatchWindow | undefined, fromRv: number, listRv: number): string | undefined {
  const oldest = !w || !w.evicted ? (w?.listRv ?? listRv) + 1 : w.events.length ? w.events[0].rv : (w.listRv + 1);
  if (fromRv < oldest - 1) return `too old resource version: ${fromRv} (${oldest - 1})`;
  return undefined;
}

/** Events after `fromRv`, oldest first. */
export function eventsAfter(w: WatchWindow | undefined, fromRv: number): CacheEvent[] {
  if (!w) return [];
  let lo = 0;
  let hi = w.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.events[mid].rv <= fromRv) lo = mid + 1;
    else hi = mid;
  }
  return w.events.slice(lo);
}

/**
 * cacheWatcher.nextBookmarkTime: a minute from now, but no later than 2 s before the watch's
 * deadline so the client gets a fresh resourceVersion before it reconnects; none once that is past.
 */
export function nextBookmarkMs(w: Watcher, now: number): number | undefined {
  if (!w.bookmarks) return undefined;
  let t = now + BOOKMARK_FREQUENCY_MS;
  if (w.deadlineMs !== undefined && w.deadlineMs - 2_000 < t) t = w.deadlineMs - 2_000;
  return t < now ? undefined : t;
}

function matches(w: Watcher, o: KObject | undefined): boolean {
  if (!o) return false;
  if (w.namespace && o.metadata.namespace !== w.namespace) return false;
  return matchesSelector(w.labels, o.metadata.labels as Record<string, string> | undefined) && matchesFields(w.fields, o);
}

/** What watcher `w` sees of one cache event, or undefined when it sees nothing. */
export function watchEventFor(w: Watcher, e: CacheEvent): { type: WatchEventType; object: KObject } | undefined {
  if (e.kind !== w.kind) return undefined;
  const was = matches(w, e.prev);
  if (e.type === 'DELETE') return was ? { type: 'DELETED', object: e.obj } : undefined;
  const is = matches(w, e.obj);
  if (is && was) return { type: 'MODIFIED', object: e.obj };
  if (is) return { type: 'ADDED', object: e.obj };
  if (was) return { type: 'DELETED', object: e.obj };
  return undefined;
}

export function listMatches(w: Pick<Watcher, 'namespace' | 'labels' | 'fields'>, o: KObject): boolean {
  return matches(w as Watcher, o);
}
