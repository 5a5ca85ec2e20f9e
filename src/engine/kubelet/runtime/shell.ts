// A tiny POSIX-shell reader for container commands (`sh -c "…"`): words and quotes, `;` `&&`
// `||` `|` `&`, newlines, `while/until … do … done`, `for … in …; do … done`, `if … fi`.
// Parameter expansion (`$VAR`, `${VAR}`) happens when a command runs (process.ts); a `$` inside
// single quotes is kept literal by marking it with LITERAL_DOLLAR here.

/** Stands for a `$` that was single-quoted: never expanded, turned back into `$` after expansion. */
export const LITERAL_DOLLAR = '\u0001';

export type Token = { t: 'word'; v: string } | { t: 'op'; v: string };

export type Cmd =
  | { kind: 'simple'; words: string[] }
  | { kind: 'loop'; until: boolean; cond: AndOr[]; body: AndOr[] }
  | { kind: 'for'; items: string[]; body: AndOr[] }
  | { kind: 'if'; branches: Array<{ cond: AndOr[]; body: AndOr[] }>; otherwise: AndOr[] };

/** A pipeline is run as a sequence whose status is the last command's. */
export interface AndOr {
  first: Cmd[];
  rest: Array<{ op: '&&' | '||'; cmds: Cmd[] }>;
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let word: string | null = null;
  const flush = () => {
    if (word !== null) out.push({ t: 'word', v: word });
    word = null;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      const quoted = src.slice(i + 1, end < 0 ? src.length : end);
      word = (word ?? '') + (c === "'" ? quoted.replaceAll('$', LITERAL_DOLLAR) : quoted);
      i = end < 0 ? src.length : end + 1;
    } else if (c === '\\' && i + 1 < src.length) {
      word = (word ?? '') + src[i + 1];
      i += 2;
    } else if (c === '$' && src[i + 1] === '(') {
      const end = src.indexOf(')', i);
      word = (word ?? '') + src.slice(i, end < 0 ? src.length : end + 1);
      i = end < 0 ? src.length : end + 1;
    } else if (c === '#' && word === null) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if ('\n;&|'.includes(c)) {
      flush();
      const two = src.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === ';;') {
        out.push({ t: 'op', v: two });
        i += 2;
      } else {
        out.push({ t: 'op', v: c === '\n' ? ';' : c });
        i++;
      }
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  flush();
  return out;
}

const STOP_WORDS = ['do', 'done', 'then', 'else', 'elif', 'fi'];

export class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  static parse(src: string): AndOr[] {
    return new Parser(tokenize(src)).list();
  }

  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t?.t === 'word' ? t.v : undefined;
  }

  private skipSeparators(): void {
    while (this.toks[this.i]?.t === 'op' && [';', '&'].includes(this.toks[this.i].v)) this.i++;
  }

  private expect(word: string): void {
    this.skipSeparators();
    if (this.peekWord() === word) this.i++;
  }

  /** list: and-or items until a stop word or the end. */
  list(): AndOr[] {
    const items: AndOr[] = [];
    for (;;) {
      this.skipSeparators();
      const w = this.peekWord();
      if (this.i >= this.toks.length || (w !== undefined && STOP_WORDS.includes(w))) return items;
      items.push(this.andOr());
    }
  }

  private andOr(): AndOr {
    const item: AndOr = { first: this.pipeline(), rest: [] };
    for (;;) {
      const t = this.toks[this.i];
      if (t?.t !== 'op' || (t.v !== '&&' && t.v !== '||')) return item;
      this.i++;
      while (this.toks[this.i]?.t === 'op' && this.toks[this.i].v === ';') this.i++; // `&& \n cmd`
      item.rest.push({ op: t.v as '&&' | '||', cmds: this.pipeline() });
    }
  }

  private pipeline(): Cmd[] {
    const cmds = [this.command()];
    while (this.toks[this.i]?.t === 'op' && this.toks[this.i].v === '|') {
      this.i++;
      cmds.push(this.command());
    }
    return cmds;
  }

  private command(): Cmd {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.list();
      this.expect('do');
      const body = this.list();
      this.expect('done');
      return { kind: 'loop', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      this.i += 2; // for NAME
      const items: string[] = [];
      if (this.peekWord() === 'in') {
        this.i++;
        while (this.toks[this.i]?.t === 'word') items.push((this.toks[this.i++] as { v: string }).v);
      }
      this.expect('do');
      const body = this.list();
      this.expect('done');
      return { kind: 'for', items, body };
    }
    if (w === 'if') return this.ifCommand();
    const words: string[] = [];
    while (this.toks[this.i]?.t === 'word') words.push((this.toks[this.i++] as { v: string }).v);
    return { kind: 'simple', words };
  }

  private ifCommand(): Cmd {
    const branches: Array<{ cond: AndOr[]; body: AndOr[] }> = [];
    let otherwise: AndOr[] = [];
    this.i++; // if
    for (;;) {
      const cond = this.list();
      this.expect('then');
      branches.push({ cond, body: this.list() });
      const w = this.peekWord();
      this.i++;
      if (w === 'elif') continue;
      if (w === 'else') {
        otherwise = this.list();
        this.expect('fi');
      }
      return { kind: 'if', branches, otherwise };
    }
  }
}
