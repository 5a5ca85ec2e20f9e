// How long a person needs to read each narration (story pacing at 1×): measured on the message text
// of the locale shown, about 30 characters a second for Latin text and 8 for Chinese, 0.6–6 s.
import { catalogues, type Locale } from '../../i18n';

const LATIN_MS = 34;
const CJK_MS = 120;
const BASE_MS = 300;
const MIN_MS = 600;
const MAX_MS = 6000;

export function readingMs(text: string): number {
  // placeholders stand for a short value each
  const plain = text.replace(/\{[^{}]*\}/g, 'xxxxxxxx');
  let ms = BASE_MS;
  for (const ch of plain) ms += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? CJK_MS : LATIN_MS;
  return Math.round(Math.min(MAX_MS, Math.max(MIN_MS, ms)));
}

const tables = new Map<Locale, Record<string, number>>();

/** Reading time per narration key in a locale (computed once per locale). */
export function readingTable(locale: Locale): Record<string, number> {
  const known = tables.get(locale);
  if (known) return known;
  const messages = (catalogues[locale] as unknown as Record<string, Record<string, string>>).narration ?? {};
  const out: Record<string, number> = {};
  for (const [key, text] of Object.entries(messages)) out[key] = readingMs(text);
  tables.set(locale, out);
  return out;
}
