// The VOPR from the command line (TigerBeetle's `zig build vopr -- SEED`):
//   npm run vopr -- --seed N [--ops 100] [--verbose]     replay one seed exactly, print its first violation
//   npm run vopr -- --seeds 1000 [--from 1] [--ops 100]  sweep seeds, print the totals and each failing seed
// Exits 1 when an invariant was violated (2 on bad arguments).
import { performance } from 'node:perf_hooks';
import { type Op, type RunResult, formatViolation, runSeed } from '../engine/vopr';

interface Args {
  seed?: number;
  seeds?: number;
  from: number;
  ops: number;
  checkEvery: number;
  replay: boolean;
  record: boolean;
  verbose: boolean;
}

function usage(code: number): never {
  console.error(
    'usage: npm run vopr -- --seed N [--ops 100] [--verbose] [--no-replay] [--fast]\n       npm run vopr -- --seeds COUNT [--from 1] [--ops 100] [--check-every 10] [--no-replay] [--fast] [--verbose]\n' +
      '  --fast: trace recording off in the cluster (no seek checkpoints, no scheduler detail): about twice the speed; --seed N reruns a failing seed recorded',
  );
  process.exit(code);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { from: 1, ops: 100, checkEvery: 10, replay: true, record: true, verbose: false };
  const int = (v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) usage(2);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--seed') a.seed = int(argv[++i]);
    else if (v === '--seeds') a.seeds = int(argv[++i]);
    else if (v === '--from') a.from = int(argv[++i]);
    else if (v === '--ops') a.ops = int(argv[++i]);
    else if (v === '--check-every') a.checkEvery = Math.max(1, int(argv[++i]));
    else if (v === '--no-replay') a.replay = false;
    else if (v === '--fast') a.record = false;
    else if (v === '--verbose' || v === '-v') a.verbose = true;
    else if (v === '-h' || v === '--help') usage(0);
    else usage(2);
  }
  if ((a.seed === undefined) === (a.seeds === undefined)) usage(2);
  return a;
}

function opText(op: Op): string {
  switch (op.type) {
    case 'apply': {
      const m = op.manifest;
      return `apply ${m.kind ?? '?'} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${String(m.metadata?.name ?? '').slice(0, 40)} (${op.why.slice(0, 120)})`;
    }
    case 'delete':
      return `delete ${op.ref.kind} ${op.ref.namespace ?? ''}/${op.ref.name} ${JSON.stringify(op.opts)}`;
    case 'inject':
      return `inject ${JSON.stringify(op.fault)}`;
    case 'advance':
      return `advance ${op.ms} ms`;
    case 'step':
      return `step ${op.count}`;
  }
}

function one(a: Args): number {
  const t0 = performance.now();
  const r = runSeed(a.seed!, {
    ops: a.ops,
    checkEvery: a.checkEvery,
    replay: a.replay,
    record: a.record,
    onOp: a.verbose ? (i, op, at, result) => console.log(`#${i} [seq ${at?.seq ?? 0} t=${at?.t ?? 0}] ${opText(op)}${result ? ` → ${result}` : ''}`) : undefined,
  });
  const wallMs = Math.round(performance.now() - t0);
  console.log(`seed ${r.seed}: ${r.config.nodes.length} nodes ${JSON.stringify(r.config.nodes)}, ${r.config.etcdMembers} etcd members`);
  console.log(`operations ${r.ops}, trace events ${r.events}, trace hash ${r.traceHash}, replay ${r.replay}, wall ${wallMs} ms`);
  if (!r.violation) {
    console.log('no invariant violated');
    return 0;
  }
  console.log(`VIOLATION ${formatViolation(r)}`);
  const before = r.log.filter((l) => l.seq <= r.violation!.seq).slice(-8);
  console.log('last operations before it:');
  for (const l of before) console.log(`  #${l.i} [from seq ${l.seq}] ${opText(l.op)}${l.result ? ` → ${l.result}` : ''}`);
  console.log(`reproduce: npm run vopr -- --seed ${r.seed} --ops ${a.ops}${a.verbose ? '' : ' --verbose'}`);
  return 1;
}

function many(a: Args): number {
  const t0 = performance.now();
  const failures: RunResult[] = [];
  let ops = 0;
  let events = 0;
  let replayed = 0;
  let seeds = 0;
  for (let seed = a.from; seed < a.from + a.seeds!; seed++) {
    const t1 = performance.now();
    let r: RunResult;
    try {
      r = runSeed(seed, { ops: a.ops, checkEvery: a.checkEvery, replay: a.replay, record: a.record });
    } catch (e) {
      // the driver itself failed: count it as a violation and go on with the next seed
      console.log(`FAIL seed ${seed}: the run threw ${(e as Error).stack ?? e}`);
      failures.push({ seed, config: { seed, nodes: [], etcdMembers: 3 }, ops: 0, events: 0, traceHash: '', replay: 'not-run', log: [], violation: { invariant: 'driver-error', message: String(e), seq: -1, t: -1, type: '' } });
      seeds++;
      continue;
    }
    if (a.verbose) console.error(`seed ${seed}: ${r.ops} operations, ${r.events} events, replay ${r.replay}, ${Math.round(performance.now() - t1)} ms${r.violation ? `, ${r.violation.invariant}` : ''}`);
    seeds++;
    ops += r.ops;
    events += r.events;
    if (r.replay === 'match') replayed++;
    if (r.violation) {
      failures.push(r);
      console.log(`FAIL ${formatViolation(r)}`);
    }
    if (seeds % 25 === 0) console.error(`… ${seeds} seeds, ${ops} operations, ${failures.length} failing, ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  const wallS = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`seeds ${seeds} (${a.from}–${a.from + seeds - 1}), operations ${ops}, trace events ${events}, replays matched ${replayed}/${seeds}, violations ${failures.length}, wall ${wallS} s`);
  const byInvariant = new Map<string, number[]>();
  for (const f of failures) byInvariant.set(f.violation!.invariant, [...(byInvariant.get(f.violation!.invariant) ?? []), f.seed]);
  for (const [inv, s] of byInvariant) console.log(`  ${inv}: ${s.length} seed(s), e.g. ${s.slice(0, 10).join(', ')}`);
  return failures.length ? 1 : 0;
}

const args = parseArgs(process.argv.slice(2));
process.exit(args.seed !== undefined ? one(args) : many(args));
