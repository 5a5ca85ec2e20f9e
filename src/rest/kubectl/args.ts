// A kubectl command line as a shell hands it over (quotes and backslashes undone) and parsed with
// pflag's rules (staging/src/k8s.io/kubectl uses spf13/pflag): `--flag=v`, `--flag v`, `-n v`,
// `-nv`, `-o=wide`, boolean flags with no value or `--flag=false`, `--` ends the flags.

export class UsageError extends Error {}

/** Words of a command line: single quotes keep everything, double quotes and backslashes as in sh. */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) cur += line[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`unexpected EOF while looking for matching \`${quote}'`);
  if (inWord) out.push(cur);
  return out;
}

/** Flags that take no value (the rest take one). Short forms map to their long names. */
const BOOLEAN = new Set([
  'all-namespaces', 'show-labels', 'watch', 'watch-only', 'force', 'wait', 'overwrite', 'all', 'previous', 'follow',
  'ignore-daemonsets', 'delete-emptydir-data', 'no-headers', 'timestamps', 'recursive', 'quiet', 'stdin', 'tty', 'list',
  'record', 'help', 'namespaced', 'current', 'minify', 'raw', 'show-events', 'containers', 'show-capacity', 'sum', 'command',
  'server-side', 'force-conflicts',
]);
const SHORT: Record<string, string> = {
  n: 'namespace', o: 'output', l: 'selector', A: 'all-namespaces', f: 'filename', w: 'watch', c: 'container', p: 'previous',
  i: 'stdin', t: 'tty', q: 'quiet', h: 'help', R: 'recursive',
};

export interface ParsedArgs {
  args: string[];
  flags: Map<string, string>;
  /** how many args came before `--` (cobra's ArgsLenAtDash), when there was one */
  dash?: number;
  /** every value of a repeated flag (`--from-literal=a=1 --from-literal=b=2`), in order */
  multi?: Map<string, string[]>;
  /** the words after `--` (also at the end of args): a container's command */
  rest?: string[];
}

export function parseArgs(words: string[]): ParsedArgs {
  const args: string[] = [];
  const flags = new Map<string, string>();
  const multi = new Map<string, string[]>();
  let rest: string[] | undefined;
  let dash: number | undefined;
  const put = (k: string, v: string) => {
    multi.set(k, [...(multi.get(k) ?? []), v]);
    flags.set(k, v);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      dash = args.length;
      rest = words.slice(i + 1);
      args.push(...rest);
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq > 0 ? w.slice(2, eq) : w.slice(2);
      if (eq > 0) put(name, w.slice(eq + 1));
      else if (BOOLEAN.has(name)) put(name, 'true');
      else if (i + 1 < words.length) put(name, words[++i]);
      else throw new UsageError(`flag needs an argument: --${name}`);
    } else if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      const letter = w[1];
      const name = SHORT[letter];
      if (!name) throw new UsageError(`unknown shorthand flag: '${letter}' in ${w}`);
      let rest = w.slice(2);
      if (rest.startsWith('=')) rest = rest.slice(1);
      if (BOOLEAN.has(name)) {
        put(name, 'true');
        // combined booleans (-it)
        for (const l of rest) {
          const n = SHORT[l];
          if (!n) throw new UsageError(`unknown shorthand flag: '${l}' in ${w}`);
          put(n, 'true');
        }
      } else if (rest) put(name, rest);
      else if (i + 1 < words.length) put(name, words[++i]);
      else throw new UsageError(`flag needs an argument: '${letter}' in -${letter}`);
    } else args.push(w);
  }
  return { args, flags, multi, ...(rest ? { rest } : {}), ...(dash === undefined ? {} : { dash }) };
}

/** A repeated flag's values; with `slice`, comma-separated lists are split as pflag's StringSlice does. */
export function flagValues(p: ParsedArgs, name: string, slice = false): string[] {
  const vs = p.multi?.get(name) ?? (p.flags.has(name) ? [p.flags.get(name)!] : []);
  return slice ? vs.flatMap((v) => v.split(',')) : vs;
}

export function flagBool(p: ParsedArgs, name: string, dflt = false): boolean {
  const v = p.flags.get(name);
  if (v === undefined) return dflt;
  return v === 'true' || v === '';
}
