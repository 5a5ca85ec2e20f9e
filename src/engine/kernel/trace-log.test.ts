import { describe, expect, it } from 'vitest';
import { TraceLog, type TracePageCodec } from './trace-log';
import type { TraceEvent } from './types';

const ev = (seq: number, tag = ''): TraceEvent => ({ seq, t: seq * 10, type: 'test.event', from: 'a', to: 'b', key: 'k', params: { n: seq, tag } }) as unknown as TraceEvent;

/** a JSON codec that counts its calls */
function jsonCodec(pageSize: number, keepLoose: number) {
  const calls = { pack: 0, unpack: 0 };
  const codec: TracePageCodec = {
    pageSize,
    keepLoose,
    pack: (events) => (calls.pack++, JSON.stringify(events)),
    unpack: (p) => (calls.unpack++, JSON.parse(p as string)),
  };
  return { codec, calls };
}

function filled(n: number, codec?: TracePageCodec): TraceLog {
  const log = new TraceLog();
  log.setCodec(codec);
  for (let i = 0; i < n; i++) log.record(ev(i));
  return log;
}

describe('TraceLog', () => {
  it('without a codec it is the array of events, in seq order', () => {
    const log = filled(100);
    expect(log.length).toBe(100);
    expect(log.packedEvents).toBe(0);
    expect(log.at(42)).toEqual(ev(42));
    expect(log.all().map((e) => e.seq)).toEqual([...Array(100).keys()]);
  });

  it('packs whole old pages and keeps the newest events loose', () => {
    const { codec, calls } = jsonCodec(10, 20);
    const log = filled(105, codec);
    // 105 events: pages of 10 are packed while more than 20 + 10 stay loose
    expect(log.packedEvents).toBe(80);
    expect(calls.pack).toBe(8);
    expect(log.length).toBe(105);
    expect(log.at(104)).toEqual(ev(104));
    expect(calls.unpack).toBe(0);
    // reading a packed event unpacks its page once; the page stays cached for the next reads
    expect(log.at(13)).toEqual(ev(13));
    expect(log.at(17)).toEqual(ev(17));
    expect(calls.unpack).toBe(1);
    expect(log.at(-1)).toBeUndefined();
    expect(log.at(105)).toBeUndefined();
  });

  it('slices across packed pages and the loose tail as an array would', () => {
    const { codec } = jsonCodec(10, 20);
    const log = filled(105, codec);
    const plain = filled(105).all();
    for (const [a, b] of [[0, 105], [5, 37], [79, 81], [80, 90], [95, 200], [30, 30], [-10, undefined], [0, -100]] as const) {
      expect(log.slice(a, b)).toEqual(plain.slice(a, b));
    }
    expect(log.all()).toEqual(plain);
  });

  it('a replay writes over loose events and leaves packed pages as they are', () => {
    const { codec } = jsonCodec(10, 20);
    const log = filled(105, codec);
    log.record(ev(5, 'replayed'));
    log.record(ev(100, 'replayed'));
    expect(log.at(5)).toEqual(ev(5));
    expect(log.at(100)).toEqual(ev(100, 'replayed'));
    expect(log.length).toBe(105);
  });

  it('a cut inside a packed page brings that page back loose, and the log grows on from there', () => {
    const { codec } = jsonCodec(10, 20);
    const log = filled(105, codec);
    log.at(35); // cache the page about to be cut
    log.truncate(34);
    expect(log.length).toBe(34);
    expect(log.packedEvents).toBe(30);
    expect(log.at(33)).toEqual(ev(33));
    for (let i = 34; i < 70; i++) log.record(ev(i, 'new branch'));
    expect(log.length).toBe(70);
    expect(log.at(35)).toEqual(ev(35, 'new branch'));
    expect(log.at(20)).toEqual(ev(20));
    expect(log.slice(30, 40).map((e) => (e.params as unknown as { tag: string }).tag)).toEqual(['', '', '', '', 'new branch', 'new branch', 'new branch', 'new branch', 'new branch', 'new branch']);
    // a cut in the loose tail only shortens it
    log.truncate(65);
    expect(log.length).toBe(65);
    log.truncate(80);
    expect(log.length).toBe(65);
  });

  it('dropping the codec brings every page back', () => {
    const { codec } = jsonCodec(10, 20);
    const log = filled(105, codec);
    log.setCodec(undefined);
    expect(log.packedEvents).toBe(0);
    expect(log.all()).toEqual(filled(105).all());
  });
});
