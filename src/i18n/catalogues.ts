// The message catalogues are data: one JSON file per namespace and locale (ICU MessageFormat, so
// plurals, selects and numbers are in the message, not in code). English is the source; every other
// locale must have every English key, which catalogues.test-d.ts checks at compile time.
import type { NarrationKey } from '../protocol/messages';
import enNarration from './locales/en/narration.json';
import enTerms from './locales/en/narration-terms.json';
import enUi from './locales/en/ui.json';
import enWalkthroughs from './locales/en/walkthroughs.json';
import zhNarration from './locales/zh-CN/narration.json';
import zhTerms from './locales/zh-CN/narration-terms.json';
import zhUi from './locales/zh-CN/ui.json';
import zhWalkthroughs from './locales/zh-CN/walkthroughs.json';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** namespace → English messages (the source of the key types) */
export const en = { ui: enUi, walkthroughs: enWalkthroughs, narration: enNarration, 'narration-terms': enTerms } as const;

/** Every narration key the engine can emit has an English message (so, by Catalogue, a Chinese one):
 * a key the engine adds without a message is a compile error here. */
export const narrationCheck: Record<NarrationKey, string> = enNarration;

export type Namespace = keyof typeof en;
export type MessageKey<N extends Namespace = 'ui'> = keyof (typeof en)[N] & string;

/** Every locale's catalogue has exactly the English keys (a missing one is a compile error). */
export type Catalogue = { [N in Namespace]: Record<MessageKey<N>, string> };

export const catalogues: Record<Locale, Catalogue> = {
  en,
  'zh-CN': { ui: zhUi, walkthroughs: zhWalkthroughs, narration: zhNarration, 'narration-terms': zhTerms },
};

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}
