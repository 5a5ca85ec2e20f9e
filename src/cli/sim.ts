// Headless runner: `npm run sim -- FILE.yaml [--nodes N] [--seed S] [--delete KIND/NAME [--cascade background|foreground|orphan]] [--json]`.
// Applies the manifests, runs until idle, prints events like `kubectl get events` and pods like
// `kubectl get pods -o wide`.
import { readFileSync } from 'node:fs';
import { createCluster, humanDuration, parseRfc3339 } from '../engine';
import type { KObject } from '../engine';
import { printPodRow } from '../engine';
import { parseCascade, type Cascade } from '../engine';

interface Args {
  files: string[];
  nodes: number;
  seed: number;
  deletes: string[];
  cascade: Cascade;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], nodes: 3, seed: 1, deletes: [], cascade: 'background', json: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--nodes') a.nodes = Number(argv[++i]);
    else if (v === '--seed') a.seed = Number(argv[++i]);
    else if (v === '--delete') a.deletes.push(argv[++i]);
    else if (v === '--json') a.json = true;
    else if (v === '--cascade' || v.startsWith('--cascade=')) {
      const c = parseCascade(v.includes('=') ? v.slice('--cascade='.length) : argv[++i]);
      if ('error' in c) {
        console.error(`error: ${c.error}`);
        process.exit(1);
      }
      if (c.warning) console.error(c.warning);
      a.cascade = c.cascade;
    }
    else if (v === '-h' || v === '--help') usage(0);
    else a.files.push(v);
  }
  if (a.files.length === 0 || !Number.isInteger(a.nodes) || a.nodes < 1) usage(2);
  return a;
}

function usage(code: number): never {
  console.log('usage: npm run sim -- FILE.yaml [FILE.yaml …] [--nodes N] [--seed S] [--delete KIND/NAME] [--cascade background|foreground|orphan] [--json]');
  process.exit(code);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] + 3))).join('').trimEnd()).join('\n');
}

function eventsTable(events: KObject[], nowMs: number): string {
  const rows = [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
  // by time, then by creation order (resourceVersion): timestamps have second precision
  const sorted = [...events].sort(
    (a, b) => parseRfc3339(String(a.lastTimestamp)) - parseRfc3339(String(b.lastTimestamp)) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
  );
  for (const e of sorted) {
    const io = e.involvedObject as { kind: string; name: string };
    rows.push([humanDuration(nowMs - parseRfc3339(String(e.lastTimestamp))), String(e.type), String(e.reason), `${io.kind.toLowerCase()}/${io.name}`, String(e.message)]);
  }
  return table(rows);
}

function podsTable(pods: KObject[], nowMs: number): string {
  const rows = [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']];
  for (const p of pods) {
    const r = printPodRow(p as never, nowMs);
    const st = (p.status ?? {}) as { podIP?: string; nominatedNodeName?: string };
    const spec = p.spec as { nodeName?: string };
    rows.push([r.NAME, r.READY, r.STATUS, r.RESTARTS, r.AGE, st.podIP ?? '<none>', spec.nodeName ?? '<none>', st.nominatedNodeName ?? '<none>', '<none>']);
  }
  return table(rows);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const cluster = createCluster({ seed: args.seed, nodes: args.nodes });
  cluster.runUntilIdle();
  let failed = false;
  for (const f of args.files) {
    for (const r of cluster.apply(readFileSync(f, 'utf8'))) {
      if (r.ok) console.error(`${r.kind.toLowerCase()}/${r.name} ${r.action}`);
      else {
        failed = true;
        console.error(`Error from server (${r.status?.reason}): error when applying "${f}" (line ${r.line}): ${r.status?.message}`);
      }
    }
  }
  cluster.runUntilIdle();
  for (const d of args.deletes) {
    const [kind, name] = d.split('/');
    const r = cluster.delete({ kind, name }, { cascade: args.cascade });
    console.error(r.ok ? `${kind} "${name}" deleted` : `Error from server (${r.status?.reason}): ${r.status?.message}`);
    cluster.runUntilIdle();
  }
  const now = cluster.now();
  const events = cluster.list('Event');
  const pods = cluster.list('Pod');
  if (args.json) {
    console.log(JSON.stringify({ nowMs: now, events, pods }, null, 2));
  } else {
    console.log(`# virtual time ${(now / 1000).toFixed(3)} s, ${cluster.trace().length} trace events\n`);
    console.log(events.length ? eventsTable(events, now) : 'No resources found in default namespace.');
    console.log();
    console.log(pods.length ? podsTable(pods, now) : 'No resources found in default namespace.');
  }
  process.exit(failed ? 1 : 0);
}

main();
