// npm run serve [-- --port N --seed N --nodes N --speed X --kubeconfig PATH --app DIR]: the model behind a
// local Kubernetes API for the real kubectl, and the app (built into dist/ by the script) attached to
// it at the same address; prints the URLs and writes a kubeconfig.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { kubeconfig, startServer } from './server';

function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

function num(args: string[], name: string): number | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name}: "${v}" is not a number`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const path = resolve(flag(args, 'kubeconfig') ?? '.orrery/kubeconfig');
  const s = await startServer({ port: num(args, 'port') ?? 6443, seed: num(args, 'seed'), nodes: num(args, 'nodes'), speed: num(args, 'speed'), app: args.includes('--no-app') ? false : flag(args, 'app'), log: args.includes('--verbose') ? (l) => console.log(l) : undefined });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfig(s.url));
  console.log(`Kube Orrery serving the Kubernetes API at ${s.url} (127.0.0.1 only)`);
  console.log(`kubeconfig written to ${path}`);
  console.log(`  KUBECONFIG=${path} kubectl get nodes`);
  if (s.app) console.log(`Open ${s.url}/ to watch kubectl's requests in the app (it attaches to this cluster)`);
  else console.log('No built app to serve (run vite build, or npm run serve, which builds it first)');
  const stop = () => void s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
