// Turns a trace event into a sentence in a locale: the message is `narration.json`'s entry for the
// event's key (ICU MessageFormat), the params come from narrationParams. Never throws: an unknown key
// or a param the chosen wording needs but the event lacks gives the generic sentence.
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, type Locale } from '../../i18n';
import type { AnyTraceEvent, TraceEvent } from '../../protocol/messages';
import { componentName, narrationParams, type Params, type Terms } from './narration-params';

type Ns = 'narration' | 'narration-terms';

/** Argument names the message chooses on (select, plural), with the element type. */
interface Compiled {
  fmt: IntlMessageFormat;
  selects: string[];
  plurals: string[];
}

const cache = new Map<string, Compiled | null>();

// intl-messageformat's AST element types (from @formatjs/icu-messageformat-parser's TYPE)
const SELECT = 5;
const PLURAL = 6;
interface AstNode { type: number; value?: string; options?: Record<string, { value: AstNode[] }> }

function collect(els: AstNode[], c: Compiled): void {
  for (const el of els) {
    if (el.type === SELECT && el.value) c.selects.push(el.value);
    if (el.type === PLURAL && el.value) c.plurals.push(el.value);
    for (const opt of Object.values(el.options ?? {})) collect(opt.value, c);
  }
}

function compiled(locale: Locale, ns: Ns, key: string): Compiled | null {
  const id = `${locale}\u0000${ns}\u0000${key}`;
  let c = cache.get(id);
  if (c !== undefined) return c;
  const msg = (catalogues[locale][ns] as Record<string, string | undefined>)[key];
  if (msg === undefined) c = null;
  else {
    const fmt = new IntlMessageFormat(msg, locale);
    c = { fmt, selects: [], plurals: [] };
    collect(fmt.getAst() as unknown as AstNode[], c);
  }
  cache.set(id, c);
  return c;
}

/** Formats; a select on a missing param takes its `none` (or `other`) branch, a plural counts it 0;
 * a missing plain param throws. */
function format(locale: Locale, ns: Ns, key: string, params: Params): string | undefined {
  const c = compiled(locale, ns, key);
  if (!c) return undefined;
  const values: Params = { ...params };
  for (const k of c.selects) if (values[k] === undefined) values[k] = 'none';
  for (const k of c.plurals) if (values[k] === undefined) values[k] = 0;
  return String(c.fmt.format(values as Record<string, string | number | boolean>));
}

export function termsFor(locale: Locale): Terms {
  return (key, params = {}) => format(locale, 'narration-terms', key, params) ?? key;
}

/** Chinese typography (the Kubernetes website's zh-cn style): no space between two Chinese
 * characters or next to full-width punctuation, one space between Chinese and Latin text or numbers. */
export function spaceCjk(s: string): string {
  const han = '\\u3400-\\u9fff';
  const punct = '\\u3000-\\u303f\\uff00-\\uffef\\u2014\\u2026\\u201c\\u201d';
  return s
    .replace(new RegExp(`([${han}]) +(?=[${han}])`, 'g'), '$1')
    .replace(new RegExp(` +(?=[${punct}])`, 'g'), '')
    .replace(new RegExp(`([${punct}]) +`, 'g'), '$1')
    .replace(new RegExp(`([${han}])(?=[A-Za-z0-9])`, 'g'), '$1 ')
    .replace(new RegExp(`([A-Za-z0-9%)\\]])(?=[${han}])`, 'g'), '$1 ');
}

// Sentences may start with a component name; kubectl and kube-apiserver stay lowercase, "the …" does not.
const capitalize = (s: string) => (s.startsWith('the ') ? `T${s.slice(1)}` : s);

function finish(s: string, locale: Locale): string {
  return locale === 'en' ? capitalize(s) : spaceCjk(s);
}

/** Unknown keys: "the kubelet on node-1 → the container runtime on node-1: cri remove container (Pod nginx)". */
function generic(e: AnyTraceEvent, locale: Locale, t: Terms): string {
  const route = e.from === e.to ? componentName(e.from, t) : `${componentName(e.from, t)} → ${componentName(e.to, t)}`;
  const object = e.object ? `${e.object.kind} ${e.object.name}` : undefined;
  return format(locale, 'narration-terms', 'generic', { route, what: e.type.replace(/[._]/g, ' '), object }) ?? route;
}

export function narrate(e: TraceEvent | AnyTraceEvent, locale: Locale): string {
  const t = termsFor(locale);
  const ev = e as AnyTraceEvent;
  try {
    const s = format(locale, 'narration', ev.key, narrationParams(ev, locale, t)) ?? format(locale, 'narration', ev.type, narrationParams(ev, locale, t));
    if (s !== undefined) return finish(s, locale);
  } catch {
    /* a param the wording needs is missing: fall through to the generic sentence */
  }
  return finish(generic(ev, locale, t), locale);
}
